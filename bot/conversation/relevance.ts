import type { CaseFacts } from "../../flows/schema/case-facts";
import { draftFactsSchema } from "../../flows/schema/case-facts";
import type { Flow, FlowNode, QuestionNode } from "../../flows/schema/flow";
import type { RuleSet } from "../../flows/schema/rules";
import { canChangeResult, isSettledFalse, partnersOf, thresholdsOf } from "../eligibility/relevance";
import { savesOf } from "../nodes/node-kinds";
import type { EngineContext } from "./engine-context";
import { nodeOf } from "./engine-context";
import { completeFacts } from "./complete-facts";
import { writePath } from "./fact-paths";
import { flowGraphOf } from "./flow-graph";
import { readFact } from "./read-fact";
import type { SessionState } from "./session-state";

/**
 * Values tried besides the thresholds the rules name (those ±1): a coarse spread for what the
 * rules compare through a derived fact (incomes against the 중위소득 lines, debt against caps).
 */
const MONEY_GRID = [0, 500_000, 1_500_000, 3_000_000, 10_000_000, 30_000_000, 100_000_000, 500_000_000, 2_000_000_000];
const DAYS_GRID = [0, 15, 45, 120, 365];
const MONTHS_GRID = [0, 2, 6, 24];
const COUNT_GRID = [0, 1, 2, 3, 5, 10, 40, 70, 100, 700, 1000];

/** Partner values tried per partner (spread over its answers), and partners varied at once. */
const PARTNER_VALUES = 3;
const MAX_PARTNERS = 2;

/**
 * Whether asking `node` now can still change the resident's result, given what the state knows:
 * some answer to its fact (or to a fact asked or set only on some of its ways on) changes a
 * service's tier or score, an urgent item or a loan's figures, or one of its ways ends the
 * conversation. The values tried are the node's own (options, yes/no) and, for numbers, the
 * thresholds the rules name plus a grid. A fact the rules read only together with another one
 * still to be asked (household size with income) is tried against a few answers to that one
 * too, so it is not skipped just because its partner is not known yet. Without rules in the
 * engine, every question is worth asking.
 */
export function isWorthAsking(ctx: EngineContext<unknown>, state: SessionState, node: QuestionNode, asOf: string): boolean {
  const rules = ctx.rules?.();
  if (rules === undefined || node.save === undefined) return true;
  const region = flowGraphOf(ctx.flow).region(node.id);
  if (region.endsThere) return true;
  const writers = new Map<string, FlowNode[]>();
  const add = (path: string, writer: FlowNode) => {
    if (path.startsWith("vars.")) return;
    writers.set(path, [...(writers.get(path) ?? []), writer]);
  };
  add(node.save, node);
  for (const { nodeId, path } of region.saves) add(path, nodeOf(ctx, nodeId));
  const valuesOf = (path: string, nodes: readonly FlowNode[]) => unique(nodes.flatMap((writer) => candidatesFor(writer, path, rules, asOf)));
  for (const [path, nodes] of writers) {
    const unknown = withValue(state, path, undefined);
    if (unknown === undefined || isSettledFalse(rules, path, unknown, asOf)) continue;
    // Parts of the same thing first (a loan's received, repaid and days; a credit score's bureau and score), then facts
    // asked on the same ways, then those the rules read with it.
    const open = [...new Set([...siblingsOf(ctx, path), ...[...writers.keys()].filter((other) => other !== path), ...partnersOf(rules, path)])]
      .filter((partner) => partner !== path && readFact(state, partner) === undefined).slice(0, MAX_PARTNERS);
    const partnerValues = open.map((partner) => spread(valuesOf(partner, writersOf(ctx, partner)), PARTNER_VALUES).map((value) => [partner, value] as const));
    for (const assignment of [[], ...combinations(partnerValues)]) {
      const base = assignment.reduce<SessionState | undefined>((current, [partner, value]) => (current === undefined ? undefined : withDraft(current, partner, value)), state);
      if (base === undefined) continue;
      if (canChangeResult(rules, asOf, path, valuesOf(path, nodes), (value) => withValue(base, path, value))) return true;
    }
  }
  return false;
}

/** The answers a node can give to `path`, as the engine would store them. */
function candidatesFor(node: FlowNode, path: string, rules: RuleSet, asOf: string): unknown[] {
  const near = (grid: readonly number[], min = 0, max = Number.MAX_SAFE_INTEGER) =>
    [...grid, ...thresholdsOf(rules, path, asOf).flatMap((t) => [t - 1, t, t + 1])].filter((v) => v >= min && v <= max);
  switch (node.type) {
    case "yes_no":
      return [true, false];
    case "single_choice":
      return node.options.flatMap((o) => (o.value === null ? [] : [o.value ?? o.id]));
    case "multi_choice":
      return [[], ...node.options.flatMap((o) => (o.value === null ? [] : [[o.value ?? o.id]]))];
    case "money":
      return near(MONEY_GRID);
    case "number":
      return near(COUNT_GRID, node.min, node.max);
    case "duration":
      return near(node.unit === "days" ? DAYS_GRID : MONTHS_GRID);
    case "set_fact":
      return node.set.flatMap((s) => (s.target === path && s.value !== null ? [s.value] : []));
    default:
      return ["text"];
  }
}

/** The state's facts with `path` set to `value` (undefined: left unknown), as the scorer sees them; undefined when not valid. */
function withValue(state: SessionState, path: string, value: unknown): CaseFacts | undefined {
  const draft = withDraft(state, path, value);
  // completeFacts parses its result with the CaseFacts schema, and a valid draft always completes.
  return draft === undefined ? undefined : completeFacts(draft.facts);
}

function withDraft(state: SessionState, path: string, value: unknown): SessionState | undefined {
  const draft = draftFactsSchema.safeParse(writePath(state.facts, path, value));
  return draft.success ? { ...state, facts: draft.data } : undefined;
}

/** Other paths the flow writes under the same parent ("illegalLending.loans.0.days" for "…loans.0.receivedKrw"). */
function siblingsOf(ctx: EngineContext<unknown>, path: string): string[] {
  const parent = path.slice(0, path.lastIndexOf("."));
  if (parent === "") return [];
  writersOf(ctx, path);
  return [...(writerIndexes.get(ctx.flow)?.keys() ?? [])].filter((other) => other !== path && other.startsWith(`${parent}.`) && !other.slice(parent.length + 1).includes("."));
}

/** The flow's nodes that write `path`, found once per flow. */
function writersOf(ctx: EngineContext<unknown>, path: string): FlowNode[] {
  let byPath = writerIndexes.get(ctx.flow);
  if (byPath === undefined) {
    byPath = new Map();
    for (const node of ctx.flow.nodes) for (const [, saved] of savesOf(node)) byPath.set(saved, [...(byPath.get(saved) ?? []), node]);
    writerIndexes.set(ctx.flow, byPath);
  }
  return byPath.get(path) ?? [];
}

const writerIndexes = new WeakMap<Flow, Map<string, FlowNode[]>>();

/** At most `count` values spread over the list, its first and last included. */
function spread<T>(values: readonly T[], count: number): T[] {
  if (values.length <= count) return [...values];
  return Array.from({ length: count }, (_, i) => values[Math.round((i * (values.length - 1)) / (count - 1))]).filter((v): v is T => v !== undefined);
}

/** Every way to pick one value per list. */
function combinations<T>(lists: ReadonlyArray<readonly T[]>): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((prefix) => list.map((item) => [...prefix, item])), [[]]).filter((combo) => combo.length > 0);
}

function unique(values: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
