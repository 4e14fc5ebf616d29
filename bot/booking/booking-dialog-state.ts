import { bookingStatuses } from "./booking-types";
import { z } from "zod";
import { serviceIds, specialtyValues } from "../../flows/schema/catalog";
import type { InputKind } from "../conversation/engine-turn";
import type { UserInput } from "../nodes/answer";
import type { Msg } from "../types";
import type { Booking, Slot } from "./booking-types";

/** An instant with its offset, to the minute ("2026-12-03T10:00+09:00", as slot ids write it) or finer. */
const isoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/);

const dialogSlotSchema = z.strictObject({
  id: z.string().min(1).max(100),
  start: isoInstant,
  end: isoInstant,
  specialty: z.enum(specialtyValues),
  remaining: z.number().int().min(0),
});

/** What the chat keeps of a booking once made or found: never the name or the phone. */
export const bookedSchema = z.strictObject({
  id: z.string().min(1).max(100),
  code: z.string().min(1).max(20),
  start: isoInstant,
  end: isoInstant,
  specialty: z.enum(specialtyValues),
  status: z.enum(bookingStatuses),
  /** While the code sent to the phone waits (phone confirmation): when the booking lapses. */
  confirmBy: isoInstant.optional(),
});
export type BookedSummary = z.infer<typeof bookedSchema>;

export const bookingDialogSteps = [
  "specialty", "day", "time", "name", "phone", "confirm", "booked",
  "manage_code", "manage_phone", "manage_action", "cancel_confirm",
  /** Once booked, where showing the code again needs the phone (Kakao: a botUserKey is no proof). */
  "reveal_phone",
  /** Booked, waiting for the 6-digit code sent to the phone (phone confirmation on). */
  "confirm_code",
] as const;
export type BookingDialogStep = (typeof bookingDialogSteps)[number];

/**
 * Where a booking conversation stands, kept inside the stored session and parsed when read back.
 * `mode` says whether it books anew or changes an existing booking (`code` + `phone`); in both,
 * day → time → confirm pick a slot. Slots offered are kept so a tap maps back to the slot shown.
 */
export const bookingDialogStateSchema = z.strictObject({
  mode: z.enum(["book", "manage"]),
  step: z.enum(bookingDialogSteps),
  /** Recommended services, best first: their documents are listed once booked. */
  services: z.array(z.enum(serviceIds)).max(10),
  /** Specialties in the order the recommendations suggest them. */
  suggested: z.array(z.enum(specialtyValues)).max(specialtyValues.length),
  specialty: z.enum(specialtyValues).optional(),
  /** Seoul dates with an open slot, from the last listing. */
  days: z.array(z.iso.date()).max(62),
  dayPage: z.number().int().min(0),
  /** The Seoul date picked. */
  day: z.iso.date().optional(),
  /** Slots offered at the time step (one day's, or the nearest others after a slot was taken). */
  slots: z.array(dialogSlotSchema).max(60),
  slotPage: z.number().int().min(0),
  /** The slot picked and held while the resident confirms. */
  slot: dialogSlotSchema.optional(),
  name: z.string().min(1).max(40).optional(),
  /** Digits only, as parsePhone returns it. */
  phone: z.string().regex(/^01\d{8,9}$/).optional(),
  code: z.string().min(1).max(20).optional(),
  /** What "예약 확인 / 변경 / 취소" asked for. */
  intent: z.enum(["show", "change", "cancel"]).optional(),
  booking: bookedSchema.optional(),
});
export type BookingDialogState = z.infer<typeof bookingDialogStateSchema>;

/** Work the server does for the dialog; its outcome comes back as a DialogEvent. */
export type DialogEffect =
  | { kind: "listSlots"; specialty: Slot["specialty"]; from?: string; days: number }
  | { kind: "hold"; slotId: string }
  | { kind: "book"; slotId: string; name: string; phone: string }
  | { kind: "lookup"; code: string; phone: string }
  | { kind: "cancel"; code: string; phone: string }
  | { kind: "reschedule"; code: string; phone: string; slotId: string }
  | { kind: "confirmPhone"; code: string; phone: string; pin: string };

/** A resident's input, or the outcome of the effect the last step asked for. */
export type DialogEvent =
  | { type: "input"; input: UserInput }
  | { type: "command"; command: "back" | "help" | "human" }
  | { type: "slots"; slots: Slot[] }
  | { type: "held" }
  | { type: "slotTaken"; alternatives: Slot[] }
  | { type: "booked"; booking: BookedSummary }
  | { type: "activeBookingExists" }
  | { type: "found"; booking: BookedSummary }
  | { type: "notFound" }
  /** The booking has started or was closed: it can no longer be changed here. */
  | { type: "notChangeable" }
  | { type: "cancelled"; booking: BookedSummary }
  | { type: "rescheduled"; booking: BookedSummary }
  /** The code typed is not the one sent to the phone. */
  | { type: "wrongCode"; triesLeft: number }
  /** The booking waiting for its code lapsed (deadline or tries used up): nothing is booked. */
  | { type: "lapsed" };

/** What the server reports back after performing a dialog's effect. */
export type DialogOutcome = Exclude<DialogEvent, { type: "input" } | { type: "command" }>;

export type DialogOption = { id: string; label: Msg };

/** What the resident sees of a step, channel-neutral: keys, options and the input expected. */
export type DialogReply = {
  messages: Msg[];
  options: DialogOption[];
  input: { kind: InputKind; hint?: Msg };
  /** The booking made, found, changed or cancelled in this step. */
  booking?: BookedSummary;
};

/**
 * One step: the new state (undefined once the resident leaves the dialog), what to show, and at
 * most one effect to perform before showing it. After an effect the server feeds its outcome
 * back with `stepBookingDialog` and shows the messages of every step, in order.
 */
export type DialogStep = { state: BookingDialogState | undefined; reply: DialogReply; effect?: DialogEffect };

/** The part of a Booking the dialog keeps. */
export function toBookedSummary(booking: Pick<Booking, "id" | "code" | "start" | "end" | "specialty" | "status" | "confirmBy">): BookedSummary {
  return {
    id: booking.id, code: booking.code, start: booking.start, end: booking.end, specialty: booking.specialty, status: booking.status,
    ...(booking.confirmBy !== undefined ? { confirmBy: booking.confirmBy } : {}),
  };
}
