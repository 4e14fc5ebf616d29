import type { DraftFacts } from "../../flows/schema/case-facts";
import { draftFactsSchema } from "../../flows/schema/case-facts";
import type { QuestionNode } from "../../flows/schema/flow";
import { isQuestionNode } from "../../flows/schema/flow";
import { evaluateCondition } from "../conditions/evaluate-condition";
import { urgentCodesOf } from "../eligibility/relevance";
import { applyProposal, CONFIRM_OPTION_IDS, readConfirmation, toConfirmationMessages } from "../extract/confirm-proposal";
import type { Answer, UserInput } from "../nodes/answer";
import { inputKindOf, optionsOf } from "../nodes/node-kinds";
import { readAnswer, unknownNextOf } from "../nodes/read-answer";
import { toSeoulDate } from "../time/seoul-date";
import type { Lang, Msg } from "../types";
import { completeFacts } from "./complete-facts";
import type { EngineContext } from "./engine-context";
import { nodeOf } from "./engine-context";
import type { EngineTurn } from "./engine-turn";
import { estimateRemainingQuestions } from "./estimate-progress";
import { flowGraphOf } from "./flow-graph";
import { rangedFactsOf, rangeOptionsOf, readRangeAnswer } from "./money-ranges";
import { isWorthAsking } from "./relevance";
import { writePath } from "./fact-paths";
import { newFactsOf } from "./pending-facts";
import { readFact } from "./read-fact";
import type { AnsweredRange, PendingFacts, SessionState, StateSnapshot } from "./session-state";
import { STATE_SCHEMA_VERSION } from "./session-state";

export type Step<E> = { state: SessionState; turn: EngineTurn<E> };

/** About how long a resident takes per question on a phone, reading and answering (an assumption, not a measurement). */
export const SECONDS_PER_QUESTION = 15;

/** The option a first result offers to answer the questions left for later. */
export const REFINE_OPTION_ID = "triage:refine";

/** A guard against a flow that could spin without asking anything (the loader rejects those). */
const MAX_STEPS_PER_TURN = 500;

/** Starts a conversation on the flow's start node. `now` is an ISO instant given by the caller. */
export function startConversation<E>(ctx: EngineContext<E>, lang: Lang, now: string): Step<E> {
  const state: SessionState = {
    schemaVersion: STATE_SCHEMA_VERSION, flowId: ctx.flow.id, flowVersion: ctx.flow.version, lang,
    nodeId: ctx.flow.start, facts: {}, vars: {}, history: [], answered: 0, done: false,
    startedAt: now, updatedAt: now,
  };
  return walkFrom(ctx, state, ctx.flow.start, [], now);
}

/** Starts over on the flow's start node, in the same language, saying so. */
export function restartConversation<E>(ctx: EngineContext<E>, state: SessionState, now: string): Step<E> {
  const fresh = startConversation(ctx, state.lang, now);
  return { state: fresh.state, turn: { ...fresh.turn, messages: [{ key: "engine.restarted" }, ...fresh.turn.messages] } };
}

/** The current question again with the help text (and the question's own hint). */
export function showHelp<E>(ctx: EngineContext<E>, state: SessionState): Step<E> {
  const node = nodeOf(ctx, state.nodeId);
  return rerender(ctx, state, [{ key: "engine.help" }, ...(isQuestionNode(node) && node.hint ? [{ key: node.hint }] : [])]);
}

/** The current turn again, after `messages`. */
export function rerender<E>(ctx: EngineContext<E>, state: SessionState, messages: Msg[]): Step<E> {
  return { state, turn: renderTurn(ctx, state, messages) };
}

/** Applies one answer (a typed text or a tapped option) and walks to the next question. */
export function continueConversation<E>(ctx: EngineContext<E>, state: SessionState, input: UserInput, now: string): Step<E> {
  const node = nodeOf(ctx, state.nodeId);
  if (state.done || !isQuestionNode(node)) return rerender(ctx, state, [{ key: "engine.alreadyDone" }]);
  if (state.pendingFacts !== undefined) return settleProposal(ctx, state, state.pendingFacts, input, now);

  const ranged = readRangeAnswer(ctx, state, node, input);
  if (ranged !== undefined && !ranged.ok) return rerender(ctx, state, [ranged.reason]);
  const answer = ranged?.ok === true ? { ok: true as const, value: ranged.value.answer } : readAnswer(node, input, ctx.labels, state.lang);
  if (!answer.ok) return rerender(ctx, state, [answer.reason]);
  const applied = applyAnswer(state, node, answer.value, ranged?.ok === true ? ranged.value.range : undefined);
  if (!applied.ok) return rerender(ctx, state, [applied.reason]);
  const next = answer.value.next;
  if (next === undefined) throw new Error(`node "${node.id}" has no next for its answer`);
  const answered: SessionState = { ...applied.value, routes: { ...state.routes, [node.id]: next }, updatedAt: now };
  return walkFrom(ctx, withUrgentFirst(ctx, state, answered, now), next, [...(answer.value.notes ?? [])], now);
}

