import { computeFlowEvents } from "../../bot/analytics/compute-flow-events";
import type { FlowEventSink } from "../../bot/analytics/flow-analytics-ports";
import type { ChatInput } from "../../bot/conversation/chat-input";
import type { ChatTurn } from "../../bot/conversation/chat-turn";
import type { EngineContext, FlowWording } from "../../bot/conversation/engine-context";
import type { SessionState } from "../../bot/conversation/session-state";
import type { ChatContext, ChatEffect, ChatOutcome, ChatStep } from "../../bot/conversation/step-chat";
import { chatContextOf, erasedTurn, resumeChat, resumeTurn, startChat, stepChat } from "../../bot/conversation/step-chat";
import type { EvaluationCore } from "../../bot/eligibility/score-services";
import { toBookedSummary } from "../../bot/booking/booking-dialog-state";
import { DomainError } from "../../bot/errors";
import type { Channel, Clock, SessionKey, SessionStore } from "../../bot/ports";
import type { StoredSession } from "../../bot/conversation/stored-session";
import type { Lang } from "../../bot/types";
import type { DraftFacts } from "../../flows/schema/case-facts";
import type { RuleSet } from "../../flows/schema/rules";
import type { BookingLimits } from "../booking/booking-limits";
import type { BookingService } from "../booking/booking-service";
import type { FlowSource } from "../flow-versions/flow-registry";
import { toSessionRef } from "../intake/session-ref";
import type { ChatOrigin } from "./booking-effects";
import { chatBooker, performBookingEffect } from "./booking-effects";

/** Reads facts out of a free-text message (the ExtractionService: rules, and the model when configured). */
export type FactProposer = { propose: (text: string) => Promise<{ facts: DraftFacts }> };

/** Told once a conversation reaches its result (the intake is kept there, when consented). */
export type CompletionListener = (key: SessionKey, state: SessionState, evaluation: EvaluationCore) => Promise<unknown>;

export type ChatServiceDeps = {
  /** The newest published flow for new conversations; the version it began on for the others. */
  flows: FlowSource;
  /** The rule set in force (urgent help and its numbers). */
  rules: () => RuleSet;
  store: SessionStore;
  idleSeconds: number;
  now: Clock;
  bookings: BookingService;
  /** Budgets of holds, bookings and code+phone guesses (the same as the API's); none when absent. */
  limits?: BookingLimits;
  onCompleted?: CompletionListener;
  /**
   * Erased with the conversation: the resident's erase request covers their intake too, except
   * one an upcoming booking keeps for the counsellor.
   */
  eraseIntake: (key: SessionKey) => Promise<boolean>;
  /** How long a kept booking and its intake stay after the appointment, in days (told when erasing). */
  keptDaysAfterAppointment: number;
  extraction?: FactProposer;
  /** Counts started, reached, answered, finished and recommended per flow version (never blocks a turn). */
  analytics?: FlowEventSink;
  /** Channels whose first message of any kind opens a conversation (Kakao has no "start"). */
  opensOnAnyInput: readonly Channel[];
};

/** What a channel renders: the turn, in the conversation's language and its flow version's wording. */
export type ChatResult = {
  turn: ChatTurn;
  lang: Lang;
  wording: FlowWording;
  /** The erase command found something to erase (a conversation or its intake). */
  erased: boolean;
};

const NO_WORDING: FlowWording = { ko: new Map(), en: new Map() };

/** Effects one input may cause: e.g. list days → (slot taken) list days again. */
const MAX_EFFECTS_PER_TURN = 6;

/**
 * The one entry point of the conversation, for every channel: load the session → the pure core
 * (commands, safety, booking, triage, free text) → its effects (slots, holds, bookings, reading a
 * story) → save → events (analytics, the intake). Channels only convert their request into a
 * ChatInput and the ChatTurn into their response. A store failure is DEPENDENCY_UNAVAILABLE; the
 * resident's progress is whatever was last saved, never half-written.
 */
export class ChatService {
  constructor(private readonly deps: ChatServiceDeps) {}

  /**
   * One input to one conversation. `lang` is the channel's language, used when the input opens
   * a conversation (Kakao opens on any first message). `origin` is where the request came from,
   * for the booking budgets.
   */
  async handle(key: SessionKey, input: ChatInput, lang: Lang = "ko", origin: ChatOrigin = {}): Promise<ChatResult> {
    const now = this.deps.now().toISOString();
    if (input.kind === "start") return this.open(key, await this.deps.flows.current(), input.lang, now);
    const session = await this.guard(() => this.deps.store.findSession(key));
    if (session === undefined) return this.withoutSession(key, input, lang, now);
    const ctx = this.context(await this.deps.flows.forVersion(session.state.flowVersion), key.channel);
    const wording = ctx.engine.wording;
    if (input.kind === "resume") return { turn: resumeTurn(ctx, session, now), lang: session.state.lang, wording, erased: false };
    let step = stepChat(ctx, session, input, now);
    for (let count = 0; step.pending !== undefined; count++) {
      if (count >= MAX_EFFECTS_PER_TURN) throw new Error(`a turn asked for more than ${MAX_EFFECTS_PER_TURN} effects`);
      step = resumeChat(ctx, step, await this.perform(key, step.pending.effect, step.session?.state.lang ?? session.state.lang, origin), now);
    }
    await Promise.all(step.released.map((slotId) => this.deps.bookings.release(slotId, chatBooker(key).holderId)));
    if (step.erased || step.session === undefined) return { turn: step.turn, lang: session.state.lang, wording, erased: await this.erase(key) };
    await this.save(key, session, step);
    return { turn: step.turn, lang: step.session.state.lang, wording, erased: false };
  }

