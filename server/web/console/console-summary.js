// The intake summary, in the order a counsellor needs it: urgent items first (threats,
// self-harm, illegal lending with its APR and whether the contract is void), then the
// recommended services with reasons and documents, then debts, income and household, then
// every answer with any staff correction kept beside the resident's own.
import { el } from "../shared/el.js";
import { format } from "../shared/format-message.js";
import { dateTimeLabel, label } from "./console-format.js";

/** The summary object, whether the server wraps it or not. */
export function summaryFrom(body) {
  if (body && typeof body.summary === "object" && body.summary) return body.summary;
  if (body && typeof body.intake === "object" && body.intake) return { ...body.intake, narrative: body.narrative ?? null };
  return body ?? {};
}

const pick = (object, ...keys) => {
  for (const key of keys) if (object && object[key] !== undefined && object[key] !== null) return object[key];
  return undefined;
};

/** Readable text for any value the summary holds. */
export function textOf(value, strings) {
  if (value === undefined || value === null || value === "") return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return new Intl.NumberFormat("ko-KR").format(value);
  if (typeof value === "boolean") return strings[`summary.yesNo.${value}`] ?? String(value);
  if (Array.isArray(value)) return value.map((v) => textOf(v, strings)).filter(Boolean).join(", ");
  const named = pick(value, "text", "label", "display", "name", "title", "value");
  if (named !== undefined) return textOf(named, strings);
  return Object.entries(value).map(([k, v]) => `${k}: ${textOf(v, strings)}`).join(", ");
}

/** A list, whether bare or wrapped as `{title, items}`. */
const list = (value) => {
  if (Array.isArray(value)) return value;
  if (value && typeof value === "object" && Array.isArray(value.items)) return value.items;
  return value === undefined || value === null ? [] : [value];
};

/** The server's translated section title when it sent one, else the console's own. */
const titleOf = (value, strings, key) => (value && typeof value.title === "string" && value.title && !value.title.includes(".") ? value.title : strings[key]);

function section(id, heading, children) {
  return el("section", { className: `summary-section section-${id}`, attrs: { "aria-labelledby": `${id}-heading` } }, [
    el("h2", { text: heading, attrs: { id: `${id}-heading` } }),
    ...children,
  ]);
}

// ── Urgent ────────────────────────────────────────────────────────────────────

const decimal = (n) => new Intl.NumberFormat("ko-KR", { maximumFractionDigits: 1 }).format(n);

/** One illegal loan: the server's sentence, then the APR and whether the contract is void. */
function loanItem(loan, strings) {
  const apr = pick(loan, "aprPct", "aprPercent", "apr");
  const lines = [
    typeof apr === "number" ? format(strings, "summary.apr", { apr: decimal(apr) }) : strings["summary.aprUnknown"],
    loan.wholeContractVoid === true ? strings["summary.contractVoidPlain"] : loan.overLegalCap === true ? strings["summary.interestVoid"] : null,
    // An instalment (일수) loan: both rates, each with its method named (already translated).
    typeof loan.methods === "string" ? loan.methods : null,
  ].filter(Boolean);
  return el("li", { className: `urgent-item urgent-loan${loan.wholeContractVoid ? " loan-void" : ""}`, attrs: { "data-kind": "illegal_lending" } }, [
    el("strong", { text: textOf(pick(loan, "label"), strings) || label(strings, "urgentFlag", "illegal_lending") }),
    el("ul", { className: "urgent-details" }, lines.map((line) => el("li", { text: line }))),
  ]);
}

/** Urgent first: the flags (threats, self-harm, emergency numbers), each illegal loan, the notices given. */
function urgentSection(summary, strings) {
  const urgent = pick(summary, "urgent") ?? {};
  const flags = Array.isArray(urgent) ? urgent : list(urgent.flags);
  const loans = Array.isArray(urgent) ? [] : list(urgent.illegalLending);
  const notices = Array.isArray(urgent) ? [] : list(urgent.notices);
  const parts = [];
  if (flags.length) {
    parts.push(el("ul", { className: "urgent-flags" }, flags.map((flag) => {
      const code = typeof flag === "string" ? flag : pick(flag, "code", "kind");
      const text = typeof flag === "string" ? label(strings, "urgentFlag", flag) : textOf(pick(flag, "label", "text"), strings) || label(strings, "urgentFlag", code);
      return el("li", { className: "flag", text, attrs: { "data-code": code } });
    })));
  }
  if (loans.length) parts.push(el("ul", { className: "urgent-list" }, loans.map((loan) => loanItem(loan, strings))));
  if (notices.length) parts.push(el("ul", { className: "urgent-notices" }, notices.map((n) => el("li", { text: textOf(pick(n, "text", "label"), strings) }))));
  if (!parts.length) parts.push(el("p", { className: "quiet", text: strings["summary.noUrgent"] }));
  return section("urgent", titleOf(urgent, strings, "summary.urgent"), parts);
}

