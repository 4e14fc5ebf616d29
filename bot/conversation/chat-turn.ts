import type { ServiceId } from "../../flows/schema/catalog";
import type { BookedSummary, DialogReply } from "../booking/booking-dialog-state";
import { BOOKING_START_OPTION } from "../booking/find-booking-intent";
import type { EvaluationCore } from "../eligibility/score-services";
import type { UrgentItem } from "../eligibility/urgent-help";
import type { StoredSession } from "./stored-session";
import type { Msg } from "../types";
import type { EngineTurn, InputKind } from "./engine-turn";

/**
 * One turn of the conversation as every channel receives it, still in keys: what to say, what
 * to ask, the result and the booking when there is one, and the urgent help that stays on
 * screen for the rest of the conversation. The server translates it (`toTurn`), Kakao and the
 * Botpress relay render the same data.
 */
export type ChatTurn = {
  /** The question or booking step the conversation rests on ("booking:<step>" in the dialog). */
  nodeId: string;
  messages: Msg[];
  options: Array<{ id: string; label: Msg }>;
  input: { kind: InputKind; hint?: Msg };
  progress: { answered: number; estimatedTotal: number };
  done: boolean;
  evaluation?: EvaluationCore;
  /** The booking made, found, changed or cancelled in this turn, or the one just booked. */
  booking?: BookedSummary;
  /** Active urgent help, 112 and 109 first, each with its number: on every turn while active. */
  urgent: UrgentItem[];
  /** Which page of a long option list to show (Kakao shows ten quick replies at a time). */
  optionPage: number;
  /** This turn only shows the next page of options. */
  paged: boolean;
  /**
   * What this turn answers besides the conversation, for channels that can show more than text:
   * the center's contact (the "human" command: a call button to the center) or one service's
   * detail ("자세히"). Absent on ordinary turns.
   */
  focus?: ChatFocus;
};

export type ChatFocus = { kind: "center" } | { kind: "service"; service: ServiceId };

/** A triage turn as a chat turn; a finished triage that offers booking gets the "book" option first. */
export function fromEngineTurn(turn: EngineTurn<EvaluationCore>, session: StoredSession, urgent: UrgentItem[], before: Msg[] = []): ChatTurn {
  const offersBooking = turn.done && turn.offer === "booking" && !turn.options.some((o) => o.id === BOOKING_START_OPTION);
  return {
    nodeId: turn.nodeId,
    messages: [...before, ...turn.messages],
    options: offersBooking ? [{ id: BOOKING_START_OPTION, label: { key: "bookingChat.option.start" } }, ...turn.options] : turn.options,
    input: turn.input,
    progress: turn.progress,
    done: turn.done,
    ...(turn.evaluation !== undefined ? { evaluation: turn.evaluation } : {}),
    urgent,
    optionPage: session.view.optionPage,
    paged: false,
  };
}

/** A booking-dialog reply as a chat turn; a booked or finished step is `done`, like the triage's end. */
export function fromDialogReply(reply: DialogReply, session: StoredSession, urgent: UrgentItem[], before: Msg[] = []): ChatTurn {
  const answered = session.state.answered;
  return {
    nodeId: `booking:${session.booking?.step ?? "closed"}`,
    messages: [...before, ...reply.messages],
    options: reply.options,
    input: reply.input,
    progress: { answered, estimatedTotal: answered },
    done: reply.input.kind === "none" && reply.options.length === 0,
    ...(reply.booking !== undefined ? { booking: reply.booking } : {}),
    urgent,
    optionPage: session.view.optionPage,
    paged: false,
  };
}
