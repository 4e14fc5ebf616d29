import type { Flow, FlowOption, QuestionNode } from "../../flows/schema/flow";
import { isQuestionNode } from "../../flows/schema/flow";
import { readPath } from "../conversation/fact-paths";
import { UNKNOWN_OPTION_ID } from "../nodes/answer";
import { toAnswerValue } from "./derive-answers";
import type { AnswerRange, AnswerValue, Intake } from "./intake-ports";

/**
 * What an intake says about one question:
 * - `answered`: the resident answered it;
 * - `unknown`: the resident answered "몰라요" (the fact stays missing);
 * - `told`: not asked, because the fact was already known (told in the resident's own words and
 *   confirmed); a value the flow itself sets from another answer (no debt → no overdue days) is
 *   left out, as it follows from that answer;
 * - `not_asked`: a branch did not ask it (해당 없음);
 * - `skipped`: the conversation skipped it as irrelevant (when the intake records that);
 * - `later`: left for after the first result, and the resident did not go on to answer it.
 */
export type AnswerStatus = "answered" | "unknown" | "told" | "not_asked" | "skipped" | "later";

/** A question that saves its answer somewhere: the only kind an intake can say anything about. */
export type SavingQuestion = QuestionNode & { save: string };

export type AnswerRow = {
  node: SavingQuestion;
  status: AnswerStatus;
  /** What the answer saved (`answered`) or what the facts hold (`told`); null otherwise. */
  value: AnswerValue;
  /** The options the value stands for, for choices, in the options' order. */
  optionIds: string[];
  /** The resident's own answer is in `intake.answers`, so staff can correct it. */
  correctable: boolean;
  /** The answer was a tapped range (the value is an amount inside it, not one the resident gave). */
  range?: AnswerRange;
};

type IntakeAnswers = Pick<Intake, "answers" | "facts" | "unknown" | "skipped" | "later">;

/**
 * Every question of the flow that saves something, in the flow's order, with what the intake
 * says about it. A gate whose "yes" saves nothing is left out when the amount it led to was
 * answered ("담보 빚: 3,000만원", not also "담보 빚: 있어요"); of the questions not asked, one row
 * per fact (the gate and its amount save the same one).
 *
 * "몰라요" comes from `intake.unknown` when the intake records it; otherwise it is read from the
 * answer itself: a question answered without a value was answered "don't know", unless it is a
 * choice whose option saves nothing and leads to the question answered next ("있어요" → amount).
 */
export function computeAnswerRows(flow: Flow, intake: IntakeAnswers): AnswerRow[] {
  const questions = flow.nodes.filter(isQuestionNode).filter(savesSomething);
  const answers = new Map(intake.answers.map((answer) => [answer.nodeId, answer.value]));
  const ranges = new Map(intake.answers.flatMap((answer) => (answer.range !== undefined ? [[answer.nodeId, answer.range] as const] : [])));
  const order = [...answers.keys()];
  const unknown = new Set(intake.unknown ?? []);
  const skipped = new Set(intake.skipped ?? []);
  const later = new Set(intake.later ?? []);
  const answeredTargets = new Set(questions.filter((node) => answers.has(node.id)).map((node) => node.save));
  const shownTargets = new Set<string>();
  return questions.flatMap((node): AnswerRow[] => {
    if (answers.has(node.id)) {
      const value = answers.get(node.id) ?? null;
      const next = order[order.indexOf(node.id) + 1];
      const answered = answeredRow(node, value, next, unknown.has(node.id));
      const range = ranges.get(node.id);
      const row = range !== undefined && answered.status === "answered" ? { ...answered, range } : answered;
      const later = order.slice(order.indexOf(node.id) + 1);
      return isGateToAnsweredAmount(row, questions, later) ? [] : [row];
    }
    if (answeredTargets.has(node.save) || shownTargets.has(node.save)) return [];
    shownTargets.add(node.save);
    if (skipped.has(node.id)) return [{ node, status: "skipped", value: null, optionIds: [], correctable: false }];
    if (later.has(node.id)) return [{ node, status: "later", value: null, optionIds: [], correctable: false }];
    const known = node.save.startsWith("vars.") ? null : toAnswerValue(readPath(intake.facts, node.save));
    if (known === null) return [{ node, status: "not_asked", value: null, optionIds: [], correctable: false }];
    // What the flow sets from another answer ("no debt" → no overdue days) follows from a row shown.
    if (flowSets(flow, node.save, known)) return [];
    return [{ node, status: "told", value: known, optionIds: optionIdsOf(node, known), correctable: false }];
  });
}

function savesSomething(node: QuestionNode): node is SavingQuestion {
  return "save" in node && typeof node.save === "string";
}

function answeredRow(node: SavingQuestion, value: AnswerValue, nextAnswered: string | undefined, saidUnknown: boolean): AnswerRow {
  const row = (status: AnswerStatus, optionIds: string[] = []): AnswerRow => ({ node, status, value, optionIds, correctable: true });
  if (saidUnknown) return row("unknown");
  if (value === null) {
    const silent = silentOptionOf(node, nextAnswered);
    return silent === undefined ? row("unknown") : row("answered", [silent.id]);
  }
  if (node.type === "multi_choice" && Array.isArray(value) && value.length === 0) {
    const exclusive = node.exclusiveOption;
    if (exclusive === UNKNOWN_OPTION_ID) return row("unknown");
    return row("answered", exclusive === undefined ? [] : [exclusive]);
  }
  return row("answered", optionIdsOf(node, value));
}

/**
 * The option a choice answered without a value stands for: one that saves nothing, is not
 * "don't know", and leads to the question answered next (or is the only such option when the
 * question has no "don't know" option at all).
 */
function silentOptionOf(node: SavingQuestion, nextAnswered: string | undefined): FlowOption | undefined {
  if (node.type !== "single_choice") return undefined;
  const silent = node.options.filter((o) => o.value === null && o.id !== UNKNOWN_OPTION_ID);
  const leading = silent.find((o) => nextAnswered !== undefined && (o.next ?? node.next) === nextAnswered);
  if (leading !== undefined) return leading;
  const hasUnknown = node.options.some((o) => o.id === UNKNOWN_OPTION_ID) || node.onUnknown !== undefined;
  return !hasUnknown && silent.length === 1 ? silent[0] : undefined;
}

/** A gate ("담보 빚이 있나요? 있어요") whose amount question, saving the same fact, was answered later. */
function isGateToAnsweredAmount(row: AnswerRow, questions: readonly SavingQuestion[], later: readonly string[]): boolean {
  if (row.status !== "answered" || row.value !== null || row.node.type !== "single_choice") return false;
  return questions.some((other) => other.id !== row.node.id && other.save === row.node.save && later.includes(other.id));
}

/** Whether a set_fact node of the flow writes exactly `value` to `target`. */
function flowSets(flow: Flow, target: string, value: AnswerValue): boolean {
  return flow.nodes.some((node) => node.type === "set_fact" && node.set.some((entry) => entry.target === target && sameValue(entry.value, value)));
}

function sameValue(a: unknown, b: AnswerValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The options a saved value stands for: a choice's option by its value (or id when it has none). */
export function optionIdsOf(node: QuestionNode, value: AnswerValue): string[] {
  if (node.type !== "single_choice" && node.type !== "multi_choice") return [];
  const values = Array.isArray(value) ? value : [value];
  return node.options.filter((o) => values.some((v) => v === (o.value === undefined ? o.id : o.value))).map((o) => o.id);
}
