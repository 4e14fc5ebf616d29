// DOM builders for the chat page. Text from the API only ever goes in through textContent or
// text nodes, so whatever a resident types (HTML, script) is shown as text and never run.

/** Urgent codes → the numbers to call, in the order to call them. */
const URGENT_NUMBERS = {
  call_112: ["112"],
  crisis_line_109: ["109"],
  report_1332: ["1332"],
  debtor_attorney_now: ["1332", "132"],
};

const PHONE_IN_TEXT = /☎\s?([0-9][0-9-]{1,12}[0-9])/g;

/** A UI string with `{name}` placeholders filled in; the key itself when the string is missing. */
export function format(strings, key, params = {}) {
  const template = strings[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

export function el(tag, { className, text, attrs } = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, value);
  return node;
}

/** Puts text into a node, turning "☎1332"-style numbers into tel: links. */
export function appendTextWithPhones(node, text) {
  let last = 0;
  for (const match of text.matchAll(PHONE_IN_TEXT)) {
    const start = match.index ?? 0;
    node.append(document.createTextNode(text.slice(last, start)));
    node.append(el("a", { className: "tel", text: match[0], attrs: { href: `tel:${match[1].replace(/-/g, "")}` } }));
    last = start + match[0].length;
  }
  node.append(document.createTextNode(text.slice(last)));
}

/** One chat bubble; the speaker is spoken by screen readers, not shown. */
export function appendBubble(log, who, text, strings) {
  const bubble = el("div", { className: `bubble bubble-${who}` });
  bubble.append(el("span", { className: "sr-only", text: `${strings[`speaker.${who}`] ?? ""} ` }));
  const body = el("span", { className: "bubble-text" });
  appendTextWithPhones(body, text);
  bubble.append(body);
  log.append(bubble);
  return bubble;
}

/** Booking days and times: shown as a row of day buttons and a grid of times, not as a list. */
const SLOT_ROWS = [["booking:day:", "choice-days", "booking.days"], ["booking:time:", "choice-times", "booking.times"]];

/**
 * The answer buttons of a turn. A single choice sends on tap; a multiple choice toggles
 * (aria-pressed) and sends the chosen ids, comma-separated, with the "Done" button.
 */
export function renderChoices(container, turn, strings, { onChoose, onMulti }) {
  container.replaceChildren();
  const options = turn.options ?? [];
  container.hidden = options.length === 0;
  if (options.length === 0) return;
  const multi = turn.input?.kind === "multi";
  container.classList.toggle("choices-multi", multi);
  const list = el("div", { className: "choice-list" });
  const rows = SLOT_ROWS.map(([prefix, className, label]) => ({ prefix, row: el("div", { className: `choice-row ${className}`, attrs: { role: "group", "aria-label": strings[label] ?? "" } }) }));
  const chosen = new Set();
  const doneButton = multi ? el("button", { className: "button choice-done", text: strings["options.done"], attrs: { type: "button", "aria-label": strings["options.doneLabel"] ?? "", "aria-disabled": "true" } }) : null;
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

/** The result: urgent banners first, then loan arithmetic, then one card per service. */
export function renderResults(parts, evaluation, services, strings) {
  parts.urgent.replaceChildren(...evaluation.urgent.map((u) => urgentBanner(u, strings)));
  if (evaluation.urgent.length > 0) parts.urgent.prepend(el("h3", { className: "urgent-heading", text: strings["result.urgentHeading"] }));
  parts.loans.replaceChildren(...loanBlock(evaluation.loans ?? [], strings));
  const cards = evaluation.recommendations.map((r) => serviceCard(r, services[r.service], strings));
  const heading = el("h3", { className: "services-heading", text: strings["result.servicesHeading"] });
  const list = el("ul", { className: "cards" });
  list.append(...cards);
  parts.services.replaceChildren(heading, cards.length > 0 ? list : el("p", { className: "card-empty", text: strings["result.none"] }));
}

function urgentBanner(urgent, strings) {
  const banner = el("div", { className: "urgent", attrs: { "data-code": urgent.code } });
  const text = el("p", { className: "urgent-text" });
  appendTextWithPhones(text, urgent.message);
  banner.append(text);
  const calls = el("div", { className: "urgent-calls" });
  for (const number of URGENT_NUMBERS[urgent.code] ?? []) {
    calls.append(el("a", { className: "button button-urgent", text: strings[`call.${number}`] ?? number, attrs: { href: `tel:${number}` } }));
  }
  banner.append(calls);
  return banner;
}

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
