import type { DraftFacts } from "../../flows/schema/case-facts";
import { draftFactsSchema } from "../../flows/schema/case-facts";
import type { UrgentCode } from "../../flows/schema/catalog";
import { urgentCodes } from "../../flows/schema/catalog";
import type { RuleSet } from "../../flows/schema/rules";
import { startBookingDialog, startManageDialog, stepBookingDialog } from "../booking/booking-dialog";
import type { BookedSummary, BookingDialogState, DialogEffect, DialogOutcome, DialogReply, DialogStep } from "../booking/booking-dialog-state";
import { renderDialog } from "../booking/booking-dialog-view";
import { findBookingIntent } from "../booking/find-booking-intent";
import type { EvaluationCore } from "../eligibility/score-services";
import { scoreUrgentNotices } from "../eligibility/score-services";
import { toUrgentItems } from "../eligibility/urgent-help";
import type { LabelLookup, UserInput } from "../nodes/answer";
import type { StoredSession } from "./stored-session";
import { normalizeText } from "../parse/normalize-text";
import { readSafety } from "../safety/read-safety";
import { toSeoulDate } from "../time/seoul-date";
import type { Lang, Msg } from "../types";
import type { ChatCommand, ChatInput } from "./chat-input";
import { readTypedCommand } from "./chat-input";
import type { ChatFocus, ChatTurn } from "./chat-turn";
import { fromDialogReply, fromEngineTurn } from "./chat-turn";
import { completeFacts } from "./complete-facts";
import type { EngineContext } from "./engine-context";
import type { EngineTurn } from "./engine-turn";
import { writePath } from "./fact-paths";
import type { Step } from "./run-conversation";
import {
  REFINE_OPTION_ID, answerKnownFact, continueConversation, refineConversation, currentTurn, goBack, isNotAnAnswer, proposeFacts, rerender, restartConversation, showHelp, startConversation,
} from "./run-conversation";
import type { EraseState } from "./erase-dialog";
import { eraseQuestion, erasedMessages, readEraseChoice } from "./erase-dialog";
import { readServiceDetailRequest, serviceDetailMessages } from "./service-detail";
import type { SessionState } from "./session-state";

/**
 * What the conversation needs besides the session: the engine of the session's flow version,
 * the rule set in force (for urgent help and its numbers), option labels in every language,
 * and whether free-text stories can be read. Pure values: no clock, store or network.
 */
export type ChatContext = {
  engine: EngineContext<EvaluationCore>;
  rules: RuleSet;
  labels: LabelLookup;
  /** The "book" option's label in every language, so typing it works like a tap. */
  bookLabels: readonly string[];
  readsStories: boolean;
  /**
   * The channel's user key is no proof of the person (Kakao): a made booking's code is shown
   * again only after its phone is typed, and the erase question names no code.
   */
  codesNeedPhone?: boolean;
};

/** The context for one flow version's engine: its labels (the version's wording included) and the rules in force. */
export function chatContextOf(engine: EngineContext<EvaluationCore>, rules: RuleSet, readsStories: boolean, codesNeedPhone = false): ChatContext {
  return { engine, rules, labels: engine.labels, bookLabels: bookLabelsOf(engine), readsStories, codesNeedPhone };
}

function dialogContext(ctx: ChatContext): { labels: LabelLookup; revealNeedsPhone: boolean } {
  return { labels: ctx.labels, revealNeedsPhone: ctx.codesNeedPhone === true };
}

/** An engine's labels never change (its flow version's wording over the shipped locales): the "book" label is looked up once per engine. */
function bookLabelsOf(engine: EngineContext<EvaluationCore>): readonly string[] {
  let labels = bookLabelCache.get(engine);
  if (labels === undefined) {
    labels = engine.labels("bookingChat.option.start");
    bookLabelCache.set(engine, labels);
  }
  return labels;
}
const bookLabelCache = new WeakMap<EngineContext<EvaluationCore>, readonly string[]>();