/**
 * After the first result, the resident chose to answer more: the walk goes over the flow again
 * from its start, passing what is answered, and asks what was left for later and is still worth
 * asking, then shows the result again.
 */
export function refineConversation<E>(ctx: EngineContext<E>, state: SessionState, now: string): Step<E> {
  if (!state.done || (state.deferred ?? []).length === 0) return rerender(ctx, state, [{ key: "engine.alreadyDone" }]);
  const refining: SessionState = {
    ...state, history: [...state.history, snapshotOf(state)].slice(-200), done: false, refining: true, urgentFirst: undefined, deferred: undefined,
    evaluatedOn: undefined, updatedAt: now,
  };
  return walkFrom(ctx, refining, ctx.flow.start, [{ key: "engine.refine.started" }], now);
}

/**
 * Danger to the person (threats, violence, intimate images: the 112 help) raised by an answer
 * before the first result makes the result come next: the help and what is known first, the
 * rest after it. Self-harm does not (its 109 help is on screen and the questions go on gently),
 * nor do signs of illegal lending alone (1332, the free lawyer), which the questions after them
 * (threats, intimate images) must still reach.
 */
function withUrgentFirst<E>(ctx: EngineContext<E>, before: SessionState, after: SessionState, now: string): SessionState {
  const rules = ctx.rules?.();
  if (rules === undefined || after.refining === true || after.urgentFirst === true) return after;
  const asOf = toSeoulDate(now);
  const raised = (state: SessionState) => urgentCodesOf(rules, completeFacts(state.facts), asOf).filter((code) => code === "call_112");
  const earlier = new Set(raised(before));
  return raised(after).some((code) => !earlier.has(code)) ? { ...after, urgentFirst: true } : after;
}

/**
 * Facts read from a free-text message, shown for the resident to confirm ("이렇게 이해했어요: …
 * 맞나요?" with yes / fix). Only facts still unknown are proposed; nothing reaches the facts
 * until a yes. When nothing is new (or the conversation rests on no question), the current
 * turn comes back unchanged.
 */
export function proposeFacts<E>(ctx: EngineContext<E>, state: SessionState, proposal: DraftFacts, now: string): Step<E> {
  const node = nodeOf(ctx, state.nodeId);
  const pending = state.done || !isQuestionNode(node) ? undefined : newFactsOf(state.facts, proposal);
  if (pending === undefined) return rerender(ctx, state, []);
  const next: SessionState = { ...state, pendingFacts: pending, updatedAt: now };
  return { state: next, turn: renderTurn(ctx, next, []) };
}

/**
 * Whether a typed text is no answer the current question accepts (nor a reply to a pending
 * proposal): only such a text may be read as a story. A tap never is.
 */
export function isNotAnAnswer(ctx: EngineContext<unknown>, state: SessionState, input: UserInput): boolean {
  if (state.done || state.pendingFacts !== undefined) return false;
  if (input.optionId !== undefined || input.text === undefined || input.text.trim().length === 0) return false;
  const node = nodeOf(ctx, state.nodeId);
  return isQuestionNode(node) && !readAnswer(node, input, ctx.labels).ok;
}

/**
 * The resident's reply to a proposal: yes merges it into the facts (only unknown facts, lists
 * joined; "back" undoes it) and walks on from the current question, skipping what is now
 * known; fix or anything else drops it and asks the current question again.
 */
function settleProposal<E>(ctx: EngineContext<E>, state: SessionState, pending: PendingFacts, input: UserInput, now: string): Step<E> {
  const cleared: SessionState = { ...state, pendingFacts: undefined, updatedAt: now };
  if (readConfirmation(input) !== "confirm") return rerender(ctx, cleared, [{ key: "flow.extract.dropped" }]);
  const snapshot = snapshotOf(state);
  const merged = draftFactsSchema.safeParse(applyProposal(state.facts, pending.facts));
  if (!merged.success) return rerender(ctx, cleared, [{ key: "flow.extract.dropped" }]);
  const confirmed: SessionState = { ...cleared, facts: merged.data, history: [...state.history, snapshot].slice(-200) };
  return walkFrom(ctx, withUrgentFirst(ctx, state, confirmed, now), state.nodeId, [{ key: "flow.extract.confirmed" }], now);
}

