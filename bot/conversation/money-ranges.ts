import { draftFactsSchema } from "../../flows/schema/case-facts";
import type { Condition } from "../../flows/schema/condition";
import type { Flow, QuestionNode } from "../../flows/schema/flow";
import type { MoneyInterval } from "../eligibility/compute-money-cuts";
import { computeMoneyCuts, intervalsOf, representativeOf } from "../eligibility/compute-money-cuts";
import type { Answer, UserInput } from "../nodes/answer";
import { toSeoulDate } from "../time/seoul-date";
import type { Msg, ParseResult } from "../types";
import { completeFacts } from "./complete-facts";
import type { EngineContext } from "./engine-context";
import { writePath } from "./fact-paths";
import type { AnsweredRange, SessionState } from "./session-state";

/** Option ids of range buttons: "range:<min>-<max>" in won ("range:2500001-" has no upper end). */
export const RANGE_OPTION_PREFIX = "range:";

/** Between 2 and 5 ranges are offered: fewer is no choice, more is slower than typing. */
const MAX_CUTS = 4;

export type RangeOption = { id: string; label: Msg; value: number; range: AnsweredRange };

/**
 * The ranges a money question offers as buttons, from the rules: one per interval between the
 * amounts where a comparison the rules (or the flow's branches) still make with the fact turns,
 * for what the resident has told so far (computeMoneyCuts). None when the rules cannot be cut
 * that way, or when they would give one range or more than five: the amount is typed.
 * The rules' date is the state's last change, so a question reads its buttons as it showed them.
 */
export function rangeOptionsOf(ctx: EngineContext<unknown>, state: SessionState, node: QuestionNode): RangeOption[] {
  const rules = ctx.rules?.();
  if (node.type !== "money" || node.save === undefined || node.save.startsWith("vars.") || rules === undefined) return [];
  const unanswered = draftFactsSchema.safeParse(writePath(state.facts, node.save, undefined));
  if (!unanswered.success) return [];
  const facts = completeFacts(unanswered.data);
  const cuts = computeMoneyCuts(rules, node.save, facts, toSeoulDate(state.updatedAt), branchConditionsOf(ctx.flow));
  if (cuts === undefined || cuts.length === 0 || cuts.length > MAX_CUTS) return [];
  const per = node.per ?? "any";
  return intervalsOf(cuts).map((interval) => {
    const label = labelOf(interval, per);
    return {
      id: `${RANGE_OPTION_PREFIX}${interval.min}-${interval.max ?? ""}`, label, value: representativeOf(interval),
      range: { min: interval.min, max: interval.max ?? null, label },
    };
  });
}

/**
 * A tapped range at a money question: the answer saves the range's representative amount and
 * goes on as a typed amount would. Undefined when the input is no range tap (typed amounts,
 * "몰라요" and the rest are read as before); an error when the range is not one offered now.
 */
export function readRangeAnswer(ctx: EngineContext<unknown>, state: SessionState, node: QuestionNode, input: UserInput): ParseResult<{ answer: Answer; range: AnsweredRange }> | undefined {
  if (node.type !== "money" || input.optionId?.startsWith(RANGE_OPTION_PREFIX) !== true) return undefined;
  const option = rangeOptionsOf(ctx, state, node).find((o) => o.id === input.optionId);
  if (option === undefined) return { ok: false, reason: { key: "engine.error.unknownOption" } };
  return { ok: true, value: { answer: { value: option.value, next: node.next }, range: option.range } };
}

/**
 * "월 250만원 이하", "연 3,500만원 초과~4,500만원 이하", "없음 (0원)": each edge with the word that
 * says on which side its own amount falls (이하/초과 for a line the amount may reach, 미만/이상
 * for one it must stay under). A lowest range that starts just above 0 is said by its top alone.
 */
function labelOf(interval: MoneyInterval, per: "month" | "year" | "any"): Msg {
  const { lower, upper } = interval;
  if (interval.min === 0 && interval.max === 0) return { key: "engine.range.zero" };
  const fromZero = lower === undefined || (lower.form === "lte" && lower.won === 0);
  if (fromZero && upper !== undefined) return { key: `engine.range.${per}.below`, params: { max: upper.won, upper: upper.form } };
  if (lower !== undefined && upper === undefined) return { key: `engine.range.${per}.above`, params: { min: lower.won, lower: lower.form } };
  if (lower !== undefined && upper !== undefined) {
    return { key: `engine.range.${per}.between`, params: { min: lower.won, lower: lower.form, max: upper.won, upper: upper.form } };
  }
  return { key: "engine.range.zero" };
}

/** The fact paths the resident gave as a tapped range (the questions' `save`). */
export function rangedFactsOf(ctx: EngineContext<unknown>, state: SessionState): ReadonlySet<string> {
  return new Set(Object.keys(state.ranges ?? {}).flatMap((nodeId) => {
    const node = ctx.nodes.get(nodeId);
    return node !== undefined && "save" in node && typeof node.save === "string" ? [node.save] : [];
  }));
}

const branchConditions = new WeakMap<Flow, Condition[]>();

/** Every condition the flow's branches test: an amount that turns one of them is a cut too. */
function branchConditionsOf(flow: Flow): Condition[] {
  const known = branchConditions.get(flow);
  if (known !== undefined) return known;
  const conditions = flow.nodes.flatMap((node) => (node.type === "branch" ? node.cases.map((c) => c.when) : []));
  branchConditions.set(flow, conditions);
  return conditions;
}
