import { createHash } from "node:crypto";
import { startBookingDialog, startManageDialog, stepBookingDialog } from "../../bot/booking/booking-dialog";
import type { BookedSummary, BookingDialogState, DialogReply, DialogStep } from "../../bot/booking/booking-dialog-state";
import { renderDialog } from "../../bot/booking/booking-dialog-view";
import type { BookingIntent } from "../../bot/booking/find-booking-intent";
import { BOOKING_START_OPTION, findBookingIntent } from "../../bot/booking/find-booking-intent";
import { findCommand } from "../../bot/conversation/commands";
import type { EngineTurn } from "../../bot/conversation/engine-turn";
import type { EvaluationCore } from "../../bot/eligibility/score-services";
import type { UserInput } from "../../bot/nodes/read-answer";
import type { SessionKey, StoredSession } from "../../bot/ports";
import type { BookingService, PublicBooking } from "../booking/booking-service";
import type { Translator } from "../i18n/create-translator";
import type { SupportedLang } from "../i18n/load-locales";
import { toSessionRef } from "../intake/session-ref";
import type { ChatBooker } from "./booking-effects";
import { performBookingEffect } from "./booking-effects";
import type { ConversationService, ConversationStep } from "./conversation-service";

type Turn = EngineTurn<EvaluationCore>;

/** A chat step, with the contract's Booking when this step made, found, changed or cancelled one. */
export type BookingChatStep = ConversationStep & { booking?: PublicBooking };

const BOOKING_NODE_PREFIX = "booking:";
/** Effects one input may cause: e.g. list days → (slot taken) list days again. */
const MAX_EFFECTS_PER_TURN = 6;

/**
 * Runs the booking dialog inside a chat session, for the web and Kakao alike: decides whether
 * an input belongs to it, performs the dialog's effects with the BookingService (slot lists,
 * holds, bookings), keeps the dialog in the stored session, and answers with an engine-shaped
 * turn, so the channels render it like any other.
 */
export class BookingConversation {
  private readonly startLabels: string[];

  constructor(
    private readonly conversations: ConversationService,
    private readonly bookings: BookingService,
    private readonly translator: Translator,
  ) {
    this.startLabels = translator.allLanguages("bookingChat.option.start");
  }

  /**
   * Answers an input that belongs to booking: one under way, the "book" option of a finished
   * triage, or "예약 확인 / 변경 / 취소" at any time. Undefined when the input is the engine's.
   */
  async reply(key: SessionKey, session: StoredSession, input: UserInput): Promise<BookingChatStep | undefined> {
    const dialog = session.booking;
    const active = dialog !== undefined && dialog.step !== "booked";
    if (findCommand(input) === "restart") {
      if (dialog !== undefined) await this.releaseLeftHold(key, dialog, undefined);
      return undefined;
    }
    const intent = findBookingIntent(input, this.startLabels);
    const first = this.firstStep(session, input, intent, active);
    if (first === undefined) return undefined;
    const { state, reply } = await this.runEffects(key, first);
    if (dialog !== undefined) await this.releaseLeftHold(key, dialog, state);
    const saved = await this.conversations.saveView(key, withDialog(session, state), session.view);
    const turn = state === undefined ? this.closingTurn(saved, reply) : toDialogTurn(saved, reply);
    return { session: saved, turn, started: false, ...(reply.booking ? { booking: this.toPublicBooking(reply.booking, saved.state.lang) } : {}) };
  }

  /** The booking turn to resume with, when a dialog is under way or has just booked. */
  current(session: StoredSession): { turn: Turn; booking?: PublicBooking } | undefined {
    if (session.booking === undefined) return undefined;
    const reply = renderDialog(session.booking);
    return { turn: toDialogTurn(session, reply), ...(reply.booking ? { booking: this.toPublicBooking(reply.booking, session.state.lang) } : {}) };
  }

  /** A finished triage that offers booking gets a "book" option first. */
  withOffer(turn: Turn): Turn {
    if (!turn.done || turn.offer !== "booking" || turn.options.some((o) => o.id === BOOKING_START_OPTION)) return turn;
    return { ...turn, options: [{ id: BOOKING_START_OPTION, label: { key: "bookingChat.option.start" } }, ...turn.options] };
  }