/** Work the server does before the turn is final; its outcome comes back through `resumeChat`. */
export type ChatEffect =
  | { kind: "booking"; effect: DialogEffect }
  | { kind: "readStory"; text: string }
  /** Before erasing: the conversation's own upcoming bookings, and how long what stays is kept. */
  | { kind: "findOwnBookings" }
  /** "예약도 취소하고 지우기": cancels the conversation's own bookings (no phone needed: the chat owns them). */
  | { kind: "cancelOwnBookings"; codes: string[] };
export type ChatOutcome =
  | { kind: "booking"; event: DialogOutcome }
  /** The facts a story held, or undefined when it could not be read. */
  | { kind: "story"; facts: DraftFacts | undefined }
  | { kind: "ownBookings"; bookings: BookedSummary[]; keepDays: number }
  | { kind: "ownBookingsCancelled" };

type Awaiting =
  | { kind: "dialog"; before: BookingDialogState | undefined; said: Msg[] }
  | { kind: "story"; input: UserInput; said: Msg[]; quiet: boolean }
  | { kind: "erase" }
  | { kind: "eraseCancel"; erasing: EraseState };

/**
 * One step of a conversation: the session to keep (undefined once erased), the turn to show, at
 * most one effect to perform first, and the held slots this conversation let go.
 */
export type ChatStep = {
  session: StoredSession | undefined;
  turn: ChatTurn;
  pending?: { effect: ChatEffect; awaiting: Awaiting };
  released: string[];
  erased: boolean;
};

type Message = Extract<ChatInput, { kind: "text" | "option" | "command" }>;

/** Opens a conversation on the flow's start node; `before` (e.g. "your conversation had expired") comes first. */
export function startChat(ctx: ChatContext, lang: Lang, now: string, before: Msg[] = []): ChatStep {
  const step = startConversation(ctx.engine, lang, now);
  const session: StoredSession = { state: step.state, view: { optionPage: 0 }, urgent: [] };
  return settled(session, fromEngineTurn(step.turn, session, [], before));
}

/** The node id of the turn that erased the conversation. */
export const ERASED_NODE_ID = "erased";

/** What is left after "erase my data": a notice, and nothing to answer. */
export function erasedTurn(): ChatTurn {
  return {
    nodeId: ERASED_NODE_ID, messages: [{ key: "chat.erased" }], options: [], input: { kind: "none" }, progress: { answered: 0, estimatedTotal: 0 },
    done: true, urgent: [], optionPage: 0, paged: false,
  };
}

/** The current turn again, unchanged: what a reload shows (urgent help, the result, the booking step). */
export function resumeTurn(ctx: ChatContext, session: StoredSession, now: string): ChatTurn {
  const urgent = urgentItems(ctx, session, now);
  if (session.booking !== undefined) return fromDialogReply(renderDialog(session.booking), session, urgent);
  return fromEngineTurn(currentTurn(ctx.engine, session.state), session, urgent);
}

/**
 * The one path of a message, for every channel: commands first, then safety (every typed text
 * is read for crisis, threat and violence language before anything else), then the booking
 * dialog or the triage or a free-text story. Effects (slot lists, holds, bookings, reading a
 * story) come back as `pending`, for the server to perform and feed to `resumeChat`.
 */
