// @ts-check
// The urgent panel at the top of the page: the numbers a resident can call right now. It is drawn
// from the turn's structured `urgent` items (numbers from the rules' one contact table), so it
// stays through booking, reloads and the end; while our server cannot be reached it also offers
// the HTML's own 109 and 112, which need no server at all. The center's number closes the list.
import { callLink } from "./chat-render.js";

/** @typedef {import("../../../bot/contract/turn-schema").UrgentItemView} UrgentItem */
/** @typedef {import("../shared/format-message.js").Strings} Strings */
/** A number to call as the panel shows it; `code` is an urgent code, or "center". @typedef {{ code: string, label: string, phone: string }} Call */
/** @typedef {{ panel: HTMLElement, list: HTMLElement }} PanelParts */

/**
 * The calls the HTML itself carries for when the server cannot be reached (109, 112), each an
 * `<a data-code href="tel:…" data-i18n>` in `template`: the label follows the page's strings,
 * the number is the link's own.
 * @param {HTMLTemplateElement | null} template
 * @param {Strings} strings
 * @returns {Call[]}
 */
export function fallbackCalls(template, strings) {
  if (!template) return [];
  return [...template.content.querySelectorAll("a[data-code]")].flatMap((link) => {
    const phone = (link.getAttribute("href") ?? "").replace(/^tel:/, "");
    const key = link.getAttribute("data-i18n") ?? "";
    const code = link.getAttribute("data-code") ?? "";
    return phone === "" ? [] : [{ code, phone, label: strings[key] ?? link.textContent?.trim() ?? phone }];
  });
}

/**
 * The center's own number, from the page's strings (the HTML's fallback holds the configured
 * number, so this works without the server); null when the page has no number for it.
 * @param {Strings} strings
 * @returns {Call | null}
 */
export function centerCall(strings) {
  const phone = strings["center.phone"] ?? "";
  if (!/[0-9]{3}/.test(phone)) return null;
  return { code: "center", phone, label: strings["urgent.center"] ?? phone };
}

/**
 * What the panel lists: the active urgent items in the rules' order, then (while unreachable)
 * the fallback numbers not already listed, then the center. Empty while nothing is urgent and the
 * server answers: the center's number then keeps its usual place in the result.
 * @param {{ urgent: readonly UrgentItem[], unreachable: boolean, fallback: readonly Call[], center: Call | null }} what
 * @returns {Call[]}
 */
export function panelCalls({ urgent, unreachable, fallback, center }) {
  if (urgent.length === 0 && !unreachable) return [];
  /** @type {Call[]} */
  const calls = [...urgent];
  if (unreachable) for (const call of fallback) if (!calls.some((c) => c.phone === call.phone)) calls.push(call);
  if (center) calls.push(center);
  return calls;
}

/**
 * Draws the panel; hidden when there is nothing to list. Links are rebuilt only when the list
 * changed, so a link being tapped or focused is never replaced under the finger.
 * @param {PanelParts} parts
 * @param {readonly Call[]} calls
 */
export function renderUrgentPanel(parts, calls) {
  parts.panel.hidden = calls.length === 0;
  const signature = calls.map((c) => `${c.code}|${c.label}|${c.phone}`).join("\n");
  if (parts.list.dataset.signature === signature) return;
  parts.list.dataset.signature = signature;
  parts.list.replaceChildren(...calls.map((call) => {
    const item = document.createElement("li");
    item.append(callLink(call, call.code === "center" ? "urgent-call urgent-call-center" : "urgent-call"));
    return item;
  }));
}
