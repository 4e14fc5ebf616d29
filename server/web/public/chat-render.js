// @ts-check
// DOM builders for the chat page. Text from the API only ever goes in through textContent or
// text nodes, so whatever a resident types (HTML, script) is shown as text and never run.
import { el } from "../shared/el.js";

/** @typedef {import("../../../bot/contract/turn-schema").Turn} Turn */
/** @typedef {import("../../../bot/contract/turn-schema").UrgentItemView} UrgentItem */
/** @typedef {import("../shared/format-message.js").Strings} Strings */

// A number written "☎1332" in a message is linked as a convenience; the urgent panel, drawn from
// the turn's structured `urgent` items, is what a resident can always call from.
const PHONE_IN_TEXT = /☎\s?([0-9][0-9-]{1,12}[0-9])/g;

/**
 * Puts text into a node, turning "☎1332"-style numbers into tel: links.
 * @param {HTMLElement} node
 * @param {string} text
 */
export function appendTextWithPhones(node, text) {
  let last = 0;
  for (const match of text.matchAll(PHONE_IN_TEXT)) {
    const start = match.index ?? 0;
    node.append(document.createTextNode(text.slice(last, start)));
    node.append(el("a", { className: "tel", text: match[0], attrs: { href: `tel:${(match[1] ?? "").replace(/-/g, "")}` } }));
    last = start + match[0].length;
  }
  node.append(document.createTextNode(text.slice(last)));
}

/**
 * One chat bubble; the speaker is spoken by screen readers, not shown.
 * @param {HTMLElement} log
 * @param {"bot" | "you"} who
 * @param {string} text
 * @param {Strings} strings
 */
export function appendBubble(log, who, text, strings) {
  const bubble = el("div", { className: `bubble bubble-${who}` });
  bubble.append(el("span", { className: "sr-only", text: `${strings[`speaker.${who}`] ?? ""} ` }));
  const body = el("span", { className: "bubble-text" });
  appendTextWithPhones(body, text);
  bubble.append(body);
  log.append(bubble);
  return bubble;
}

/**
 * Booking days and times: shown as a row of day buttons and a grid of times, not as a list.
 * @type {ReadonlyArray<readonly [string, string, string]>}
 */
const SLOT_ROWS = [["booking:day:", "choice-days", "booking.days"], ["booking:time:", "choice-times", "booking.times"]];

/**
 * The answer buttons of a turn. A single choice sends on tap; a multiple choice toggles
 * (aria-pressed) and sends the chosen ids, comma-separated, with the "Done" button.
 * @param {HTMLElement} container
 * @param {Turn} turn
 * @param {Strings} strings
 * @param {{ onChoose: (id: string, label: string) => void, onMulti: (ids: string[], labels: string[]) => void }} handlers
 */
export function renderChoices(container, turn, strings, { onChoose, onMulti }) {
  container.replaceChildren();
  const options = turn.options;
  container.hidden = options.length === 0;
  if (options.length === 0) return;
  const multi = turn.input.kind === "multi";
  container.classList.toggle("choices-multi", multi);
  const list = el("div", { className: "choice-list" });
  const rows = SLOT_ROWS.map(([prefix, className, label]) => ({ prefix, row: el("div", { className: `choice-row ${className}`, attrs: { role: "group", "aria-label": strings[label] ?? "" } }) }));
  const chosen = new Set();
  const doneButton = multi ? el("button", { className: "button choice-done", text: strings["options.done"] ?? "", attrs: { type: "button", "aria-label": strings["options.doneLabel"] ?? "", "aria-disabled": "true" } }) : null;
  options.forEach((option, index) => {
    const button = el("button", { className: "choice", attrs: { type: "button", "data-option-id": option.id } });
    const slotRow = rows.find((r) => option.id.startsWith(r.prefix));
    // The numbers say what can be typed instead of tapping; with nothing to type they say nothing, and at a money
    // question (range buttons) a typed number is an amount, not an option.
    if (!slotRow && turn.input.kind !== "none" && turn.input.kind !== "money") button.append(el("span", { className: "choice-number", text: `${index + 1}`, attrs: { "aria-hidden": "true" } }));
    button.append(el("span", { className: "choice-label", text: option.label }));
    if (multi) {
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", () => {
        if (chosen.has(option.id)) chosen.delete(option.id);
        else chosen.add(option.id);
        button.setAttribute("aria-pressed", String(chosen.has(option.id)));
        doneButton?.setAttribute("aria-disabled", String(chosen.size === 0));
      });
    } else {
      button.addEventListener("click", () => onChoose(option.id, option.label));
    }
    (slotRow?.row ?? list).append(button);
  });
  container.append(...rows.map((r) => r.row).filter((row) => row.childElementCount > 0), list);
  if (doneButton) {
    const hint = el("p", { className: "choice-warning", attrs: { "aria-live": "polite" } });
    doneButton.addEventListener("click", () => {
      if (chosen.size === 0) {
        hint.textContent = strings["options.pickSome"] ?? "";
        return;
      }
      const picked = options.filter((o) => chosen.has(o.id));
      onMulti(picked.map((o) => o.id), picked.map((o) => o.label));
    });
    container.append(doneButton, hint);
  }
}

/**
 * A tel: link for a number as shown ("1899-6014"): digits only in the address.
 * @param {string} phone
 */
export function telHref(phone) {
  return `tel:${phone.replace(/[^0-9]/g, "")}`;
}

/**
 * A call link: a phone icon (hidden from screen readers) and the label, which names the number.
 * @param {{ label: string, phone: string, code: string }} call
 * @param {string} className
 */
export function callLink(call, className) {
  const link = el("a", { className, attrs: { href: telHref(call.phone), "data-code": call.code } });
  link.append(el("span", { className: "call-icon", text: "☎", attrs: { "aria-hidden": "true" } }), el("span", { className: "call-label", text: call.label }));
  return link;
}
