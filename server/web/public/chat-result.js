// @ts-check
// The result, in the order a frightened person can act on it: one plain sentence, the urgent
// help, at most three services each in three short lines (what it is, why it fits, what to do
// next) with the rest behind "자세히", then the booking button (placed by the page right after
// them), the interest of any loan, what would change the result, and the other services folded
// under "다른 도움 N개 더 보기".
import { el } from "../shared/el.js";
import { format } from "../shared/format-message.js";
import { appendTextWithPhones, callLink } from "./chat-render.js";

/** @typedef {import("../../../bot/contract/evaluation-schema").Evaluation} Evaluation */
/** @typedef {Evaluation["recommendations"][number]} Recommendation */
/** @typedef {NonNullable<Evaluation["loans"]>[number]} Loan */
/** @typedef {import("../../../bot/contract/turn-schema").UrgentItemView} UrgentItem */
/** @typedef {import("./chat-api.js").Service} Service */
/** @typedef {import("../shared/format-message.js").Strings} Strings */
/** @typedef {import("../shared/format-message.js").Lang} Lang */
/**
 * @typedef {{ headline: HTMLElement, urgent: HTMLElement, top: HTMLElement, loans: HTMLElement,
 *   nearMisses: HTMLElement, more: HTMLElement }} ResultParts
 */
/**
 * @typedef {{ evaluation: Evaluation, fallbackHeadline: string, urgentItems: readonly UrgentItem[],
 *   services: Record<string, Service>, strings: Strings, lang: Lang }} ResultView
 */

/**
 * How much of the result is open: `open` services (the others folded away), each with the
 * `lines` it shows above its "자세히" (what it is, why it fits, the next step).
 * @typedef {{ open: number, lines: ReadonlyArray<"what" | "why" | "next"> }} ResultLayout
 */

const ALL_LINES = /** @type {const} */ (["what", "why", "next"]);

/**
 * The layouts to try, fullest first: at most three services open with three lines each, then
 * fewer services, then fewer lines, so the booking button comes within reach even with very
 * large text. Whatever an open service does not show is behind its "자세히".
 * @type {readonly ResultLayout[]}
 */
export const RESULT_LAYOUTS = [
  { open: 3, lines: ALL_LINES }, { open: 2, lines: ALL_LINES }, { open: 1, lines: ALL_LINES },
  { open: 1, lines: ["why", "next"] }, { open: 1, lines: ["why"] },
];

/**
 * Draws the result in `layout`.
 * @param {ResultParts} parts
 * @param {ResultView} view
 * @param {ResultLayout} layout
 */
export function renderResult(parts, view, { open: expanded, lines }) {
  const { evaluation, strings } = view;
  parts.headline.textContent = headlineOf(evaluation) ?? view.fallbackHeadline;
  parts.headline.hidden = parts.headline.textContent === "";
  parts.urgent.replaceChildren(...evaluation.urgent.map((u) => urgentBanner(u, view.urgentItems.filter((item) => item.code === u.code))));
  if (evaluation.urgent.length > 0) parts.urgent.prepend(el("h3", { className: "urgent-heading", text: strings["result.urgentHeading"] }));
  const open = evaluation.recommendations.slice(0, expanded);
  const folded = evaluation.recommendations.slice(expanded);
  parts.top.replaceChildren(open.length > 0
    ? el("ol", { className: "top-services" }, open.map((r) => topService(r, view.services[r.service], strings, lines)))
    : el("p", { className: "card-empty", text: strings["result.none"] }));
  parts.loans.replaceChildren(...loanBlock(evaluation.loans ?? [], strings, view.lang));
  parts.nearMisses.replaceChildren(...nearMissBlock(nearMissesOf(evaluation), strings));
  parts.more.replaceChildren(...moreBlock(folded, view));
}

/**
 * The evaluation's own one-sentence summary, when the server sends one.
 * @param {Evaluation} evaluation
 * @returns {string | null}
 */
function headlineOf(evaluation) {
  if (!("headline" in evaluation)) return null;
  const headline = evaluation.headline;
  return typeof headline === "string" && headline.trim() !== "" ? headline : null;
}

/**
 * What would change the result, as sentences, when the server sends them: each item is a
 * sentence, or an object whose `text` (or `message`) is one.
 * @param {Evaluation} evaluation
 * @returns {string[]}
 */
function nearMissesOf(evaluation) {
  if (!("nearMisses" in evaluation)) return [];
  /** @type {unknown} */
  const value = evaluation.nearMisses;
  /** @type {unknown[]} */
  const items = Array.isArray(value) ? value : [];
  return items.flatMap((item) => {
    if (typeof item === "string") return [item];
    if (typeof item !== "object" || item === null) return [];
    const text = "text" in item ? item.text : "message" in item ? item.message : undefined;
    return typeof text === "string" && text.trim() !== "" ? [text] : [];
  });
}

/**
 * The first sentence of a text ("…예요. …" → "…예요."); the whole text when it is one sentence.
 * @param {string} text
 */
function firstSentence(text) {
  const match = /^.+?[.!?。](?=\s|$)/su.exec(text.trim());
  return match ? match[0] : text.trim();
}

/**
 * @param {Evaluation["urgent"][number]} urgent
 * @param {readonly UrgentItem[]} items
 */
function urgentBanner(urgent, items) {
  const text = el("p", { className: "urgent-text" });
  appendTextWithPhones(text, urgent.message);
  const calls = el("div", { className: "urgent-calls" }, items.map((item) => callLink(item, "button button-urgent")));
  return el("div", { className: "urgent", attrs: { "data-code": urgent.code } }, [text, calls]);
}

