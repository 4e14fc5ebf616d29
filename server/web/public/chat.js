// @ts-check
// The chat page's controller: one conversation at a time, resumed after a reload, never lost
// to a failed request. Labels come from GET /api/ui-strings; the HTML holds Korean defaults.
import { applyStrings, seedStrings } from "../shared/page-strings.js";
import { chatApi, errorMessageOf, isTransient, savedSession, sessionIdOf, stringsOf, turnOf } from "./chat-api.js";
import { exitDestination, leaveQuickly } from "./chat-exit.js";
import { trackStickyParts } from "./chat-layout.js";
import { appendBubble, telHref } from "./chat-render.js";
import { findChatUi } from "./chat-ui.js";
import { createChatView } from "./chat-view.js";

/** @typedef {import("./chat-api.js").Turn} Turn */
/** @typedef {import("./chat-api.js").Lang} Lang */
/** @typedef {import("./chat-api.js").Message} Message */
/** @typedef {import("./chat-api.js").Reply} Reply */
/** @typedef {import("./chat-api.js").SavedSession} SavedSession */
/** @typedef {import("../shared/format-message.js").Strings} Strings */

const ui = findChatUi();
/** @type {import("./chat-view.js").ChatState} */
const state = {
  lang: "ko", strings: seedStrings(document), sessionId: null, turn: null, busy: false, retry: null,
  services: { lang: null, byId: {} }, phone: null, urgent: [], unreachable: false,
};
const view = createChatView(ui, state, (message, echo) => void send(message, echo));
const { drawUrgentPanel, setUnreachable, showStatus, clearStatus, offerRetry, exclusive, clearConversation, showTurn } = view;

/** @returns {Lang} */
function preferredLang() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked === "ko" || asked === "en") return asked;
  const first = (navigator.languages[0] ?? navigator.language ?? "ko").toLowerCase();
  return first.startsWith("en") ? "en" : "ko";
}

/** @param {Lang} lang @returns {Promise<Strings | null>} */
async function fetchStrings(lang) {
  const strings = stringsOf(await chatApi.uiStrings(lang));
  return strings ? { ...state.strings, ...strings } : null;
}

/** @param {Lang} lang @param {Strings} strings */
function useStrings(lang, strings) {
  state.lang = lang;
  state.strings = strings;
  document.documentElement.lang = lang;
  applyStrings(document, strings);
  document.title = strings.title ?? document.title;
  ui.langSwitch.lang = lang === "ko" ? "en" : "ko";
  ui.centerCall.href = telHref(strings["center.phone"] ?? "");
  ui.quickExit.href = exitDestination(strings, ui.quickExit);
  drawUrgentPanel();
}

// ── Conversation actions ──────────────────────────────────────────────────────

/**
 * Opens a new conversation; `notices` (what an erase left, say) are said first, on the clean page.
 * @param {Lang} lang @param {string} [noticeKey] @param {readonly string[]} [notices]
 */
async function start(lang, noticeKey, notices = []) {
  const res = await chatApi.createSession(lang);
  const sessionId = sessionIdOf(res);
  const turn = turnOf(res);
  if (!res.ok || !sessionId || !turn) {
    offerRetry(res, () => exclusive(() => start(lang, noticeKey, notices)));
    return;
  }
  state.sessionId = sessionId;
  savedSession.write(sessionId, lang);
  clearConversation();
  clearStatus();
  if (noticeKey) showStatus(state.strings[noticeKey]);
  for (const text of notices) appendBubble(ui.log, "bot", text, state.strings);
  await showTurn(turn);
}

/**
 * The conversation was erased on the server: nothing of it stays on the page or in storage; what
 * the erase left (a booking that stays, and for how long) is said on the new conversation's page.
 * @param {Turn} turn
 */
async function afterErase(turn) {
  savedSession.clear();
  state.sessionId = null;
  state.turn = null;
  state.phone = null;
  state.urgent = [];
  clearConversation();
  drawUrgentPanel();
  await start(state.lang, undefined, turn.messages.map((m) => m.text));
}

/** @param {SavedSession} saved */
async function resume(saved) {
  const res = await chatApi.resume(saved.id);
  const turn = turnOf(res);
  if (res.ok && turn) {
    state.sessionId = saved.id;
    clearStatus();
    showStatus(state.strings["status.resumed"]);
    await showTurn(turn);
  } else if (isTransient(res) || res.ok) {
    offerRetry(res, () => exclusive(() => resume(saved)));
  } else {
    savedSession.clear();
    await start(state.lang, "status.expired");
  }
}