  /** The contract's Booking for a booking the dialog keeps (name and phone are never kept). */
  toPublicBooking(booking: BookedSummary, lang: SupportedLang): PublicBooking {
    return { ...booking, location: this.translator.forLang(lang)("booking.location") };
  }

  private firstStep(session: StoredSession, input: UserInput, intent: BookingIntent | undefined, active: boolean): DialogStep | undefined {
    const dialog = session.booking;
    const labels = this.translator.allLanguages;
    if (intent?.kind === "manage") {
      // "예약 취소" while booking means stop booking, not cancel another booking.
      if (active && dialog?.mode === "book" && intent.intent === "cancel") return stepBookingDialog({ labels }, dialog, { type: "input", input: { optionId: "booking:quit" } });
      return startManageDialog(intent.intent);
    }
    if (dialog !== undefined && (active || input.optionId?.startsWith("booking:") === true)) {
      if (intent?.kind === "book" && active) return { state: dialog, reply: renderDialog(dialog) };
      return stepBookingDialog({ labels }, dialog, { type: "input", input });
    }
    if (intent?.kind !== "book") return undefined;
    const end = this.conversations.current(session);
    if (!end.done || end.offer !== "booking") return undefined;
    return startBookingDialog((end.evaluation?.recommendations ?? []).map((r) => r.service));
  }

  private async runEffects(key: SessionKey, first: DialogStep): Promise<{ state: BookingDialogState | undefined; reply: DialogReply }> {
    const booker = chatBooker(key);
    const labels = this.translator.allLanguages;
    let step = first;
    const messages = [...first.reply.messages];
    for (let count = 0; step.effect !== undefined && step.state !== undefined; count++) {
      if (count >= MAX_EFFECTS_PER_TURN) throw new Error(`the booking dialog asked for more than ${MAX_EFFECTS_PER_TURN} effects in one turn`);
      const outcome = await performBookingEffect(this.bookings, booker, step.effect);
      step = stepBookingDialog({ labels }, step.state, outcome);
      messages.push(...step.reply.messages);
    }
    return { state: step.state, reply: { ...step.reply, messages } };
  }

  /** A slot held and then left behind (another time picked, back, stop) is given back at once. */
  private async releaseLeftHold(key: SessionKey, before: BookingDialogState, after: BookingDialogState | undefined): Promise<void> {
    const held = before.slot;
    if (held === undefined || after?.slot?.id === held.id || after?.step === "booked") return;
    await this.bookings.release(held.id, chatBooker(key).holderId);
  }

  /**
   * The turn after the dialog closes: mid-triage, the question it interrupted comes back; after
   * the triage, its end with the "book" option again.
   */
  private closingTurn(session: StoredSession, reply: DialogReply): Turn {
    const current = this.conversations.current(session);
    if (!current.done) return { ...current, messages: [...reply.messages, ...current.messages] };
    // The result was shown before; the turn only brings the chat back to it.
    return { ...this.withOffer(current), messages: reply.messages, evaluation: undefined };
  }
}

function withDialog(session: StoredSession, state: BookingDialogState | undefined): StoredSession {
  return { ...session, booking: state };
}

/** A dialog reply as an engine turn; a booked or finished step is `done`, like the triage's end. */
function toDialogTurn(session: StoredSession, reply: DialogReply): Turn {
  const answered = session.state.answered;
  return {
    nodeId: `${BOOKING_NODE_PREFIX}${session.booking?.step ?? "closed"}`,
    messages: reply.messages,
    input: reply.input,
    options: reply.options,
    progress: { answered, estimatedTotal: answered },
    done: reply.input.kind === "none" && reply.options.length === 0,
    alerts: [],
  };
}

/**
 * The session as the booking service sees it. Hashed, so a web session id (a capability) is
 * never stored with holds or bookings; the same session always gives the same values.
 */
function chatBooker(key: SessionKey): ChatBooker {
  const digest = createHash("sha256").update(`${key.channel}:${key.id}`).digest("hex").slice(0, 32);
  return { holderId: `chat:${digest}`, idempotencyKey: `chat:${digest}`, sessionRef: toSessionRef(key) };
}
