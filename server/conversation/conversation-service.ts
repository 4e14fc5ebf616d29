import type { FlowEventSink } from "../../bot/analytics/flow-analytics-ports";
import { computeFlowEvents } from "../../bot/analytics/compute-flow-events";
import type { EngineContext } from "../../bot/conversation/engine-context";
import type { FlowSource } from "../flow-versions/flow-registry";
import type { EngineTurn } from "../../bot/conversation/engine-turn";
import type { Step } from "../../bot/conversation/run-conversation";
import { continueConversation, currentTurn, isNotAnAnswer, proposeFacts, startConversation } from "../../bot/conversation/run-conversation";
import { newFactsOf } from "../../bot/conversation/pending-facts";
import type { EvaluationCore } from "../../bot/eligibility/score-services";
import { DomainError } from "../../bot/errors";
import type { UserInput } from "../../bot/nodes/read-answer";
import type { Clock, SessionKey, SessionStore, StoredSession } from "../../bot/ports";
import type { Lang } from "../../bot/types";
import type { SessionState } from "../../bot/conversation/session-state";
import type { DraftFacts } from "../../flows/schema/case-facts";

/** Reads facts out of a free-text message (the ExtractionService: rules, and the model when configured). */
export type FactProposer = { propose: (text: string) => Promise<{ facts: DraftFacts }> };

/** Told once a conversation reaches its result (the intake is kept there, when consented). */
export type CompletionListener = (key: SessionKey, state: SessionState, evaluation: EvaluationCore) => Promise<unknown>;

export type ConversationStep = { session: StoredSession; turn: EngineTurn<EvaluationCore>; started: boolean };

/**
 * Runs conversations for every channel: loads the session, lets the pure engine take one step,
 * saves the result. A store failure becomes DEPENDENCY_UNAVAILABLE; the resident's progress is
 * whatever was last saved, never half-written.
 */
export class ConversationService {
  constructor(
    /** The newest published flow for new conversations; the version it began on for the others. */
    private readonly flows: FlowSource,
    private readonly store: SessionStore,
    private readonly idleSeconds: number,
    private readonly now: Clock,
    private readonly onCompleted?: CompletionListener,
    private readonly extraction?: FactProposer,
    /** Counts started, reached, answered, finished and recommended per flow version (never blocks a turn). */
    private readonly analytics?: FlowEventSink,
  ) {}

  async start(key: SessionKey, lang: Lang): Promise<ConversationStep> {
    const step = startConversation(await this.flows.current(), lang, this.nowIso());
    const counted = computeFlowEvents({ next: step.state, ...(step.turn.evaluation !== undefined ? { evaluation: step.turn.evaluation } : {}) });
    const session: StoredSession = { state: step.state, view: { optionPage: 0 }, analyticsCounted: counted.counted };
    await this.guard(() => this.store.saveSession(key, session, this.idleSeconds));
    this.analytics?.record(step.state.flowId, step.state.flowVersion, counted.events);
    return { session, turn: step.turn, started: true };
  }

  /** The stored session, or undefined when unknown, expired, erased or unreadable. */
  async find(key: SessionKey): Promise<StoredSession | undefined> {
    const session = await this.guard(() => this.store.findSession(key));
    if (session) await this.flows.forVersion(session.state.flowVersion);
    return session;
  }

  async reply(key: SessionKey, session: StoredSession, input: UserInput, view?: StoredSession["view"]): Promise<ConversationStep> {
    const engine = await this.flows.forVersion(session.state.flowVersion);
    const step = await this.proposeFromStory(engine, session.state, input) ?? continueConversation(engine, session.state, input, this.nowIso());
    const counted = computeFlowEvents({
      previous: session.state, counted: session.analyticsCounted ?? [], next: step.state,
      ...(step.turn.evaluation !== undefined ? { evaluation: step.turn.evaluation } : {}),
    });
    const next: StoredSession = { state: step.state, view: view ?? { optionPage: 0 }, analyticsCounted: counted.counted };
    await this.guard(() => this.store.saveSession(key, next, this.idleSeconds));
    if (counted.events.length) this.analytics?.record(step.state.flowId, step.state.flowVersion, counted.events);
    if (!session.state.done && step.state.done && step.turn.evaluation !== undefined) await this.onCompleted?.(key, step.state, step.turn.evaluation);
    return { session: next, turn: step.turn, started: false };
  }

  /** Saves only the channel view (e.g. the next page of options) without an engine step. */
  async saveView(key: SessionKey, session: StoredSession, view: StoredSession["view"]): Promise<StoredSession> {
    const next = { ...session, view };
    await this.guard(() => this.store.saveSession(key, next, this.idleSeconds));
    return next;
  }

  current(session: StoredSession): EngineTurn<EvaluationCore> {
    return currentTurn(this.flows.peek(session.state.flowVersion), session.state);
  }

  async erase(key: SessionKey): Promise<boolean> {
    return this.guard(() => this.store.eraseSession(key));
  }

  /**
   * A typed message that is no answer to the current question, after consent, may be a story
   * ("카드값 3천 밀린 지 넉 달이고…"): its facts are proposed for the resident to confirm. An
   * ordinary answer, a tap or a command never comes here, and the text itself is not kept.
   */
  private async proposeFromStory(engine: EngineContext<EvaluationCore>, state: SessionState, input: UserInput): Promise<Step<EvaluationCore> | undefined> {
    if (this.extraction === undefined || state.vars.consent !== true || input.text === undefined) return undefined;
    if (!isNotAnAnswer(engine, state, input)) return undefined;
    let proposal: DraftFacts;
    try {
      proposal = (await this.extraction.propose(input.text)).facts;
    } catch {
      return undefined; // reading a story is a convenience: on any failure the question is asked again
    }
    if (newFactsOf(state.facts, proposal) === undefined) return undefined;
    return proposeFacts(engine, state, proposal, this.nowIso());
  }

  private nowIso(): string {
    return this.now().toISOString();
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new DomainError("DEPENDENCY_UNAVAILABLE", "session store unavailable", undefined, { cause: error });
    }
  }
}