/**
 * Sends one answer or command; the echo bubble and the cleared input wait for the server's yes.
 * @param {Message} message
 * @param {string} echo
 * @param {{ restart?: boolean }} [options]
 * @returns {Promise<void>}
 */
function send(message, echo, { restart = false } = {}) {
  return exclusive(async () => {
    const sessionId = state.sessionId;
    if (!sessionId) return;
    const res = await chatApi.send(sessionId, message, state.lang);
    const turn = turnOf(res);
    if (res.ok && turn) {
      if (turn.erased) {
        await afterErase(turn);
        return;
      }
      if (state.turn?.input.kind === "phone" && "text" in message) state.phone = message.text;
      clearStatus();
      if (restart) clearConversation();
      appendBubble(ui.log, "you", echo, state.strings);
      ui.answer.value = "";
      await showTurn(turn, { moveFocus: true });
    } else if (res.status === 404) {
      await start(state.lang, "status.expired");
    } else if (isTransient(res) || res.ok) {
      offerRetry(res, () => send(message, echo, { restart }));
    } else {
      // The server answered (a 4xx): it can be reached, so no fallback numbers are added.
      setUnreachable(false);
      showStatus(errorMessageOf(res) ?? state.strings["status.unavailable"]);
    }
  }, { sending: true });
}

/** @param {string} key @returns {Promise<boolean>} */
function confirmAction(key) {
  return new Promise((resolve) => {
    ui.confirmText.textContent = state.strings[key] ?? "";
    ui.confirm.returnValue = "";
    ui.confirm.addEventListener("close", () => resolve(ui.confirm.returnValue === "yes"), { once: true });
    ui.confirm.showModal();
  });
}

const hasProgress = () => (state.turn?.progress?.answered ?? 0) > 0 || state.turn?.done === true;

/**
 * "대화 지우기": the erase command goes through the conversation, so a resident who booked is asked
 * whether to cancel the booking too (and told what stays); without a booking it erases at once.
 */
async function eraseConversation() {
  if (!(await confirmAction("erase.confirm"))) return;
  if (!state.sessionId) {
    await exclusive(() => start(state.lang, "erase.done"));
    return;
  }
  await send({ command: "erase" }, state.strings["erase.button"] ?? "");
}

async function switchLanguage() {
  /** @type {Lang} */
  const target = state.lang === "ko" ? "en" : "ko";
  if (hasProgress() && !(await confirmAction("lang.confirm"))) return;
  /** @returns {Promise<void>} */
  const run = () => exclusive(async () => {
    const strings = await fetchStrings(target);
    /** @type {Reply} */
    const res = strings ? await chatApi.createSession(target) : { ok: false, status: 503, body: null, retryAfter: null };
    const sessionId = sessionIdOf(res);
    const turn = turnOf(res);
    if (!strings || !res.ok || !sessionId || !turn) {
      offerRetry(res, run);
      return;
    }
    const old = state.sessionId;
    useStrings(target, strings);
    state.sessionId = sessionId;
    savedSession.write(sessionId, target);
    clearConversation();
    clearStatus();
    await showTurn(turn, { moveFocus: true });
    // The old conversation is of no further use; erasing it keeps nothing behind on the server.
    if (old) await chatApi.erase(old);
  });
  await run();
}

// ── Wiring ────────────────────────────────────────────────────────────────────

ui.quickExit.addEventListener("click", (event) => {
  event.preventDefault();
  leaveQuickly({
    destination: exitDestination(state.strings, ui.quickExit),
    clear: () => {
      state.sessionId = null;
      state.turn = null;
      state.phone = null;
      clearConversation();
    },
  });
});
ui.form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = ui.answer.value;
  void send({ text }, text.trim() === "" ? "…" : text);
});
ui.back.addEventListener("click", () => void send({ command: "back" }, state.strings["back.button"] ?? ""));
ui.restart.addEventListener("click", async () => {
  if (hasProgress() && !(await confirmAction("restart.confirm"))) return;
  await send({ command: "restart" }, state.strings["restart.button"] ?? "", { restart: true });
});
ui.erase.addEventListener("click", () => void eraseConversation());
ui.langSwitch.addEventListener("click", () => void switchLanguage());
ui.retry.addEventListener("click", () => {
  const again = state.retry;
  ui.retry.hidden = true;
  state.retry = null;
  if (again) void again();
});

async function boot() {
  trackStickyParts(view.sticky);
  const saved = savedSession.read();
  const lang = saved?.lang ?? preferredLang();
  await exclusive(async () => {
    const strings = await fetchStrings(lang);
    useStrings(lang, strings ?? state.strings);
    await (saved ? resume(saved) : start(lang));
  });
}

void boot();