export function stepChat(ctx: ChatContext, session: StoredSession, input: Message, now: string): ChatStep {
  const command = input.kind === "command" ? input.command : input.kind === "text" ? readTypedCommand(input.text) : undefined;
  const asOf = toSeoulDate(now);
  const safety = input.kind === "text" && command === undefined
    ? readSafety(input.text, ctx.rules, completeFacts(session.state.facts), asOf)
    : { codes: [], messages: [], selfHarm: false };
  const safe = withUrgent(recordSelfHarm(session, safety.selfHarm), safety.codes);
  const said = safety.messages;
  const flagged = safety.codes.length > 0;
  const view = { optionPage: 0 };
  const answer: UserInput = input.kind === "text" ? { text: input.text } : input.kind === "option" ? { optionId: input.id } : {};
  // "Cancel the booking too?" waits for its answer; another command leaves it.
  if (safe.erasing !== undefined && (command === undefined || command === "erase")) return eraseAnswerStep(ctx, { ...safe, view }, safe.erasing, answer, command, said, now);
  if (command !== undefined) return stepCommand(ctx, command === "more" ? safe : { ...safe, view, erasing: undefined }, command, now);
  const dialog = safe.booking;
  const active = dialog !== undefined && dialog.step !== "booked";
  // "자세히" on a result card (or a service named at the result): its detail, then the way on.
  const end = safe.state.done && !flagged ? currentTurn(ctx.engine, safe.state) : undefined;
  const detail = end?.evaluation === undefined ? undefined : readServiceDetailRequest(answer, ctx.labels, !active);
  if (end !== undefined && detail !== undefined) {
    const said = serviceDetailMessages(detail, end.evaluation, end.offer === "booking");
    if (active) return dialogStep(ctx, { ...safe, view }, dialog, { state: dialog, reply: renderDialog(dialog) }, said, now);
    return endStep(ctx, { ...safe, view }, end, said, { kind: "service", service: detail }, now);
  }
  if (dialog !== undefined && (active || answer.optionId?.startsWith("booking:") === true)) {
    // A crisis typed mid-booking is never taken as a name or a date: the help, then the step again.
    if (flagged) return dialogStep(ctx, { ...safe, view }, dialog, { state: dialog, reply: renderDialog(dialog) }, said, now);
    if (findBookingIntent(answer, ctx.bookLabels)?.kind === "book" && active) return dialogStep(ctx, { ...safe, view }, dialog, { state: dialog, reply: renderDialog(dialog) }, said, now);
    return dialogStep(ctx, { ...safe, view }, dialog, stepBookingDialog(dialogContext(ctx), dialog, { type: "input", input: answer }), said, now);
  }
  if (safe.state.done && isRefine(ctx, answer)) return triageStep(ctx, { ...safe, view }, refineConversation(ctx.engine, safe.state, now), said, now);
  if (findBookingIntent(answer, ctx.bookLabels)?.kind === "book") {
    const end = currentTurn(ctx.engine, safe.state);
    if (end.done && end.offer === "booking") {
      return dialogStep(ctx, { ...safe, view }, undefined, startBookingDialog((end.evaluation?.recommendations ?? []).map((r) => r.service)), said, now);
    }
  }
  const state = safe.state;
  if (answer.text !== undefined && isNotAnAnswer(ctx.engine, state, answer) && ctx.readsStories && state.vars.consent === true) {
    return { session: { ...safe, view }, turn: resumeTurn(ctx, safe, now), pending: { effect: { kind: "readStory", text: answer.text }, awaiting: { kind: "story", input: answer, said, quiet: flagged } }, released: [], erased: false };
  }
  // Typed at the self-harm question, a wish to die is its answer.
  const answeredBySafety = safety.selfHarm ? answerKnownFact(ctx.engine, state, now) : undefined;
  if (answeredBySafety !== undefined) return triageStep(ctx, { ...safe, view }, answeredBySafety, said, now);
  // After the help, the question (or the result) again without an error: the resident was not wrong to say it.
  if (flagged && answer.text !== undefined && (state.done || isNotAnAnswer(ctx.engine, state, answer))) {
    const again = triageStep(ctx, { ...safe, view }, rerender(ctx.engine, state, []), said, now);
    // At the result, the help and the way on (booking, the center) without the whole result again.
    return state.done ? { ...again, turn: { ...again.turn, evaluation: undefined } } : again;
  }
  return triageStep(ctx, { ...safe, view }, continueConversation(ctx.engine, state, answer, now), said, now);
}

