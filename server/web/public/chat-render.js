// @ts-check
// DOM builders for the chat page. Text from the API only ever goes in through textContent or
// text nodes, so whatever a resident types (HTML, script) is shown as text and never run.

/** @typedef {import("../../../bot/contract/turn-schema").Turn} Turn */
/** @typedef {import("../../../bot/contract/turn-schema").UrgentItemView} UrgentItem */
/** @typedef {import("../../../bot/contract/evaluation-schema").Evaluation} Evaluation */
/** @typedef {Evaluation["recommendations"][number]} Recommendation */
/** @typedef {NonNullable<Evaluation["loans"]>[number]} Loan */
/** @typedef {import("./chat-api.js").Service} Service */
/** @typedef {Record<string, string>} Strings the page's labels in the conversation's language */

// A number written "☎1332" in a message is linked as a convenience; the urgent panel, drawn from
// the turn's structured `urgent` items, is what a resident can always call from.
const PHONE_IN_TEXT = /☎\s?([0-9][0-9-]{1,12}[0-9])/g;

/**
 * A UI string with `{name}` placeholders filled in; the key itself when the string is missing.
 * @param {Strings} strings
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 */
export function format(strings, key, params = {}) {
  const template = strings[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {{ className?: string, text?: string, attrs?: Record<string, string> }} [options]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, { className, text, attrs } = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
  return node;
}

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
    if (!slotRow) button.append(el("span", { className: "choice-number", text: `${index + 1}`, attrs: { "aria-hidden": "true" } }));
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

/**
 * The result: urgent banners first (each with the call link of its urgent item), then loan
 * arithmetic, then one card per service.
 * @param {{ urgent: HTMLElement, loans: HTMLElement, services: HTMLElement }} parts
 * @param {Evaluation} evaluation
 * @param {readonly UrgentItem[]} urgentItems the turn's active urgent items
 * @param {Record<string, Service>} services
 * @param {Strings} strings
 */
export function renderResults(parts, evaluation, urgentItems, services, strings) {
  parts.urgent.replaceChildren(...evaluation.urgent.map((u) => urgentBanner(u, urgentItems.filter((item) => item.code === u.code))));
  if (evaluation.urgent.length > 0) parts.urgent.prepend(el("h3", { className: "urgent-heading", text: strings["result.urgentHeading"] }));
  parts.loans.replaceChildren(...loanBlock(evaluation.loans ?? [], strings));
  const cards = evaluation.recommendations.map((r) => serviceCard(r, services[r.service], strings));
  const heading = el("h3", { className: "services-heading", text: strings["result.servicesHeading"] });
  const list = el("ul", { className: "cards" });
  list.append(...cards);
  parts.services.replaceChildren(heading, cards.length > 0 ? list : el("p", { className: "card-empty", text: strings["result.none"] }));
}

/**
 * @param {Evaluation["urgent"][number]} urgent
 * @param {readonly UrgentItem[]} items
 */
function urgentBanner(urgent, items) {
  const banner = el("div", { className: "urgent", attrs: { "data-code": urgent.code } });
  const text = el("p", { className: "urgent-text" });
  appendTextWithPhones(text, urgent.message);
  banner.append(text);
  const calls = el("div", { className: "urgent-calls" });
  calls.append(...items.map((item) => callLink(item, "button button-urgent")));
  banner.append(calls);
  return banner;
}

/**
 * @param {readonly Loan[]} loans
 * @param {Strings} strings
 */
function loanBlock(loans, strings) {
  if (loans.length === 0) return [];
  const box = el("div", { className: "loans" });
  box.append(el("h3", { className: "loans-heading", text: strings["result.loansHeading"] }));
  for (const loan of loans) {
    const item = el("div", { className: "loan" });
    item.append(el("p", { className: "loan-apr", text: format(strings, "result.loan", { i: loan.index + 1, apr: loan.aprPct }) }));
    if (loan.wholeContractVoid) item.append(el("p", { className: "loan-warning", text: strings["result.loanVoid"] }));
    else if (loan.overLegalCap) item.append(el("p", { className: "loan-warning", text: strings["result.loanOverCap"] }));
    box.append(item);
  }
  return [box];
}

/**
 * @param {Recommendation} recommendation
 * @param {Service | undefined} service
 * @param {Strings} strings
 */
function serviceCard(recommendation, service, strings) {
  const card = el("li", { className: "card", attrs: { "data-service": recommendation.service } });
  card.append(el("h4", { className: "card-title", text: service?.name ?? recommendation.service }));
  if (service?.provider) card.append(el("p", { className: "card-provider", text: service.provider }));
  card.append(el("p", { className: `card-tier tier-${recommendation.tier}`, text: strings[`result.tier.${recommendation.tier}`] ?? recommendation.tier }));
  if (service?.description) card.append(el("p", { className: "card-description", text: service.description }));
  card.append(...labelledList("result.why", "ul", recommendation.reasons, strings));
  card.append(...labelledList("result.next", "ol", recommendation.nextSteps ?? [], strings));
  if ((recommendation.missing ?? []).length > 0) card.append(el("p", { className: "card-missing", text: strings["result.missing"] }));
  return card;
}

/**
 * @param {string} key
 * @param {"ul" | "ol"} tag
 * @param {readonly string[]} items
 * @param {Strings} strings
 */
function labelledList(key, tag, items, strings) {
  if (items.length === 0) return [];
  const list = el(tag, { className: "card-list" });
  for (const item of items) {
    const li = el("li");
    appendTextWithPhones(li, item);
    list.append(li);
  }
  return [el("p", { className: "card-label", text: strings[key] }), list];
}