/**
 * When the current question's fact became known without an answer to it (the resident typed
 * "죽고 싶어요" at the self-harm question, which records the risk), takes that as the answer and
 * walks on, as `skipWhenKnown` would; undefined when the question is still open.
 */
export function answerKnownFact<E>(ctx: EngineContext<E>, state: SessionState, now: string): Step<E> | undefined {
  const node = nodeOf(ctx, state.nodeId);
  if (state.done || state.pendingFacts !== undefined || !isQuestionNode(node)) return undefined;
  const next = knownAnswerNext(node, state, true);
  if (next === undefined) return undefined;
  const answered: SessionState = {
    ...state, history: [...state.history, snapshotOf(state)].slice(-200), answered: state.answered + 1, routes: { ...state.routes, [node.id]: next }, updatedAt: now,
  };
  return walkFrom(ctx, answered, next, [], now);
}

/** The current turn again, without changing anything: used to resume after a reload. */
export function currentTurn<E>(ctx: EngineContext<E>, state: SessionState): EngineTurn<E> {
  return renderTurn(ctx, state, []);
}

/** Undoes the last answer (or confirmed story), back to the question it answered. */
export function goBack<E>(ctx: EngineContext<E>, state: SessionState, now: string): Step<E> {
  const previous = state.history[state.history.length - 1];
  if (!previous) return rerender(ctx, state, [{ key: "engine.nothingToUndo" }]);
  const restored: SessionState = {
    ...state, ...previous, unknown: previous.unknown, skipped: previous.skipped, deferred: previous.deferred, urgentFirst: previous.urgentFirst,
    refining: previous.refining, routes: previous.routes, ranges: previous.ranges, history: state.history.slice(0, -1), done: false, evaluatedOn: undefined, pendingFacts: undefined,
    updatedAt: now,
  };
  return { state: restored, turn: renderTurn(ctx, restored, [{ key: "engine.wentBack" }]) };
}

type Applied = { ok: true; value: SessionState } | { ok: false; reason: Msg };

/** Stores an answer; `range` when it was a tapped range (recorded for the summary, dropped when the question is answered otherwise). */
function applyAnswer(state: SessionState, node: QuestionNode, answer: Answer, range?: AnsweredRange): Applied {
  const target = "save" in node ? node.save : undefined;
  const stored = target === undefined ? { ok: true as const, value: state } : storeValue(state, target, answer.value);
  if (!stored.ok) return stored;
  const others = (state.unknown ?? []).filter((id) => id !== node.id);
  const unknown = answer.unknown === true ? [...others, node.id] : others;
  const { [node.id]: _previous, ...otherRanges } = state.ranges ?? {};
  const ranges = range === undefined ? otherRanges : { ...otherRanges, [node.id]: range };
  return {
    ok: true,
    value: {
      ...stored.value, history: [...state.history, snapshotOf(state)].slice(-200), answered: state.answered + 1, unknown: unknown.length > 0 ? unknown : undefined,
      ranges: Object.keys(ranges).length > 0 ? ranges : undefined,
    },
  };
}

/** The state before an answer, for "back"; "don't know" marks are only kept when there are some. */
function snapshotOf(state: SessionState): StateSnapshot {
  const { nodeId, facts, vars, answered, unknown, skipped, deferred, urgentFirst, refining, routes, ranges } = state;
  return {
    nodeId, facts, vars, answered, ...(unknown !== undefined ? { unknown } : {}), ...(skipped !== undefined ? { skipped } : {}),
    ...(deferred !== undefined ? { deferred } : {}), ...(urgentFirst !== undefined ? { urgentFirst } : {}), ...(refining !== undefined ? { refining } : {}),
    ...(routes !== undefined ? { routes } : {}), ...(ranges !== undefined ? { ranges } : {}),
  };
}