// ── Machine-written narrative (only with a model configured) ─────────────────

function narrativeSection(summary, strings) {
  const narrative = pick(summary, "narrative");
  if (!narrative || typeof narrative.text !== "string") return null;
  return section("narrative", strings["summary.narrative"], [
    el("p", { className: "machine-written", text: strings["summary.machineWritten"] }),
    el("p", { text: narrative.text }),
  ]);
}

// ── Recommendations ───────────────────────────────────────────────────────────

function recommendation(item, strings) {
  const name = textOf(pick(item, "name", "title", "label", "service", "id"), strings);
  const reasons = list(pick(item, "reasons", "why", "reason")).map((r) => textOf(r, strings)).filter(Boolean);
  const documents = list(pick(item, "documents", "docs", "bring")).flatMap((d) => textOf(d, strings).split(/\n|,\s*|·\s*/)).map((d) => d.trim()).filter(Boolean);
  return el("li", { className: "service" }, [
    el("h3", { text: name }),
    reasons.length ? el("div", { className: "service-part" }, [el("p", { className: "part-label", text: strings["summary.reasons"] }), el("ul", {}, reasons.map((r) => el("li", { text: r })))]) : null,
    documents.length ? el("div", { className: "service-part" }, [el("p", { className: "part-label", text: strings["summary.documents"] }), el("ul", { className: "documents" }, documents.map((d) => el("li", { text: d })))]) : null,
  ]);
}

function recommendationsSection(summary, strings) {
  const source = pick(summary, "recommendations", "services");
  const items = list(source);
  const body = items.length
    ? el("ol", { className: "services" }, items.map((item) => recommendation(item, strings)))
    : el("p", { className: "quiet", text: strings["summary.noRecommendations"] });
  return section("recommendations", titleOf(source, strings, "summary.recommendations"), [body]);
}

// ── Debts, income, household ──────────────────────────────────────────────────

/** A fact's value for reading: money in won, days, months, yes/no, codes by their label. */
function factValue(key, value, strings) {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return "";
  if (typeof value === "number" && /Krw$/.test(key)) return format(strings, "summary.won", { amount: new Intl.NumberFormat("ko-KR").format(value) });
  if (typeof value === "number" && /Days$/.test(key)) return format(strings, "fact.days", { n: value });
  if (typeof value === "number" && /Months$/.test(key)) return format(strings, "fact.months", { n: value });
  if (typeof value === "string") return strings[`value.${value}`] ?? value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? strings[`value.${v}`] ?? v : textOf(v, strings))).join(", ");
  return textOf(value, strings);
}

function factGroup(key, value, strings) {
  if (!value || typeof value !== "object") return null;
  const rows = Object.entries(value).filter(([k]) => k !== "title").map(([k, v]) => [strings[`fact.${k}`] ?? k, factValue(k, v, strings)]).filter(([, v]) => v !== "");
  if (!rows.length) return null;
  return el("div", { className: "fact-group" }, [
    el("h3", { text: titleOf(value, strings, key) }),
    el("dl", { className: "facts" }, rows.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })])),
  ]);
}

function factsSection(summary, strings) {
  const facts = pick(summary, "situation", "facts") ?? summary;
  const groups = [
    factGroup("summary.debts", pick(facts, "debts"), strings),
    factGroup("summary.income", pick(facts, "income"), strings),
    factGroup("summary.household", pick(facts, "household"), strings),
  ].filter(Boolean);
  if (!groups.length) return null;
  return section("facts", titleOf(facts, strings, "summary.facts"), [el("div", { className: "fact-groups" }, groups)]);
}

// ── Answers ───────────────────────────────────────────────────────────────────

/** The latest staff correction of an answer, if any. */
export function correctionOf(answer) {
  const all = list(pick(answer, "corrections")).concat(list(pick(answer, "correction")));
  return all.length ? all[all.length - 1] : null;
}