/** Continues a step after its effect: the dialog takes the outcome, or the story's facts are proposed. */
export function resumeChat(ctx: ChatContext, step: ChatStep, outcome: ChatOutcome, now: string): ChatStep {
  const pending = step.pending;
  const session = step.session;
  if (pending === undefined || session === undefined) return step;
  const awaiting = pending.awaiting;
  if (awaiting.kind === "dialog" && outcome.kind === "booking") {
    const dialog = session.booking;
    if (dialog === undefined) return step;
    const next = stepBookingDialog(dialogContext(ctx), dialog, outcome.event);
    return dialogStep(ctx, session, awaiting.before, next, [...awaiting.said, ...step.turn.messages], now);
  }
  if (awaiting.kind === "story" && outcome.kind === "story") {
    const proposal = outcome.facts === undefined ? undefined : proposeFacts(ctx.engine, session.state, outcome.facts, now);
    if (proposal !== undefined && proposal.state.pendingFacts !== undefined) return triageStep(ctx, session, proposal, awaiting.said, now);
    const fallback = awaiting.quiet ? rerender(ctx.engine, session.state, []) : continueConversation(ctx.engine, session.state, awaiting.input, now);
    return triageStep(ctx, session, fallback, awaiting.said, now);
  }
  if (awaiting.kind === "erase" && outcome.kind === "ownBookings") {
    if (outcome.bookings.length === 0) return erasedStep(ctx, session, undefined, undefined);
    const asking: StoredSession = { ...session, erasing: { bookings: outcome.bookings.slice(0, 5), keepDays: outcome.keepDays } };
    return settled(asking, eraseTurn(ctx, asking, [], now));
  }
  if (awaiting.kind === "eraseCancel" && outcome.kind === "ownBookingsCancelled") return erasedStep(ctx, session, awaiting.erasing, "cancel");
  return step;
}

/**
 * The answer to "예약도 취소할까요?": cancel the bookings and erase, keep them and erase (saying
 * what stays and for how long), or erase nothing. Anything else asks again.
 */
function eraseAnswerStep(ctx: ChatContext, session: StoredSession, erasing: EraseState, answer: UserInput, command: ChatCommand | undefined, said: Msg[], now: string): ChatStep {
  // "다 지워 주세요" reads as the erase command and as the answer "cancel it too": the answer wins.
  const choice = said.length === 0 ? readEraseChoice(answer, ctx.labels) : undefined;
  if (choice === "keep") return erasedStep(ctx, session, erasing, "keep");
  if (choice === "cancel") {
    const codes = erasing.bookings.map((booking) => booking.code);
    return { session, turn: eraseTurn(ctx, session, [], now), pending: { effect: { kind: "cancelOwnBookings", codes }, awaiting: { kind: "eraseCancel", erasing } }, released: [], erased: false };
  }
  if (choice === "stay") {
    const kept: StoredSession = { ...session, erasing: undefined };
    const turn = resumeTurn(ctx, kept, now);
    return settled(kept, { ...turn, messages: [{ key: "chat.erase.notErased" }, ...turn.messages] });
  }
  // A crisis typed here gets its help first; anything else that is not a choice, the question again.
  const again: Msg[] = said.length > 0 || command !== undefined ? said : [{ key: "chat.erase.invalid" }];
  return settled(session, eraseTurn(ctx, session, again, now));
}

function eraseTurn(ctx: ChatContext, session: StoredSession, before: Msg[], now: string): ChatTurn {
  const asked = eraseQuestion(session.erasing ?? { bookings: [], keepDays: 0 }, ctx.codesNeedPhone === true);
  return {
    nodeId: "erase:confirm", messages: [...before, ...asked.messages], options: asked.options, input: { kind: "choice" },
    progress: { answered: session.state.answered, estimatedTotal: session.state.shownTotal ?? session.state.answered }, done: false,
    urgent: urgentItems(ctx, session, now), optionPage: 0, paged: false,
  };
}

/** Erased: nothing is kept in the session; held slots go back; the resident is told what remains. */
function erasedStep(ctx: ChatContext, session: StoredSession, erasing: EraseState | undefined, choice: "cancel" | "keep" | undefined): ChatStep {
  const dialog = session.booking;
  const held = dialog?.slot !== undefined && dialog.step !== "booked" ? [dialog.slot.id] : [];
  return { session: undefined, turn: { ...erasedTurn(), messages: erasedMessages(erasing, choice, ctx.codesNeedPhone === true) }, released: held, erased: true };
}