/**
 * One open service: its name and tier, then its `lines`, the rest behind "자세히".
 * @param {Recommendation} recommendation
 * @param {Service | undefined} service
 * @param {Strings} strings
 * @param {ResultLayout["lines"]} lines
 */
function topService(recommendation, service, strings, lines) {
  const reasons = recommendation.reasons;
  const steps = recommendation.nextSteps ?? [];
  const why = reasons[0] ? firstSentence(reasons[0]) : "";
  const next = steps[0] ? firstSentence(steps[0]) : "";
  const card = el("li", { className: "card card-top", attrs: { "data-service": recommendation.service } }, [
    el("h3", { className: "card-title", text: service?.name ?? recommendation.service }),
    tierBadge(recommendation, strings),
    service?.description && lines.includes("what") ? el("p", { className: "card-line card-what", text: firstSentence(service.description) }) : null,
    why && lines.includes("why") ? labelledLine("card-why", strings["result.whyShort"] ?? "", why) : null,
    next && lines.includes("next") ? labelledLine("card-next", strings["result.nextShort"] ?? "", next) : null,
  ]);
  // Each "자세히" names its service for screen readers, which list the summaries out of context.
  const summary = el("summary", { className: "card-more-summary" }, [
    strings["result.details"] ?? "", el("span", { className: "sr-only", text: ` · ${service?.name ?? recommendation.service}` }),
  ]);
  card.append(el("details", { className: "card-more" }, [summary, tierBadge(recommendation, strings), ...serviceDetails(recommendation, service, strings)]));
  return card;
}

/**
 * @param {string} className
 * @param {string} label
 * @param {string} text
 */
function labelledLine(className, label, text) {
  const line = el("p", { className: `card-line ${className}` }, [el("strong", { className: "card-line-label", text: label }), " "]);
  appendTextWithPhones(line, text);
  return line;
}

/** @param {Recommendation} recommendation @param {Strings} strings */
function tierBadge(recommendation, strings) {
  return el("p", { className: `card-tier tier-${recommendation.tier}`, text: strings[`result.tier.${recommendation.tier}`] ?? recommendation.tier });
}

/**
 * Everything the server said about a service: provider, description, every reason and step.
 * @param {Recommendation} recommendation
 * @param {Service | undefined} service
 * @param {Strings} strings
 * @returns {HTMLElement[]}
 */
function serviceDetails(recommendation, service, strings) {
  return [
    service?.provider ? el("p", { className: "card-provider", text: service.provider }) : null,
    service?.description ? el("p", { className: "card-description", text: service.description }) : null,
    ...labelledList("result.why", "ul", recommendation.reasons, strings),
    ...labelledList("result.next", "ol", recommendation.nextSteps ?? [], strings),
    (recommendation.missing ?? []).length > 0 ? el("p", { className: "card-missing", text: strings["result.missing"] }) : null,
  ].filter((node) => node !== null);
}

/**
 * A folded service: the whole card, as before.
 * @param {Recommendation} recommendation
 * @param {Service | undefined} service
 * @param {Strings} strings
 */
function serviceCard(recommendation, service, strings) {
  return el("li", { className: "card", attrs: { "data-service": recommendation.service } }, [
    el("h4", { className: "card-title", text: service?.name ?? recommendation.service }),
    tierBadge(recommendation, strings),
    ...serviceDetails(recommendation, service, strings),
  ]);
}

/**
 * @param {string} key
 * @param {"ul" | "ol"} tag
 * @param {readonly string[]} items
 * @param {Strings} strings
 */
function labelledList(key, tag, items, strings) {
  if (items.length === 0) return [];
  const list = el(tag, { className: "card-list" }, items.map((item) => {
    const li = el("li");
    appendTextWithPhones(li, item);
    return li;
  }));
  return [el("p", { className: "card-label", text: strings[key] }), list];
}

/**
 * @param {readonly Loan[]} loans
 * @param {Strings} strings
 * @param {Lang} lang
 */
function loanBlock(loans, strings, lang) {
  if (loans.length === 0) return [];
  return [el("div", { className: "loans" }, [
    el("h3", { className: "loans-heading", text: strings["result.loansHeading"] }),
    ...loans.map((loan) => el("div", { className: "loan" }, [
      el("p", { className: "loan-apr", text: format(strings, "result.loan", { i: loan.index + 1, apr: Math.round(loan.aprPct * 10) / 10 }, lang) }),
      loan.wholeContractVoid ? el("p", { className: "loan-warning", text: strings["result.loanVoid"] })
        : loan.overLegalCap ? el("p", { className: "loan-warning", text: strings["result.loanOverCap"] }) : null,
    ])),
  ])];
}

/**
 * @param {readonly string[]} sentences
 * @param {Strings} strings
 */
function nearMissBlock(sentences, strings) {
  if (sentences.length === 0) return [];
  return [el("section", { className: "near-misses", attrs: { "aria-labelledby": "near-misses-heading" } }, [
    el("h3", { className: "near-misses-heading", text: strings["result.nearMissesHeading"], attrs: { id: "near-misses-heading" } }),
    el("ul", { className: "near-misses-list" }, sentences.map((sentence) => el("li", { text: sentence }))),
  ])];
}

/**
 * @param {readonly Recommendation[]} folded
 * @param {ResultView} view
 */
function moreBlock(folded, view) {
  if (folded.length === 0) return [];
  return [el("details", { className: "more-services" }, [
    el("summary", { className: "more-services-summary", text: format(view.strings, "result.more", { n: folded.length }, view.lang) }),
    el("ul", { className: "cards" }, folded.map((r) => serviceCard(r, view.services[r.service], view.strings))),
  ])];
}