/** Writes a value to a fact or a session variable, keeping the facts valid CaseFacts. */
function storeValue(state: SessionState, target: string, value: unknown): Applied {
  if (target.startsWith("vars.")) {
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return { ok: true, value: state };
    return { ok: true, value: { ...state, vars: { ...state.vars, [target.slice(5)]: value } } };
  }
  const parsed = draftFactsSchema.safeParse(writePath(state.facts, target, value === null ? undefined : value));
  if (!parsed.success) return { ok: false, reason: { key: "engine.error.outOfRange" } };
  return { ok: true, value: { ...state, facts: parsed.data } };
}

/**
 * Walks through nodes that need no input until a question or an end, collecting messages (each
 * message node is said once in a conversation). A question is passed when its answer is known,
 * when no answer could change the result (recorded as skipped), or, before the first result,
 * when it only refines the result or urgent help came first (recorded as deferred); passing a
 * question goes on where all its ways meet again.
 */
function walkFrom<E>(ctx: EngineContext<E>, start: SessionState, fromId: string, messages: Msg[], now: string): Step<E> {
  let state = start;
  let id = fromId;
  const asOf = toSeoulDate(now);
  const graph = flowGraphOf(ctx.flow);
  // Intros said in this walk, kept only if a question after them is asked.
  let intros: Array<{ id: string; msg: Msg }> = [];
  const dropIntros = () => {
    for (const intro of intros) messages.splice(messages.indexOf(intro.msg), 1);
    intros = [];
  };
  for (let steps = 0; steps < MAX_STEPS_PER_TURN; steps++) {
    const node = nodeOf(ctx, id);
    switch (node.type) {
      case "message":
        if (!(state.shown ?? []).includes(node.id) && !intros.some((intro) => intro.id === node.id)) {
          const msg = { key: node.text, params: aheadParams(ctx, state, node.next) };
          messages.push(msg);
          if (node.intro === true) intros.push({ id: node.id, msg });
          else state = { ...state, shown: [...(state.shown ?? []), node.id] };
        }
        id = node.next;
        continue;
      case "branch":
        id = node.cases.find((c) => evaluateCondition(c.when, { readFact: (name) => readFact(state, name) }).value === true)?.next ?? node.otherwise;
        continue;
      case "set_fact":
        for (const { target, value } of node.set) {
          const stored = storeValue(state, target, value);
          if (stored.ok) state = stored.value;
        }
        id = node.next;
        continue;
      case "evaluate":
        state = { ...state, evaluatedOn: toSeoulDate(now) };
        id = node.next;
        continue;
      case "end": {
        // The first result offers more questions only when one left for later can still change it.
        // One is enough: the search stops at the first (each try scores the rules many times).
        const later = (state.deferred ?? []).some((deferredId) => {
          const deferredNode = nodeOf(ctx, deferredId);
          return isQuestionNode(deferredNode) && isWorthAsking(ctx, state, deferredNode, asOf);
        });
        state = { ...state, nodeId: id, done: true, deferred: later ? state.deferred : undefined };
        dropIntros();
        break;
      }
      default: {
        const known = knownAnswerNext(node, state);
        if (known !== undefined) {
          id = known;
          continue;
        }
        const passTo = graph.after(node.id);
        // Deferring costs nothing; whether a deferred question is worth asking is seen when the resident asks for more.
        if (passTo !== undefined && state.refining !== true && (node.detail || state.urgentFirst === true)) {
          state = { ...state, deferred: addOnce(state.deferred, node.id) };
          dropIntros();
          id = passTo;
          continue;
        }
        if (passTo !== undefined && !isWorthAsking(ctx, state, node, asOf)) {
          state = { ...state, skipped: addOnce(state.skipped, node.id) };
          dropIntros();
          id = passTo;
          continue;
        }
        state = { ...state, nodeId: id, skipped: removed(state.skipped, node.id), shown: [...(state.shown ?? []), ...intros.map((intro) => intro.id)] };
      }
    }
    if (state.done && state.refining === true) state = { ...state, refining: undefined };
    const shown = withShownTotal(ctx, state);
    return { state: shown, turn: renderTurn(ctx, shown, messages) };
  }
  throw new Error(`flow ${ctx.flow.id} walked ${MAX_STEPS_PER_TURN} nodes without a question from "${fromId}"`);
}

/**
 * A message may say how long is left: `{{questions}}` still ahead from where it leads and the
 * `{{minutes}}` they take at SECONDS_PER_QUESTION each (the welcome's "질문 12개쯤, 3분").
 */