function stepCommand(ctx: ChatContext, session: StoredSession, command: ChatCommand, now: string): ChatStep {
  const dialog = session.booking;
  const active = dialog !== undefined && dialog.step !== "booked";
  const held = dialog?.slot !== undefined && dialog.step !== "booked" ? [dialog.slot.id] : [];
  switch (command) {
    case "erase":
      // Upcoming bookings of this conversation are asked about first (resumeChat).
      return { session, turn: resumeTurn(ctx, session, now), pending: { effect: { kind: "findOwnBookings" }, awaiting: { kind: "erase" } }, released: [], erased: false };
    case "restart": {
      const step = restartConversation(ctx.engine, session.state, now);
      const fresh: StoredSession = { ...session, state: step.state, booking: undefined };
      return { ...triageStep(ctx, fresh, step, [], now), released: held };
    }
    case "more": {
      // Kakao shows the page modulo the pages it has, so the count can simply go on.
      const paged: StoredSession = { ...session, view: { optionPage: session.view.optionPage + 1 } };
      return settled(paged, { ...resumeTurn(ctx, paged, now), paged: true });
    }
    case "my_booking":
    case "change_booking":
    case "cancel_booking": {
      // "예약 취소" while booking means stop booking, not cancel another booking.
      if (active && dialog?.mode === "book" && command === "cancel_booking") {
        return dialogStep(ctx, session, dialog, stepBookingDialog(dialogContext(ctx), dialog, { type: "input", input: { optionId: "booking:quit" } }), [], now);
      }
      const intent = command === "my_booking" ? "show" : command === "change_booking" ? "change" : "cancel";
      return dialogStep(ctx, session, dialog, startManageDialog(intent), [], now);
    }
    case "back":
    case "help":
    case "human":
      if (active && dialog !== undefined) return dialogStep(ctx, session, dialog, stepBookingDialog(dialogContext(ctx), dialog, { type: "command", command }), [], now);
      if (command === "back") return triageStep(ctx, session, goBack(ctx.engine, session.state, now), [], now);
      if (command === "help") return triageStep(ctx, session, showHelp(ctx.engine, session.state), [], now);
      return humanStep(ctx, session, now);
  }
}

/**
 * "상담원": the center's number and hours, with the way on. Mid-triage the question comes back
 * after it; at the end the result is not sent again, and booking is offered when the end offers it.
 */
function humanStep(ctx: ChatContext, session: StoredSession, now: string): ChatStep {
  const center: ChatFocus = { kind: "center" };
  if (!session.state.done) {
    const step = triageStep(ctx, session, rerender(ctx.engine, session.state, [{ key: "engine.human" }]), [], now);
    return { ...step, turn: { ...step.turn, focus: center } };
  }
  const end = currentTurn(ctx.engine, session.state);
  const said: Msg[] = end.offer === "booking" ? [{ key: "engine.human" }, { key: "chat.human.book" }] : [{ key: "engine.human" }];
  return endStep(ctx, session, end, said, center, now);
}

/**
 * The end of the triage answering something else (a service's detail, the center's contact):
 * `said` instead of the result the resident already has, the end's options (booking) kept.
 */
function endStep(ctx: ChatContext, session: StoredSession, end: EngineTurn<EvaluationCore>, said: Msg[], focus: ChatFocus, now: string): ChatStep {
  const step = triageStep(ctx, session, { state: session.state, turn: { ...end, messages: [] } }, said, now);
  return { ...step, turn: { ...step.turn, evaluation: undefined, focus } };
}

/**
 * A triage step: its new state, urgent help its facts now raise (said once, when raised), and
 * the turn. Urgent help already raised stays, whatever the answers become.
 */
