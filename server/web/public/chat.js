// The chat page's controller: one conversation at a time, resumed after a reload, never lost
// to a failed request. Labels come from GET /api/ui-strings; the HTML holds Korean defaults.
import { chatApi, isTransient, savedSession } from "./chat-api.js";
import { renderComposer } from "./chat-composer.js";
import { appendBookingCard } from "./chat-booking.js";
import { appendBubble, format, renderChoices, renderResults } from "./chat-render.js";

/** Words the engine understands in every language; they are protocol, not page copy. */
const COMMAND = { back: "뒤로", restart: "처음으로" };

const $ = (id) => document.getElementById(id);
const ui = {
  main: $("main"), log: $("log"), results: $("results"), resultsHeading: $("results-heading"), choices: $("choices"),
  parts: { urgent: $("urgent"), loans: $("loans"), services: $("services") }, centerCall: $("center-call"),
  progress: $("progress"), progressText: $("progress-text"), statusText: $("status-text"), retry: $("retry"),
  form: $("answer-form"), answer: $("answer"), hint: $("answer-hint"), units: $("units"),
  back: $("back"), restart: $("restart"), erase: $("erase"), langSwitch: $("lang-switch"),
  confirm: $("confirm"), confirmText: $("confirm-text"),
};

const composerParts = { form: ui.form, answer: ui.answer, hint: ui.hint, units: ui.units, progress: ui.progress, progressText: ui.progressText };

// `phone` is the mobile number last typed for a booking in this visit, kept in memory only, so
// the booking card can fetch the calendar file (which asks for the code and the phone).
const state = { lang: "ko", strings: seedStrings(), sessionId: null, turn: null, busy: false, retry: null, services: { lang: null, byId: {} }, phone: null };

/** The HTML's own Korean labels, used until (or if never) the server's strings arrive. */
function seedStrings() {
  const strings = {};
  const fallback = document.getElementById("fallback-strings");
  const nodes = [...document.querySelectorAll("[data-i18n]"), ...(fallback ? fallback.content.querySelectorAll("[data-i18n]") : [])];
  for (const node of nodes) strings[node.dataset.i18n] = node.textContent.trim();
  return strings;
}

function preferredLang() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked === "ko" || asked === "en") return asked;
  const first = (navigator.languages?.[0] ?? navigator.language ?? "ko").toLowerCase();
  return first.startsWith("en") ? "en" : "ko";
}

async function fetchStrings(lang) {
  const res = await chatApi.uiStrings(lang);
  return res.ok && res.body && typeof res.body.strings === "object" ? { ...state.strings, ...res.body.strings } : null;
}

function applyStrings(lang, strings) {
  state.lang = lang;
  state.strings = strings;
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-i18n]")) if (strings[node.dataset.i18n]) node.textContent = strings[node.dataset.i18n];
  for (const node of document.querySelectorAll("[data-i18n-aria-label]")) {
    const text = strings[node.dataset.i18nAriaLabel];
    if (text) node.setAttribute("aria-label", text);
  }
  document.title = strings.title ?? document.title;
  ui.langSwitch.lang = lang === "ko" ? "en" : "ko";
  ui.centerCall.href = `tel:${(strings["center.phone"] ?? "").replace(/[^0-9]/g, "")}`;
}

// ── Status and retry ──────────────────────────────────────────────────────────

function showStatus(text) {
  ui.statusText.textContent = text ?? "";
}

function clearStatus() {
  showStatus("");
  ui.retry.hidden = true;
  state.retry = null;
}

/** A calm message and a retry that repeats exactly what failed; the session and typed text stay. */
function offerRetry(res, again) {
  const s = state.strings;
  if (res.status === 0) showStatus(s["status.offline"]);
  else if (res.status === 429) showStatus(format(s, "status.busy", { s: res.retryAfter ?? 30 }));
  else showStatus(s["status.unavailable"]);
  state.retry = again;
  ui.retry.hidden = false;
}

function setBusy(busy) {
  state.busy = busy;
  ui.main.setAttribute("aria-busy", String(busy));
  ui.form.setAttribute("aria-busy", String(busy));
}

/** Runs one request at a time, so a double tap never answers twice. */
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

async function servicesFor(lang) {
  if (state.services.lang !== lang) {
    const res = await chatApi.services(lang);
    const list = res.ok && Array.isArray(res.body?.services) ? res.body.services : [];
    state.services = { lang: res.ok ? lang : null, byId: Object.fromEntries(list.map((s) => [s.id, s])) };
  }
  return state.services.byId;
}

async function showTurn(turn, { moveFocus = false } = {}) {
  state.turn = turn;
  const first = turn.messages.map((m) => appendBubble(ui.log, "bot", m.text, state.strings))[0];
  if (turn.booking) appendBookingCard(ui.log, turn.booking, state.strings, { lang: state.lang, phone: state.phone });
  renderChoices(ui.choices, turn, state.strings, {
    onChoose: (id, label) => send({ optionId: id }, label),
    onMulti: (ids, labels) => send({ optionId: ids.join(",") }, labels.join(", ")),
  });
  if (turn.evaluation) {
    renderResults(ui.parts, turn.evaluation, await servicesFor(state.lang), state.strings);
    ui.results.hidden = false;
  } else {
    ui.results.hidden = true;
  }
  renderComposer(composerParts, turn, state.strings);
  const answered = (turn.progress?.answered ?? 0) > 0;
  ui.back.hidden = !answered || ui.form.hidden;
  ui.restart.hidden = !answered && !turn.done;
  if (!moveFocus) return;
  // The result opens at its heading, so urgent help is the first thing in view.
  (turn.evaluation ? ui.resultsHeading : first)?.scrollIntoView({ block: "start" });
  const target = turn.evaluation ? ui.resultsHeading : ui.choices.querySelector("button") ?? (ui.form.hidden ? null : ui.answer);
  target?.focus({ preventScroll: true });
}

