// @ts-check
// The chat page's controller: one conversation at a time, resumed after a reload, never lost
// to a failed request. Labels come from GET /api/ui-strings; the HTML holds Korean defaults.
import { chatApi, errorMessageOf, isTransient, isUnreachable, savedSession, servicesOf, sessionIdOf, stringsOf, turnOf } from "./chat-api.js";
import { renderComposer } from "./chat-composer.js";
import { appendBookingCard } from "./chat-booking.js";
import { exitDestination, leaveQuickly } from "./chat-exit.js";
import { trackStickyParts } from "./chat-layout.js";
import { appendBubble, format, renderChoices, renderResults, telHref } from "./chat-render.js";
import { centerCall, fallbackCalls, panelCalls, renderUrgentPanel } from "./chat-urgent.js";

/** @typedef {import("./chat-api.js").Turn} Turn */
/** @typedef {import("./chat-api.js").UrgentItem} UrgentItem */
/** @typedef {import("./chat-api.js").Lang} Lang */
/** @typedef {import("./chat-api.js").Message} Message */
/** @typedef {import("./chat-api.js").Reply} Reply */
/** @typedef {import("./chat-api.js").Service} Service */
/** @typedef {import("./chat-api.js").SavedSession} SavedSession */
/** @typedef {import("./chat-render.js").Strings} Strings */

/**
 * The element with `id`, of the expected kind; the page cannot work without it.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (): T, prototype: T }} kind
 * @returns {T}
 */
function byId(id, kind) {
  const node = document.getElementById(id);
  if (!(node instanceof kind)) throw new Error(`the page has no #${id}`);
  return node;
}

const ui = {
  main: byId("main", HTMLElement), log: byId("log", HTMLElement), results: byId("results", HTMLElement),
  resultsHeading: byId("results-heading", HTMLElement), choices: byId("choices", HTMLElement),
  parts: { urgent: byId("urgent", HTMLElement), loans: byId("loans", HTMLElement), services: byId("services", HTMLElement) },
  centerCall: byId("center-call", HTMLAnchorElement),
  panel: { panel: byId("urgent-panel", HTMLElement), list: byId("urgent-calls", HTMLElement) },
  top: byId("top", HTMLElement), quickExit: byId("quick-exit", HTMLAnchorElement), composer: byId("composer", HTMLElement),
  progress: byId("progress", HTMLProgressElement), progressText: byId("progress-text", HTMLElement),
  statusText: byId("status-text", HTMLElement), retry: byId("retry", HTMLButtonElement),
  form: byId("answer-form", HTMLFormElement), answer: byId("answer", HTMLInputElement), hint: byId("answer-hint", HTMLElement),
  units: byId("units", HTMLElement), back: byId("back", HTMLButtonElement), restart: byId("restart", HTMLButtonElement),
  erase: byId("erase", HTMLButtonElement), langSwitch: byId("lang-switch", HTMLButtonElement),
  confirm: byId("confirm", HTMLDialogElement), confirmText: byId("confirm-text", HTMLElement),
};

const composerParts = { form: ui.form, answer: ui.answer, hint: ui.hint, units: ui.units, progress: ui.progress, progressText: ui.progressText };
const fallbackTemplate = document.getElementById("fallback-calls");
const fallbackCallsTemplate = fallbackTemplate instanceof HTMLTemplateElement ? fallbackTemplate : null;

/**
 * `phone` is the mobile number last typed for a booking in this visit, kept in memory only, so
 * the booking card can fetch the calendar file (which asks for the code and the phone).
 * `urgent` is the urgent help of the last turn; `unreachable` is true while our server cannot be
 * reached, and the urgent panel then also offers the page's own numbers.
 * @type {{ lang: Lang, strings: Strings, sessionId: string | null, turn: Turn | null, busy: boolean,
 *   retry: (() => Promise<void>) | null, services: { lang: Lang | null, byId: Record<string, Service> },
 *   phone: string | null, urgent: readonly UrgentItem[], unreachable: boolean }}
 */
const state = {
  lang: "ko", strings: seedStrings(), sessionId: null, turn: null, busy: false, retry: null,
  services: { lang: null, byId: {} }, phone: null, urgent: [], unreachable: false,
};

/**
 * The HTML's own Korean labels (and the center's number the server wrote into it), used until
 * (or if never) the server's strings arrive.
 * @returns {Strings}
 */
function seedStrings() {
  /** @type {Strings} */
  const strings = {};
  const templates = [...document.querySelectorAll("template")];
  const nodes = [...document.querySelectorAll("[data-i18n]"), ...templates.flatMap((t) => [...t.content.querySelectorAll("[data-i18n]")])];
  for (const node of nodes) {
    const key = node.getAttribute("data-i18n");
    if (key) strings[key] = node.textContent?.trim() ?? "";
  }
  return strings;
}

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
function applyStrings(lang, strings) {
  state.lang = lang;
  state.strings = strings;
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-i18n]")) {
    const text = strings[node.getAttribute("data-i18n") ?? ""];
    if (text) node.textContent = text;
  }
  for (const node of document.querySelectorAll("[data-i18n-aria-label]")) {
    const text = strings[node.getAttribute("data-i18n-aria-label") ?? ""];
    if (text) node.setAttribute("aria-label", text);
  }
  document.title = strings.title ?? document.title;
  ui.langSwitch.lang = lang === "ko" ? "en" : "ko";
  ui.centerCall.href = telHref(strings["center.phone"] ?? "");
  ui.quickExit.href = exitDestination(strings, ui.quickExit);
  drawUrgentPanel();
}

// ── Urgent panel ──────────────────────────────────────────────────────────────

