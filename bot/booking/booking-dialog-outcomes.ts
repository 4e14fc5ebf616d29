import type { Msg } from "../types";
import type { BookingDialogState, DialogOutcome, DialogReply, DialogStep } from "./booking-dialog-state";
import type { Slot } from "./booking-types";
import { SLOT_PAGE_SIZE, bookingLine, renderDialog, slotParams } from "./booking-dialog-view";

/** How far ahead open days are listed. */
export const DAYS_AHEAD = 14;

export const EMPTY: Pick<BookingDialogState, "days" | "dayPage" | "slots" | "slotPage"> = { days: [], dayPage: 0, slots: [], slotPage: 0 };

/** Applies what the server reports back after performing the previous step's effect. */
export function applyOutcome(state: BookingDialogState, event: DialogOutcome): DialogStep {
  switch (event.type) {
    case "slots":
      return state.step === "time" ? showTimes(state, event.slots) : showDays(state, event.slots);
    case "held":
      return show({ ...state, step: nextAfterHold(state) }, state.slot ? [{ key: "bookingChat.held", params: slotParams(state.slot) }] : []);
    case "slotTaken":
      return offerNearest(state, event.alternatives);
    case "booked": {
      // Waiting for the code sent to the phone: the phone stays in the dialog until it is proven.
      if (event.booking.confirmBy !== undefined) return show({ ...state, step: "confirm_code", booking: event.booking, slot: undefined, name: undefined });
      const booked: BookingDialogState = { ...state, step: "booked", booking: event.booking, slot: undefined, name: undefined, phone: undefined };
      return show(booked);
    }
    case "activeBookingExists":
      return close([{ key: "bookingChat.activeExists" }]);
    case "found":
      if (state.step === "reveal_phone") return show({ ...state, step: "booked", booking: event.booking });
      return afterLookup({ ...state, booking: event.booking });
    case "notFound":
      if (state.step === "reveal_phone") return show(state, [{ key: "bookingChat.reveal.wrongPhone" }]);
      if (state.step === "manage_phone") return show({ ...state, step: "manage_code", code: undefined, phone: undefined }, [{ key: "bookingChat.manage.notFound" }]);
      return close([{ key: "bookingChat.manage.notFound" }]);
    case "wrongCode":
      return show(state, [{ key: "bookingChat.code.wrong", params: { count: event.triesLeft } }]);
    case "lapsed":
      return close([{ key: "bookingChat.code.lapsed" }]);
    case "notChangeable":
      return close([{ key: "bookingChat.manage.notActive" }]);
    case "cancelled":
      return { state: undefined, reply: { ...closed([{ key: "bookingChat.cancel.done", params: { code: event.booking.code } }]), booking: event.booking } };
    case "rescheduled": {
      const booking = event.booking;
      const next: BookingDialogState = { ...state, step: "booked", booking, slot: undefined, phone: undefined };
      return {
        state: next,
        reply: {
          messages: [{ key: "bookingChat.rescheduled", params: { code: booking.code, ...slotParams(booking) } }, { key: "bookingChat.booked.where" }, { key: "bookingChat.booked.manage" }],
          options: [], input: { kind: "none" }, booking,
        },
      };
    }
  }
}

/** Lists the open days of the chosen specialty (the outcome arrives as a "slots" event). */
export function listDays(state: BookingDialogState, before: Msg[] = []): DialogStep {
  const specialty = state.specialty ?? state.booking?.specialty;
  if (specialty === undefined) return show({ ...state, step: "specialty" }, before);
  const next: BookingDialogState = { ...state, specialty, step: "day", ...EMPTY, day: undefined, slot: undefined };
  return { state: next, reply: silent(before), effect: { kind: "listSlots", specialty, days: DAYS_AHEAD } };
}

/** Lists the open times of the chosen day again (after "other time"). */
export function listTimes(state: BookingDialogState): DialogStep {
  if (state.day === undefined || state.specialty === undefined) return listDays(state);
  const next: BookingDialogState = { ...state, step: "time", slots: [], slotPage: 0, slot: undefined };
  return { state: next, reply: silent(), effect: { kind: "listSlots", specialty: state.specialty, from: state.day, days: 1 } };
}

export function show(state: BookingDialogState, before: Msg[] = []): DialogStep {
  return { state, reply: renderDialog(state, before) };
}

export function again(state: BookingDialogState, before: Msg[]): DialogStep {
  return show(state, before);
}

/** The reply of a step that only asks for an effect: its messages come before the next step's. */
export function silent(messages: Msg[] = []): DialogReply {
  return { messages, options: [], input: { kind: "none" } };
}

function closed(messages: Msg[]): DialogReply {
  return { messages, options: [], input: { kind: "none" } };
}

function close(messages: Msg[]): DialogStep {
  return { state: undefined, reply: closed(messages) };
}

function showDays(state: BookingDialogState, slots: Slot[]): DialogStep {
  const days = [...new Set(slots.filter((s) => s.remaining > 0).map((s) => s.start.slice(0, 10)))].sort();
  if (days.length > 0) return show({ ...state, step: "day", days, dayPage: 0 });
  const none: Msg = { key: "bookingChat.noDays", params: { specialty: state.specialty ?? "debt" } };
  if (state.mode === "manage") return show({ ...state, step: "manage_action" }, [none]);
  return show({ ...state, step: "specialty", specialty: undefined }, [none]);
}

function showTimes(state: BookingDialogState, slots: Slot[]): DialogStep {
  const open = slots.filter((s) => s.remaining > 0 && state.day !== undefined && s.start.startsWith(state.day)).sort((a, b) => a.start.localeCompare(b.start));
  if (open.length > 0) return show({ ...state, step: "time", slots: open, slotPage: 0 });
  return listDays(state, [{ key: "bookingChat.noTimes" }]);
}

function nextAfterHold(state: BookingDialogState): BookingDialogState["step"] {
  if (state.mode === "manage") return "confirm";
  if (state.name === undefined) return "name";
  return state.phone === undefined ? "phone" : "confirm";
}

/** The slot was taken meanwhile: say so kindly and offer the nearest open others. */
function offerNearest(state: BookingDialogState, alternatives: Slot[]): DialogStep {
  const taken = state.slot;
  const at = taken ? Date.parse(taken.start) : 0;
  const nearest = alternatives
    .filter((s) => s.remaining > 0 && s.id !== taken?.id)
    .sort((a, b) => Math.abs(Date.parse(a.start) - at) - Math.abs(Date.parse(b.start) - at) || a.start.localeCompare(b.start))
    .slice(0, SLOT_PAGE_SIZE)
    .sort((a, b) => a.start.localeCompare(b.start));
  const without: BookingDialogState = { ...state, slot: undefined };
  if (nearest.length === 0) return listDays(without, [{ key: "bookingChat.takenNone" }]);
  return show({ ...without, step: "time", slots: nearest, slotPage: 0 }, [{ key: "bookingChat.taken" }]);
}

function afterLookup(state: BookingDialogState): DialogStep {
  const booking = state.booking;
  if (booking === undefined) return close([{ key: "bookingChat.manage.notFound" }]);
  if (booking.status !== "confirmed") return close([bookingLine(booking), { key: "bookingChat.manage.notActive" }]);
  if (state.intent === "cancel") return show({ ...state, step: "cancel_confirm" });
  if (state.intent === "change") return listDays({ ...state, specialty: booking.specialty }, [bookingLine(booking)]);
  return show({ ...state, step: "manage_action" });
}