function triageStep(ctx: ChatContext, session: StoredSession, step: Step<EvaluationCore>, said: Msg[], now: string): ChatStep {
  const asOf = toSeoulDate(now);
  const raised = scoreUrgentNotices(ctx.rules, completeFacts(step.state.facts), asOf).filter((notice) => !(session.urgent ?? []).includes(notice.code));
  // A booking shown before is closed by any triage step (its code stays with the resident).
  const next = withUrgent({ ...session, state: step.state, booking: undefined }, raised.map((notice) => notice.code));
  return settled(next, fromEngineTurn(step.turn, next, urgentItems(ctx, next, now), [...said, ...raised.map((notice) => notice.message)]));
}

/**
 * A dialog step: while it asks for an effect, the step waits for the server; once it has none,
 * the dialog's messages (of every step of this turn) make the turn, holds left behind are given
 * back, and a dialog that closed brings back the question it interrupted or the result.
 */
function dialogStep(ctx: ChatContext, session: StoredSession, before: BookingDialogState | undefined, step: DialogStep, said: Msg[], now: string): ChatStep {
  const next: StoredSession = { ...session, booking: step.state };
  if (step.effect !== undefined && step.state !== undefined) {
    return {
      session: next, turn: fromDialogReply(step.reply, next, urgentItems(ctx, next, now)),
      pending: { effect: { kind: "booking", effect: step.effect }, awaiting: { kind: "dialog", before, said } }, released: [], erased: false,
    };
  }
  const left = before?.slot;
  // Once booked (or waiting for the phone's code) the hold was consumed with the booking.
  const released = left !== undefined && step.state?.slot?.id !== left.id && step.state?.step !== "booked" && step.state?.step !== "confirm_code" ? [left.id] : [];
  const urgent = urgentItems(ctx, next, now);
  if (step.state !== undefined) return { ...settled(next, fromDialogReply(step.reply, next, urgent, said)), released };
  return { ...settled(next, closingTurn(ctx, next, step.reply, urgent, said)), released };
}

/**
 * The turn after the dialog closes: mid-triage, the question it interrupted comes back; after
 * the triage, its end again with the result and the "book" option.
 */
function closingTurn(ctx: ChatContext, session: StoredSession, reply: DialogReply, urgent: ChatTurn["urgent"], said: Msg[]): ChatTurn {
  const current = currentTurn(ctx.engine, session.state);
  const turn = fromEngineTurn(current, session, urgent, [...said, ...reply.messages]);
  return reply.booking !== undefined ? { ...turn, booking: reply.booking } : turn;
}

/** The first result's "answer a few more" option, tapped or typed as its label. */
function isRefine(ctx: ChatContext, answer: UserInput): boolean {
  if (answer.optionId !== undefined) return answer.optionId === REFINE_OPTION_ID;
  const typed = normalizeText(answer.text ?? "");
  return typed !== "" && ctx.labels("engine.refine.option").some((label) => normalizeText(label) === typed);
}

function settled(session: StoredSession, turn: ChatTurn): ChatStep {
  return { session, turn, released: [], erased: false };
}

function urgentItems(ctx: ChatContext, session: StoredSession, now: string): ChatTurn["urgent"] {
  const codes = session.urgent ?? [];
  return codes.length === 0 ? [] : toUrgentItems(ctx.rules, codes, toSeoulDate(now));
}

/** Adds urgent codes (kept in the catalog's order, each once). */
function withUrgent(session: StoredSession, codes: readonly UrgentCode[]): StoredSession {
  if (codes.length === 0) return session;
  const active = new Set([...(session.urgent ?? []), ...codes]);
  return { ...session, urgent: urgentCodes.filter((code) => active.has(code)) };
}

/** An explicit wish to die, typed anywhere, is recorded for the counsellor as the self-harm answer would be. */
function recordSelfHarm(session: StoredSession, selfHarm: boolean): StoredSession {
  if (!selfHarm || session.state.facts.selfHarmRisk === true) return session;
  const facts = draftFactsSchema.safeParse(writePath(session.state.facts, "selfHarmRisk", true));
  if (!facts.success) return session;
  const state: SessionState = { ...session.state, facts: facts.data };
  return { ...session, state };
}
