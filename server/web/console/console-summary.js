// The intake summary, in the order a counsellor needs it: urgent items first (threats,
// self-harm, illegal lending with its APR and whether the contract is void), then the top
// recommended services with reasons, what to bring and the other services by name, then debts,
// income and household, then every answer with any staff correction kept beside the resident's
// own, and the questions not asked. The server words every value ("45일", "모름"); this draws it.
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

// ── Recommendations: the top ones in full, what to bring once, the others by name ──────

function tierBadge(item) {
  return item.tierLabel ? el("span", { className: `tier tier-${item.tier ?? ""}`, text: item.tierLabel }) : null;
}

function topService(item, strings) {
  const reasons = list(item.reasons).map((r) => textOf(r, strings)).filter(Boolean);
  return el("li", { className: "service", attrs: { "data-service": item.service } }, [
    el("h3", {}, [el("span", { className: "service-name", text: textOf(pick(item, "name", "service"), strings) }), " ", tierBadge(item)]),
    reasons.length ? el("ul", { className: "reasons", attrs: { "aria-label": strings["summary.reasons"] } }, reasons.map((r) => el("li", { text: r }))) : null,
  ]);
}

function otherService(item, strings) {
  const reasons = list(item.reasons).map((r) => textOf(r, strings)).filter(Boolean);
  return el("li", { className: "other-service", attrs: { "data-service": item.service } }, [
    el("span", { className: "service-name", text: textOf(pick(item, "name", "service"), strings) }), " ", tierBadge(item),
    reasons.length ? el("span", { className: "other-reasons no-print", text: ` ${reasons.join(" ")}` }) : null,
  ]);
}

/** A titled list that runs on as one line in print ("가져올 서류: 신분증 · 소득 증빙(급여명세서 등)"). */
function inlineList(className, title, items) {
  if (!items.length) return null;
  return el("div", { className: `inline-list ${className}` }, [
    el("p", { className: "part-label", text: title }),
    el("ul", {}, items.map((item) => el("li", { text: item }))),
  ]);
}

function recommendationsSection(summary, strings) {
  const source = pick(summary, "recommendations");
  const items = list(source);
  const top = items.filter((item, index) => (typeof item.top === "boolean" ? item.top : index < 3));
  const others = items.filter((item) => !top.includes(item));
  const documents = list(source?.documents).map((d) => textOf(d, strings)).filter(Boolean);
  const parts = items.length
    ? [
        el("ol", { className: "services" }, top.map((item) => topService(item, strings))),
        inlineList("documents", source?.documents?.title ?? strings["summary.documents"], documents),
        others.length ? el("div", { className: "inline-list other-services" }, [
          el("p", { className: "part-label", text: strings["summary.otherServices"] }),
          el("ul", {}, others.map((item) => otherService(item, strings))),
        ]) : null,
      ]
    : [el("p", { className: "quiet", text: strings["summary.noRecommendations"] })];
  return section("recommendations", titleOf(source, strings, "summary.recommendations"), parts);
}

// ── Debts, income, household: label and text, both from the server ──────────────────

function factGroup(group) {
  const rows = list(group?.rows).filter((row) => row && row.text);
  if (!rows.length) return null;
  return el("div", { className: "fact-group" }, [
    el("h3", { text: group.title ?? "" }),
    el("dl", { className: "facts" }, rows.flatMap((row) => [el("dt", { text: row.label }), el("dd", { text: row.text, attrs: { "data-key": row.key } })])),
  ]);
}

function factsSection(summary, strings) {
  const situation = pick(summary, "situation") ?? {};
  const groups = [factGroup(situation.debts), factGroup(situation.income), factGroup(situation.household)].filter(Boolean);
  if (!groups.length) return null;
  return section("facts", titleOf(situation, strings, "summary.facts"), [el("div", { className: "fact-groups" }, groups)]);
}

// ── Answers ───────────────────────────────────────────────────────────────────

/** The latest staff correction of an answer, if any. */
export function correctionOf(answer) {
  const all = list(pick(answer, "corrections"));
  return all.length ? all[all.length - 1] : null;
}

function answerRow(answer, strings, onCorrect) {
  const nodeId = answer.nodeId;
  const labelText = textOf(pick(answer, "label", "question"), strings) || nodeId;
  const correction = correctionOf(answer);
  const verified = correction
    ? el("div", { className: "verified" }, [
        el("span", { className: "verified-mark", text: format(strings, "summary.verifiedMark", { value: textOf(pick(correction, "text", "value"), strings) }) }),
        correction.note ? el("span", { className: "verified-note", text: textOf(correction.note, strings) }) : null,
        el("span", { className: "verified-by", text: format(strings, "summary.by", { who: textOf(correction.by, strings), time: dateTimeLabel(correction.at, "ko") }) }),
      ])
    : null;
  let button = null;
  if (answer.correctable !== false) {
    button = el("button", {
      className: "button button-small button-secondary no-print", text: strings["summary.correct"],
      attrs: { type: "button", "aria-label": format(strings, "summary.correctLabel", { question: labelText }), "data-node-id": nodeId },
    });
    button.addEventListener("click", () => onCorrect(answer, button));
  }
  const classes = [correction ? "row-corrected" : "", `answer-${answer.status ?? "answered"}`].filter(Boolean).join(" ");
  return el("tr", { className: classes, attrs: { "data-node-id": nodeId, "data-status": answer.status } }, [
    el("th", { attrs: { scope: "row" } }, [
      el("span", { className: "answer-label", text: labelText }),
      answer.question && answer.question !== labelText ? el("span", { className: "question-text no-print", text: answer.question }) : null,
    ]),
    el("td", { className: "answer-text" }, [
      textOf(answer.text, strings) || strings["summary.notAnswered"],
      answer.statusLabel ? el("span", { className: "answer-note", text: ` (${answer.statusLabel})` }) : null,
    ]),
    el("td", { className: "answer-staff" }, [verified, button]),
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
  const names = (group) => list(group).map((item) => textOf(pick(item, "label", "nodeId"), strings)).filter(Boolean);
  return section("answers", titleOf(source, strings, "summary.answers"), [
    table,
    inlineList("not-asked", source?.notAsked?.title ?? "", names(source?.notAsked)),
    inlineList("skipped", source?.skipped?.title ?? "", names(source?.skipped)),
    inlineList("later", source?.later?.title ?? "", names(source?.later)),
  ]);
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