  /** A conversation that is unknown, expired or erased: erase says whether an intake was left; Kakao opens anew; the web gets 404. */
  private async withoutSession(key: SessionKey, input: Exclude<ChatInput, { kind: "start" }>, lang: Lang, now: string): Promise<ChatResult> {
    if (input.kind === "command" && input.command === "erase") return { turn: erasedTurn(), lang, wording: NO_WORDING, erased: await this.guard(() => this.deps.eraseIntake(key)) };
    if (input.kind === "resume" || !this.deps.opensOnAnyInput.includes(key.channel)) throw new DomainError("SESSION_NOT_FOUND", "no such session");
    // A tap on an old reply means a conversation we no longer have: say so before starting again.
    const stale = input.kind === "option" ? [{ key: "chat.expired" }] : [];
    return this.open(key, await this.deps.flows.current(), lang, now, stale);
  }

  private async open(key: SessionKey, engine: EngineContext<EvaluationCore>, lang: Lang, now: string, before: ChatStep["turn"]["messages"] = []): Promise<ChatResult> {
    const step = startChat(this.context(engine, key.channel), lang, now, before);
    const session = step.session;
    if (session === undefined) throw new Error("a new conversation has a session");
    const counted = computeFlowEvents({ next: session.state });
    await this.guard(() => this.deps.store.saveSession(key, { ...session, analyticsCounted: counted.counted }, this.deps.idleSeconds));
    this.deps.analytics?.record(session.state.flowId, session.state.flowVersion, counted.events);
    return { turn: step.turn, lang, wording: engine.wording, erased: false };
  }

  private async save(key: SessionKey, previous: StoredSession, step: ChatStep): Promise<void> {
    const next = step.session;
    if (next === undefined) return;
    const evaluation = step.turn.evaluation;
    const counted = computeFlowEvents({
      previous: previous.state, counted: previous.analyticsCounted ?? [], next: next.state, ...(evaluation !== undefined ? { evaluation } : {}),
    });
    await this.guard(() => this.deps.store.saveSession(key, { ...next, analyticsCounted: counted.counted }, this.deps.idleSeconds));
    if (counted.events.length) this.deps.analytics?.record(next.state.flowId, next.state.flowVersion, counted.events);
    if (!previous.state.done && next.state.done && evaluation !== undefined) await this.deps.onCompleted?.(key, next.state, evaluation);
  }

  private async perform(key: SessionKey, effect: ChatEffect, lang: Lang, origin: ChatOrigin): Promise<ChatOutcome> {
    if (effect.kind === "booking") {
      return { kind: "booking", event: await performBookingEffect(this.deps.bookings, chatBooker(key), effect.effect, lang, this.deps.limits, origin) };
    }
    if (effect.kind === "findOwnBookings") {
      const upcoming = await this.deps.bookings.upcomingOfSession(toSessionRef(key));
      return { kind: "ownBookings", bookings: upcoming.map(toBookedSummary), keepDays: this.deps.keptDaysAfterAppointment };
    }
    if (effect.kind === "cancelOwnBookings") {
      for (const code of effect.codes) await this.deps.bookings.cancelOwned(code, toSessionRef(key));
      return { kind: "ownBookingsCancelled" };
    }
    if (this.deps.extraction === undefined) return { kind: "story", facts: undefined };
    try {
      return { kind: "story", facts: (await this.deps.extraction.propose(effect.text)).facts };
    } catch {
      return { kind: "story", facts: undefined }; // reading a story is a convenience: on any failure the question is asked again
    }
  }

  /**
   * Erases at once, without asking (DELETE on the web): the conversation, its intake unless an
   * upcoming booking keeps it, and its cancelled or past bookings. False when nothing was there.
   */
  async erase(key: SessionKey): Promise<boolean> {
    const intake = await this.guard(() => this.deps.eraseIntake(key));
    const session = await this.guard(() => this.deps.store.eraseSession(key));
    return intake || session;
  }

  /** Kakao's botUserKey is no proof of the person (kakao-skill.md): its booking codes are shown again only with the phone. */
  private context(engine: EngineContext<EvaluationCore>, channel: Channel): ChatContext {
    return chatContextOf(engine, this.deps.rules(), this.deps.extraction !== undefined, channel === "kakao");
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new DomainError("DEPENDENCY_UNAVAILABLE", "session store unavailable", undefined, { cause: error });
    }
  }
}