function drawUrgentPanel() {
  const strings = state.strings;
  renderUrgentPanel(ui.panel, panelCalls({
    urgent: state.urgent, unreachable: state.unreachable, fallback: fallbackCalls(fallbackCallsTemplate, strings), center: centerCall(strings),
  }));
}

/** @param {boolean} unreachable */
function setUnreachable(unreachable) {
  if (state.unreachable === unreachable) return;
  state.unreachable = unreachable;
  drawUrgentPanel();
}

// ── Status and retry ──────────────────────────────────────────────────────────

/** @param {string | undefined} text */
function showStatus(text) {
  ui.statusText.textContent = text ?? "";
}

function clearStatus() {
  showStatus("");
  ui.retry.hidden = true;
  state.retry = null;
  setUnreachable(false);
}

/**
 * A calm message and a retry that repeats exactly what failed; the session and typed text stay.
 * When no answer came, or our server failed, it says the service cannot be reached (the device
 * is blamed only when the browser itself knows it is offline) and the panel offers numbers to
 * call that need no server.
 * @param {Reply} res
 * @param {() => Promise<void>} again
 */
function offerRetry(res, again) {
  const s = state.strings;
  if (res.status === 429) showStatus(format(s, "status.busy", { s: res.retryAfter ?? 30 }));
  else if (res.status === 0 && !navigator.onLine) showStatus(s["status.offline"]);
  else showStatus(s["status.unavailable"]);
  state.retry = again;
  ui.retry.hidden = false;
  setUnreachable(isUnreachable(res));
}

/** @param {boolean} busy */
function setBusy(busy) {
  state.busy = busy;
  ui.main.setAttribute("aria-busy", String(busy));
  ui.form.setAttribute("aria-busy", String(busy));
}

/**
 * Runs one request at a time, so a double tap never answers twice.
 * @param {() => Promise<void>} task
 */
async function exclusive(task) {
  if (state.busy) return;
  setBusy(true);
  try {
    await task();
  } finally {
    setBusy(false);
  }
}

// ── Turns ─────────────────────────────────────────────────────────────────────

function clearConversation() {
  ui.log.replaceChildren();
  ui.results.hidden = true;
  ui.choices.replaceChildren();
  ui.answer.value = "";
}

/** @param {Lang} lang */
async function servicesFor(lang) {
  if (state.services.lang !== lang) {
    const res = await chatApi.services(lang);
    state.services = { lang: res.ok ? lang : null, byId: servicesOf(res) };
  }
  return state.services.byId;
}

/**
 * @param {Turn} turn
 * @param {{ moveFocus?: boolean }} [options]
 */
async function showTurn(turn, { moveFocus = false } = {}) {
  state.turn = turn;
  state.urgent = turn.urgent;
  drawUrgentPanel();
  const first = turn.messages.map((m) => appendBubble(ui.log, "bot", m.text, state.strings))[0];
  if (turn.booking) appendBookingCard(ui.log, turn.booking, state.strings, { lang: state.lang, phone: state.phone });
  renderChoices(ui.choices, turn, state.strings, {
    onChoose: (id, label) => void send({ optionId: id }, label),
    onMulti: (ids, labels) => void send({ optionId: ids.join(",") }, labels.join(", ")),
  });
  if (turn.evaluation) {
    renderResults(ui.parts, turn.evaluation, turn.urgent, await servicesFor(state.lang), state.strings);
    ui.results.hidden = false;
  } else {
    ui.results.hidden = true;
  }
  renderComposer(composerParts, turn, state.strings);
  const answered = (turn.progress?.answered ?? 0) > 0;
  ui.back.hidden = !answered || ui.form.hidden;
  ui.restart.hidden = !answered && !turn.done;
  if (!moveFocus) return;
  // The result opens at its heading, so its urgent help is the first thing in view.
  (turn.evaluation ? ui.resultsHeading : first)?.scrollIntoView({ block: "start" });
  const target = turn.evaluation ? ui.resultsHeading : ui.choices.querySelector("button") ?? (ui.form.hidden ? null : ui.answer);
  target?.focus({ preventScroll: true });
}

// ── Conversation actions ──────────────────────────────────────────────────────

/** @param {Lang} lang @param {string} [noticeKey] */
async function start(lang, noticeKey) {
  const res = await chatApi.createSession(lang);
  const sessionId = sessionIdOf(res);
  const turn = turnOf(res);
  if (!res.ok || !sessionId || !turn) {
    offerRetry(res, () => exclusive(() => start(lang, noticeKey)));
    return;
  }
  state.sessionId = sessionId;
  savedSession.write(sessionId, lang);
  clearConversation();
  clearStatus();
  if (noticeKey) showStatus(state.strings[noticeKey]);
  await showTurn(turn);
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
  });
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

async function eraseConversation() {
  if (!(await confirmAction("erase.confirm"))) return;
  /** @returns {Promise<void>} */
  const run = () => exclusive(async () => {
    /** @type {Reply} */
    const res = state.sessionId ? await chatApi.erase(state.sessionId) : { ok: true, status: 204, body: null, retryAfter: null };
    if (!res.ok && res.status !== 404) {
      offerRetry(res, run);
      return;
    }
    savedSession.clear();
    state.sessionId = null;
    state.turn = null;
    state.urgent = [];
    clearConversation();
    drawUrgentPanel();
    await start(state.lang, "erase.done");
  });
  await run();
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
    applyStrings(target, strings);
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
  trackStickyParts({ top: ui.top, panel: ui.panel.panel, composer: ui.composer });
  const saved = savedSession.read();
  const lang = saved?.lang ?? preferredLang();
  const strings = await fetchStrings(lang);
  applyStrings(lang, strings ?? state.strings);
  showStatus(state.strings["status.loading"]);
  await exclusive(() => (saved ? resume(saved) : start(lang)));
}

void boot();
