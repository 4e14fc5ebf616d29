// @ts-check
// The answer bar at the bottom: what kind of answer is expected, a visible hint, and progress.
import { el } from "../shared/el.js";
import { format } from "../shared/format-message.js";

/** @typedef {import("../../../bot/contract/turn-schema").Turn} Turn */
/** @typedef {import("../shared/format-message.js").Strings} Strings */
/** @typedef {import("../shared/format-message.js").Lang} Lang */
/**
 * @typedef {{ form: HTMLFormElement, answer: HTMLInputElement, hint: HTMLElement, units: HTMLElement,
 *   progress: HTMLProgressElement, progressText: HTMLElement }} ComposerParts
 */

const NUMERIC_KINDS = new Set(["money", "number"]);

/**
 * Sets the answer bar up for one turn. `parts` holds the form, input, hint, unit buttons and the
 * progress elements; `strings` the page's labels in the conversation's language.
 * @param {ComposerParts} parts
 * @param {Turn} turn
 * @param {Strings} strings
 * @param {Lang} lang
 */
export function renderComposer(parts, turn, strings, lang) {
  renderInput(parts, turn, strings);
  renderProgress(parts, turn, strings, lang);
}

/** @param {ComposerParts} parts @param {Turn} turn @param {Strings} strings */
function renderInput(parts, turn, strings) {
  const kind = turn.input.kind;
  parts.form.hidden = kind === "none";
  parts.form.dataset.kind = kind;
  const fallbackHint = kind === "choice" ? strings["input.hintChoice"] : kind === "multi" ? strings["input.hintMulti"] : "";
  const hint = turn.input.hint ?? fallbackHint ?? "";
  parts.hint.textContent = hint;
  parts.hint.hidden = hint === "";
  parts.answer.placeholder = turn.input.hint ?? "";
  parts.answer.type = kind === "phone" ? "tel" : "text";
  parts.answer.inputMode = NUMERIC_KINDS.has(kind) ? "numeric" : kind === "phone" ? "tel" : "text";
  // On a numeric keypad "350만원" cannot be typed, so money questions offer the units as buttons.
  const units = kind === "money" ? (strings["input.units"] ?? "").split(",").map((u) => u.trim()).filter(Boolean) : [];
  parts.units.replaceChildren(...units.map((unit) => {
    const button = el("button", { className: "chip unit", text: unit, attrs: { type: "button" } });
    button.addEventListener("click", () => {
      parts.answer.value += unit;
      parts.answer.focus();
    });
    return button;
  }));
  parts.units.hidden = units.length === 0;
}

/** @param {ComposerParts} parts @param {Turn} turn @param {Strings} strings @param {Lang} lang */
function renderProgress(parts, turn, strings, lang) {
  // Before the first answer the estimate is long and would only discourage: nothing is shown.
  const p = turn.progress && turn.progress.answered > 0 ? turn.progress : undefined;
  parts.progress.hidden = !p && !turn.done;
  if (turn.done) {
    parts.progressText.textContent = strings["progress.done"] ?? "";
    parts.progress.max = 1;
    parts.progress.value = 1;
    return;
  }
  if (!p) {
    parts.progressText.textContent = "";
    return;
  }
  const remaining = Math.max(0, p.estimatedTotal - p.answered);
  parts.progressText.textContent = remaining <= 1 ? strings["progress.last"] ?? "" : format(strings, "progress.remaining", { n: remaining }, lang);
  parts.progress.max = Math.max(1, p.estimatedTotal);
  parts.progress.value = Math.min(p.answered, parts.progress.max);
}
