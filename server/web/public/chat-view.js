// @ts-check
// What the chat page shows of a conversation: the turns (bubbles, buttons, answer bar, result),
// the urgent panel, the status line with its retry, and the busy and sending states. It reads and
// writes the page's one state; the controller (chat.js) decides what to ask the server.
import { format } from "../shared/format-message.js";
import { chatApi, isUnreachable, servicesOf } from "./chat-api.js";
import { appendBookingCard } from "./chat-booking.js";
import { endLoading, showBusy } from "./chat-busy.js";
import { renderComposer } from "./chat-composer.js";
import { revealAnswers, visibleBand } from "./chat-layout.js";
import { appendBubble, renderChoices } from "./chat-render.js";
import { RESULT_LAYOUTS, renderResult } from "./chat-result.js";
import { centerCall, fallbackCalls, panelCalls, renderUrgentPanel } from "./chat-urgent.js";

/** @typedef {import("./chat-api.js").Turn} Turn */
/** @typedef {import("./chat-api.js").UrgentItem} UrgentItem */
/** @typedef {import("./chat-api.js").Lang} Lang */
/** @typedef {import("./chat-api.js").Message} Message */
/** @typedef {import("./chat-api.js").Reply} Reply */
/** @typedef {import("./chat-api.js").Service} Service */
/** @typedef {import("../shared/format-message.js").Strings} Strings */
/** @typedef {import("./chat-ui.js").ChatUi} ChatUi */
/**
 * The page's one state. `phone` is the mobile number last typed for a booking in this visit,
 * kept in memory only, so the booking card can fetch the calendar file (which asks for the code
 * and the phone). `urgent` is the urgent help of the last turn; `unreachable` is true while our
 * server cannot be reached, and the urgent panel then also offers the page's own numbers.
 * @typedef {{ lang: Lang, strings: Strings, sessionId: string | null, turn: Turn | null, busy: boolean,
 *   retry: (() => Promise<void>) | null, services: { lang: Lang | null, byId: Record<string, Service> },
 *   phone: string | null, urgent: readonly UrgentItem[], unreachable: boolean }} ChatState
 */

/**
 * The view over `ui` and `state`; `answer` sends what a resident tapped (an option id, or ids
 * joined by commas) with the words to echo.
 * @param {ChatUi} ui
 * @param {ChatState} state
 * @param {(message: Message, echo: string) => void} answer
 */
export function createChatView(ui, state, answer) {
  const sticky = { top: ui.top, panel: ui.panel.panel, composer: ui.composer };
  const composerParts = { form: ui.form, answer: ui.answer, hint: ui.hint, units: ui.units, progress: ui.progress, progressText: ui.progressText };
  const busyParts = { main: ui.main, form: ui.form, answer: ui.answer, send: ui.send, choices: ui.choices, back: ui.back, statusText: ui.statusText };
  const fallbackTemplate = document.getElementById("fallback-calls");
  const fallbackCallsTemplate = fallbackTemplate instanceof HTMLTemplateElement ? fallbackTemplate : null;
  // Outside the result the answer buttons live right after it; in the result, before the center's number.
  const choicesHome = ui.results;

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
    ui.statusText.dataset.sending = "false";
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
    endLoading(ui.loading);
    if (res.status === 429) showStatus(format(s, "status.busy", { s: res.retryAfter ?? 30 }, state.lang));
    else if (res.status === 0 && !navigator.onLine) showStatus(s["status.offline"]);
    else showStatus(s["status.unavailable"]);
    state.retry = again;
    ui.retry.hidden = false;
    setUnreachable(isUnreachable(res));
  }

  /**
   * Runs one request at a time, so a double tap never answers twice. With `sending`, the page
   * says "보내는 중" and holds the answer controls until the answer is in.
   * @param {() => Promise<void>} task
   * @param {{ sending?: boolean }} [options]
   */
  async function exclusive(task, { sending = false } = {}) {
    if (state.busy) return;
    state.busy = true;
    showBusy(busyParts, true, sending ? state.strings["status.sending"] ?? "" : undefined);
    try {
      await task();
    } finally {
      state.busy = false;
      showBusy(busyParts, false);
    }
  }

  // ── Turns ─────────────────────────────────────────────────────────────────────

  function clearConversation() {
    ui.log.replaceChildren();
    ui.results.hidden = true;
    choicesHome.after(ui.choices);
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
   * The result in the fullest layout (at most three services open) that leaves the booking button
   * within the first two screens of the result; the others wait under "다른 도움 N개 더 보기".
   * @param {Turn} turn
   * @param {NonNullable<Turn["evaluation"]>} evaluation
   */
  async function showResult(turn, evaluation) {
    const view = {
      // Until the evaluation carries its own headline, the turn's closing message (what was
      // found, and that the center decides) stands in for it.
      evaluation, fallbackHeadline: turn.messages.at(-1)?.text ?? "", urgentItems: turn.urgent,
      services: await servicesFor(state.lang), strings: state.strings, lang: state.lang,
    };
    ui.resultActions.prepend(ui.choices);
    ui.choices.classList.add("choices-result");
    ui.results.hidden = false;
    // Two screens of reading between the header and the answer bar; the urgent panel is not
    // taken off, since its numbers are read first and the result must not shrink because of them.
    const band = visibleBand({ ...sticky, panel: null });
    const twoScreens = 2 * (band.bottom - band.top);
    for (const layout of RESULT_LAYOUTS) {
      renderResult(ui.result, view, layout);
      const booking = ui.choices.querySelector("button") ?? ui.resultActions;
      if (booking.getBoundingClientRect().bottom - ui.results.getBoundingClientRect().top <= twoScreens) break;
    }
  }

  /**
   * @param {Turn} turn
   * @param {{ moveFocus?: boolean }} [options]
   */
  async function showTurn(turn, { moveFocus = false } = {}) {
    state.turn = turn;
    state.urgent = turn.urgent;
    drawUrgentPanel();
    endLoading(ui.loading);
    const bubbles = turn.messages.map((m) => appendBubble(ui.log, "bot", m.text, state.strings));
    if (turn.booking) appendBookingCard(ui.log, turn.booking, state.strings, { lang: state.lang, phone: state.phone });
    renderChoices(ui.choices, turn, state.strings, {
      onChoose: (id, label) => answer({ optionId: id }, label),
      onMulti: (ids, labels) => answer({ optionId: ids.join(",") }, labels.join(", ")),
    });
    renderComposer(composerParts, turn, state.strings, state.lang);
    if (turn.evaluation) {
      await showResult(turn, turn.evaluation);
    } else {
      ui.results.hidden = true;
      ui.choices.classList.remove("choices-result");
      choicesHome.after(ui.choices);
    }
    const answered = (turn.progress?.answered ?? 0) > 0;
    ui.back.hidden = !answered || ui.form.hidden;
    ui.restart.hidden = !answered && !turn.done;
    if (!moveFocus) {
      // The first screen (or one after a reload): the question's buttons are in view without scrolling.
      if (!turn.evaluation) revealAnswers(sticky, { question: bubbles.at(-1), answers: ui.choices });
      return;
    }
    // The result opens at its heading, so its first sentence and urgent help are the first thing in view.
    (turn.evaluation ? ui.resultsHeading : bubbles[0])?.scrollIntoView({ block: "start" });
    const target = turn.evaluation ? ui.resultsHeading : ui.choices.querySelector("button") ?? (ui.form.hidden ? null : ui.answer);
    target?.focus({ preventScroll: true });
  }

  return { sticky, drawUrgentPanel, setUnreachable, showStatus, clearStatus, offerRetry, exclusive, clearConversation, showTurn };
}
