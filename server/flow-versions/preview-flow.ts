import type { EngineContext } from "../../bot/conversation/engine-context";
import type { Step } from "../../bot/conversation/run-conversation";
import { readTypedCommand } from "../../bot/conversation/chat-input";
import { fromEngineTurn } from "../../bot/conversation/chat-turn";
import { continueConversation, currentTurn, goBack, restartConversation, showHelp, startConversation } from "../../bot/conversation/run-conversation";
import type { SessionState } from "../../bot/conversation/session-state";
import type { EvaluationCore } from "../../bot/eligibility/score-services";
import { DomainError } from "../../bot/errors";
import type { UserInput } from "../../bot/nodes/answer";
import { isQuestionNode } from "../../flows/schema/flow";
import { toTurn } from "../conversation/to-turn";
import type { Turn } from "../../bot/contract/turn-schema";
import type { SupportedLang } from "../i18n/load-locales";
import type { FlowContent, FlowEngineDeps } from "./build-flow-engine";
import { buildFlowEngine } from "./build-flow-engine";

/** The commands a preview understands: the triage's own (it has no booking, erase or paging). */
export const previewCommands = ["back", "restart", "help"] as const;
type PreviewCommand = (typeof previewCommands)[number];
export type PreviewInput = UserInput | { command: PreviewCommand };
export type PreviewRequest = { lang: SupportedLang; state?: SessionState; input?: PreviewInput };
export type PreviewResult = { state: SessionState; turn: Turn & { nodeId: string } };
type Engine = EngineContext<EvaluationCore>;

/**
 * One step of a flow version run without a session: starts a conversation, or continues the
 * given state by one input (without input, shows its turn again). Nothing is stored or counted.
 * A state that does not fit this flow version is refused (422) before the engine sees it.
 */
export function previewFlow(content: FlowContent & { flowId: string }, version: number, request: PreviewRequest, deps: { build: FlowEngineDeps; now: () => Date }): PreviewResult {
  const built = buildFlowEngine(content, version, deps.build);
  if (!built.ok) throw new DomainError("VALIDATION_FAILED", "the flow does not build; fix its problems first", built.problems);
  const engine = built.engine;
  const now = deps.now().toISOString();
  const step = request.state === undefined ? startConversation(engine, request.lang, now) : stepFrom(engine, assertStateFits(engine, { ...request.state, lang: request.lang }), request.input, now);
  const turn = fromEngineTurn(step.turn, { state: step.state, view: { optionPage: 0 } }, []);
  return { state: step.state, turn: { nodeId: step.turn.nodeId, ...toTurn(turn, deps.build.translator.forLang(request.lang, engine.wording)) } };
}

/** The triage alone: the preview has no booking, no stories and nothing stored, but the same typed commands. */
function stepFrom(engine: Engine, state: SessionState, input: PreviewInput | undefined, now: string): Step<EvaluationCore> {
  if (input === undefined) return { state, turn: currentTurn(engine, state) };
  if ("command" in input) return commandStep(engine, state, input.command, now);
  const typed = input.text === undefined ? undefined : readTypedCommand(input.text);
  const command = previewCommands.find((c) => c === typed);
  return command !== undefined ? commandStep(engine, state, command, now) : continueConversation(engine, state, input, now);
}

function commandStep(engine: Engine, state: SessionState, command: PreviewCommand, now: string): Step<EvaluationCore> {
  if (command === "back") return goBack(engine, state, now);
  if (command === "restart") return restartConversation(engine, state, now);
  return showHelp(engine, state);
}

/**
 * A bound on `answered` that follows from the flow: a conversation answers each question about
 * once ("back" takes answers away again); the factor leaves room for flows that loop back.
 */
export const MAX_ANSWERS_PER_NODE = 4;

/**
 * The state must belong to this flow version and be one the engine could have left: resting (now
 * and in its history) on nodes a turn can show, `done` exactly at an end node, no pending facts
 * (the preview never reads a story, so none can be waiting), `answered` within what the flow's
 * size allows.
 */
export function assertStateFits(engine: Engine, state: SessionState): SessionState {
  const refuse = (path: string, message: string): never => {
    throw new DomainError("VALIDATION_FAILED", "the state does not fit this flow", [{ path, message }]);
  };
  if (state.flowId !== engine.flow.id) refuse("state.flowId", `the preview runs flow "${engine.flow.id}"`);
  if (state.flowVersion !== engine.flow.version) refuse("state.flowVersion", `the preview runs version ${engine.flow.version}; start again`);
  const restsOn = (nodeId: string) => {
    const node = engine.nodes.get(nodeId);
    return node !== undefined && (node.type === "end" || isQuestionNode(node));
  };
  if (!restsOn(state.nodeId)) refuse("state.nodeId", `"${state.nodeId}" is not a question or end node of this flow`);
  state.history.forEach((snapshot, i) => {
    if (!restsOn(snapshot.nodeId)) refuse(`state.history.${i}.nodeId`, `"${snapshot.nodeId}" is not a question or end node of this flow`);
  });
  const atEnd = engine.nodes.get(state.nodeId)?.type === "end";
  if (state.done !== atEnd) refuse("state.done", atEnd ? "a conversation at an end node is done" : "only a conversation at an end node is done");
  if (state.pendingFacts !== undefined) refuse("state.pendingFacts", "the preview never proposes facts from a story, so none can be pending");
  const maxAnswered = engine.flow.nodes.length * MAX_ANSWERS_PER_NODE;
  if (state.answered > maxAnswered) refuse("state.answered", `more answers than this flow allows (at most ${maxAnswered})`);
  state.history.forEach((snapshot, i) => {
    if (snapshot.answered > state.answered) refuse(`state.history.${i}.answered`, "more answers than the state itself");
  });
  return state;
}