// ── Conversation actions ──────────────────────────────────────────────────────

async function start(lang, noticeKey) {
  const res = await chatApi.createSession(lang);
  if (!res.ok) {
    offerRetry(res, () => exclusive(() => start(lang, noticeKey)));
    return;
  }
  state.sessionId = res.body.sessionId;
  savedSession.write(state.sessionId, lang);
  clearConversation();
  clearStatus();
  if (noticeKey) showStatus(state.strings[noticeKey]);
  await showTurn(res.body.turn);
}

async function resume(saved) {
  const res = await chatApi.resume(saved.id);
  if (res.ok) {
    state.sessionId = saved.id;
    clearStatus();
    showStatus(state.strings["status.resumed"]);
    await showTurn(res.body.turn);
  } else if (isTransient(res)) {
    offerRetry(res, () => exclusive(() => resume(saved)));
  } else {
    savedSession.clear();
    await start(state.lang, "status.expired");
  }
}

/** Sends one answer; the echo bubble and the cleared input wait for the server's yes. */
function send(message, echo, { restart = false } = {}) {
  return exclusive(async () => {
    const res = await chatApi.send(state.sessionId, message, state.lang);
    if (res.ok && state.turn?.input?.kind === "phone" && typeof message.text === "string") state.phone = message.text;
    if (res.ok) {
      clearStatus();
      if (restart) clearConversation();
      appendBubble(ui.log, "you", echo, state.strings);
      ui.answer.value = "";
      await showTurn(res.body.turn, { moveFocus: true });
    } else if (res.status === 404) {
      await start(state.lang, "status.expired");
    } else if (isTransient(res)) {
      offerRetry(res, () => send(message, echo, { restart }));
    } else {
      showStatus(res.body?.error?.message ?? state.strings["status.unavailable"]);
    }
  });
}

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
  const run = () => exclusive(async () => {
    const res = state.sessionId ? await chatApi.erase(state.sessionId) : { ok: true, status: 204 };
    if (!res.ok && res.status !== 404) {
      offerRetry(res, run);
      return;
    }
    savedSession.clear();
    state.sessionId = null;
    state.turn = null;
    clearConversation();
    await start(state.lang, "erase.done");
  });
  await run();
}

async function switchLanguage() {
  const target = state.lang === "ko" ? "en" : "ko";
  if (hasProgress() && !(await confirmAction("lang.confirm"))) return;
  const run = () => exclusive(async () => {
    const strings = await fetchStrings(target);
    const res = strings ? await chatApi.createSession(target) : { ok: false, status: 503, retryAfter: null };
    if (!res.ok) {
      offerRetry(res, run);
      return;
    }
    const old = state.sessionId;
    applyStrings(target, strings);
    state.sessionId = res.body.sessionId;
    savedSession.write(state.sessionId, target);
    clearConversation();
    clearStatus();
    await showTurn(res.body.turn, { moveFocus: true });
    // The old conversation is of no further use; erasing it keeps nothing behind on the server.
    if (old) await chatApi.erase(old);
  });
  await run();
}

// ── Wiring ────────────────────────────────────────────────────────────────────

ui.form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = ui.answer.value;
  if (state.sessionId) void send({ text }, text.trim() === "" ? "…" : text);
});
ui.back.addEventListener("click", () => void send({ text: COMMAND.back }, state.strings["back.button"] ?? COMMAND.back));
ui.restart.addEventListener("click", async () => {
  if (hasProgress() && !(await confirmAction("restart.confirm"))) return;
  await send({ text: COMMAND.restart }, state.strings["restart.button"] ?? COMMAND.restart, { restart: true });
});
ui.erase.addEventListener("click", () => void eraseConversation());
ui.langSwitch.addEventListener("click", () => void switchLanguage());
ui.retry.addEventListener("click", () => {
  const again = state.retry;
  clearStatus();
  if (again) void again();
});

/**
 * Keeps focused and scrolled-to elements clear of the sticky answer bar; with very large text
 * the bar stops being sticky rather than cover most of the screen.
 */
function trackComposerHeight() {
  const composer = document.getElementById("composer");
  const update = () => {
    const tall = composer.offsetHeight > window.innerHeight * 0.4;
    composer.classList.toggle("composer-static", tall);
    document.documentElement.style.scrollPaddingBottom = tall ? "" : `${composer.offsetHeight + 8}px`;
  };
  new ResizeObserver(update).observe(composer);
  window.addEventListener("resize", update);
  update();
}

async function boot() {
  trackComposerHeight();
  const saved = savedSession.read();
  const lang = saved?.lang ?? preferredLang();
  const strings = await fetchStrings(lang);
  applyStrings(lang, strings ?? state.strings);
  showStatus(state.strings["status.loading"]);
  await exclusive(() => (saved ? resume(saved) : start(lang)));
}

void boot();