function aheadParams<E>(ctx: EngineContext<E>, state: SessionState, nextId: string): { questions: number; minutes: number } {
  const questions = Math.max(1, estimateRemainingQuestions(ctx, state, nextId));
  return { questions, minutes: Math.max(1, Math.round((questions * SECONDS_PER_QUESTION) / 60)) };
}

function addOnce(list: readonly string[] | undefined, id: string): string[] {
  return (list ?? []).includes(id) ? [...(list ?? [])] : [...(list ?? []), id];
}

function removed(list: readonly string[] | undefined, id: string): string[] | undefined {
  const rest = (list ?? []).filter((item) => item !== id);
  return rest.length > 0 ? rest : undefined;
}

/**
 * When a question was answered (where it led), or its answer is known, the node it would lead
 * to; else undefined. Only for questions that skip when known, unless the resident `justSaid` it
 * (a wish to die typed at the self-harm question answers it, whatever the flow's setting).
 */
function knownAnswerNext(node: QuestionNode, state: SessionState, justSaid = false): string | undefined {
  const skips = node.skipWhenKnown || justSaid;
  const routed = skips ? state.routes?.[node.id] : undefined;
  if (routed !== undefined) return routed;
  if (skips && state.unknown?.includes(node.id) === true) return unknownNextOf(node);
  if (!skips || !("save" in node) || node.save === undefined) return undefined;
  const value = readFact(state, node.save);
  if (value === undefined) return undefined;
  if (node.type === "yes_no") return (value === true ? node.onYes : node.onNo) ?? node.next;
  if (node.type === "single_choice") return node.options.find((o) => (o.value ?? o.id) === value)?.next ?? node.next;
  return node.next;
}

/**
 * The question count to show: answered plus the estimate of what is ahead, but never more than 2
 * above the count shown before (an answer that opens a section raises it gently), never below
 * what is answered (plus the question on screen), and exact at the end.
 */
function withShownTotal<E>(ctx: EngineContext<E>, state: SessionState): SessionState {
  if (state.done) return { ...state, shownTotal: state.answered };
  const estimate = state.answered + Math.max(1, estimateRemainingQuestions(ctx, state, state.nodeId));
  const capped = state.shownTotal === undefined ? estimate : Math.min(estimate, state.shownTotal + 2);
  return { ...state, shownTotal: Math.max(state.answered + 1, capped) };
}

function renderTurn<E>(ctx: EngineContext<E>, state: SessionState, messages: Msg[]): EngineTurn<E> {
  const node = nodeOf(ctx, state.nodeId);
  const total = state.done ? state.answered : state.shownTotal ?? state.answered + estimateRemainingQuestions(ctx, state, state.nodeId);
  const progress = { answered: state.answered, estimatedTotal: Math.max(total, state.answered) };
  if (node.type === "end") {
    const evaluation = state.evaluatedOn !== undefined ? ctx.evaluate(completeFacts(state.facts), state.evaluatedOn, rangedFactsOf(ctx, state)) : undefined;
    // A first result with questions left for later offers them: answering a few more makes it more precise.
    const refinable = evaluation !== undefined && (state.deferred ?? []).length > 0;
    return {
      nodeId: node.id, messages: [...messages, { key: node.text }, ...(refinable ? [{ key: "engine.refine.offer" }] : [])], input: { kind: "none" },
      options: refinable ? [{ id: REFINE_OPTION_ID, label: { key: "engine.refine.option" } }] : [], progress,
      done: true, offer: node.offer, ...(evaluation !== undefined ? { evaluation } : {}),
    };
  }
  if (!isQuestionNode(node)) throw new Error(`state rests on non-question node "${node.id}"`);
  if (state.pendingFacts !== undefined) {
    return {
      nodeId: node.id, messages: [...messages, ...toConfirmationMessages(state.pendingFacts.facts)], input: { kind: "choice" },
      options: [
        { id: CONFIRM_OPTION_IDS.confirm, label: { key: "flow.extract.option.confirm" } },
        { id: CONFIRM_OPTION_IDS.fix, label: { key: "flow.extract.option.fix" } },
      ],
      progress, done: false,
    };
  }
  return {
    nodeId: node.id,
    messages: [...messages, { key: node.text }],
    input: { kind: inputKindOf(node), ...(node.hint ? { hint: { key: node.hint } } : {}) },
    options: [
      ...optionsOf(node).map((o) => ({ id: o.id, label: { key: o.label } })),
      ...rangeOptionsOf(ctx, state, node).map((o) => ({ id: o.id, label: o.label })),
    ],
    progress, done: false,
  };
}