function answerRow(answer, strings, onCorrect) {
  const nodeId = pick(answer, "nodeId", "id", "questionId");
  const question = textOf(pick(answer, "question", "prompt", "label", "questionText"), strings) || nodeId;
  const given = factValue(String(nodeId), pick(answer, "display", "value", "answer"), strings) || strings["summary.notAnswered"];
  const correction = correctionOf(answer);
  const verified = correction
    ? el("div", { className: "verified" }, [
        el("span", { className: "verified-mark", text: format(strings, "summary.verifiedMark", { value: factValue("", pick(correction, "display", "value", "text"), strings) }) }),
        pick(correction, "note") ? el("span", { className: "verified-note", text: textOf(correction.note, strings) }) : null,
        el("span", { className: "verified-by", text: format(strings, "summary.by", { who: textOf(pick(correction, "by", "username", "staff", "author"), strings), time: dateTimeLabel(pick(correction, "at", "createdAt"), "ko") }) }),
      ])
    : null;
  const button = el("button", {
    className: "button button-small button-secondary no-print", text: strings["summary.correct"],
    attrs: { type: "button", "aria-label": format(strings, "summary.correctLabel", { question }), "data-node-id": nodeId },
  });
  button.addEventListener("click", () => onCorrect(answer, button));
  return el("tr", { className: correction ? "row-corrected" : undefined, attrs: { "data-node-id": nodeId } }, [
    el("th", { text: question, attrs: { scope: "row" } }),
    el("td", { text: given }),
    el("td", {}, [verified, button]),
  ]);
}

function answersSection(summary, strings, onCorrect) {
  const source = pick(summary, "answers");
  const answers = list(source);
  const table = el("table", { className: "answers" }, [
    el("thead", {}, [el("tr", {}, [
      el("th", { text: strings["summary.question"], attrs: { scope: "col" } }),
      el("th", { text: strings["summary.residentAnswer"], attrs: { scope: "col" } }),
      el("th", { text: strings["summary.staffVerified"], attrs: { scope: "col" } }),
    ])]),
    el("tbody", {}, answers.map((answer) => answerRow(answer, strings, onCorrect))),
  ]);
  return section("answers", titleOf(source, strings, "summary.answers"), [table]);
}

/** Draws the summary into `container`; `onCorrect(answer, button)` opens the correction form. */
export function renderSummary(container, summary, strings, { onCorrect }) {
  container.replaceChildren(...[
    urgentSection(summary, strings),
    narrativeSection(summary, strings),
    recommendationsSection(summary, strings),
    factsSection(summary, strings),
    answersSection(summary, strings, onCorrect),
  ].filter(Boolean));
}

/** The notes list, newest last. */
export function renderNotes(listNode, notes, strings, lang) {
  const items = list(notes);
  listNode.dataset.count = String(items.length);
  if (!items.length) {
    listNode.replaceChildren(el("li", { className: "quiet", text: strings["summary.noNotes"] }));
    return;
  }
  listNode.replaceChildren(...items.map((note) => el("li", { className: "note" }, [
    el("p", { className: "note-text", text: textOf(pick(note, "text", "body"), strings) }),
    el("p", { className: "note-by", text: format(strings, "summary.by", { who: textOf(pick(note, "by", "username", "author", "staff"), strings), time: dateTimeLabel(pick(note, "at", "createdAt"), lang) }) }),
  ])));
}

/** A small inline form under the answer to record the verified value; resolves on save or close. */
export function openCorrectionForm(row, answer, strings, save) {
  row.parentElement?.querySelector(".correction-row")?.remove();
  const nodeId = pick(answer, "nodeId", "id", "questionId");
  const valueId = `correct-value-${nodeId}`;
  const noteId = `correct-note-${nodeId}`;
  const value = el("input", { attrs: { id: valueId, name: "value", type: "text", maxlength: 500, autocomplete: "off" } });
  const note = el("input", { attrs: { id: noteId, name: "note", type: "text", maxlength: 500, autocomplete: "off" } });
  const error = el("p", { className: "form-error", attrs: { role: "alert" } });
  const cancel = el("button", { className: "button button-secondary", text: strings["summary.correctCancel"], attrs: { type: "button" } });
  const form = el("form", { className: "correction-form", attrs: { novalidate: true } }, [
    el("label", { text: strings["summary.correctValue"], attrs: { for: valueId } }), value,
    el("label", { text: strings["summary.correctNote"], attrs: { for: noteId } }), note,
    el("div", { className: "correction-buttons" }, [el("button", { className: "button", text: strings["summary.correctSave"], attrs: { type: "submit" } }), cancel]),
    error,
  ]);
  const holder = el("tr", { className: "correction-row no-print" }, [el("td", { attrs: { colspan: 3 } }, [form])]);
  row.after(holder);
  value.focus();
  cancel.addEventListener("click", () => holder.remove());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const typed = value.value.trim();
    const plain = typed.replace(/,/g, "");
    const message = await save({ nodeId, value: /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : typed, note: note.value.trim() || undefined });
    if (message) error.textContent = message;
    else holder.remove();
  });
}
