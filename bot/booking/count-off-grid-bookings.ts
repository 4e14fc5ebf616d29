import type { Booking, Slot } from "./booking-types";

/** What capacity needs to know of a booking: its slot id, specialty, times and status. */
export type BookedTime = Pick<Booking, "code" | "slotId" | "specialty" | "start" | "end" | "status">;

/**
 * The places in `slot` taken by "off-grid" bookings: active (not cancelled) bookings of the same
 * specialty whose time overlaps the slot but whose slot id is another one. They are left from
 * before an admin moved the grid (other hours or session length); the stores count bookings per
 * slot id only, so without this a shifted slot would be offered and booked in full beside them
 * and a counsellor double-booked. A booking on the slot's own id is left out whatever its length
 * (a 10:00–11:00 booking under "…@10:00" of a 30-minute grid): the store already counts it in
 * that slot, and in the 10:30 slot it is counted here. Callers must therefore pass every active
 * booking the slot may overlap: an id alone cannot tell such a booking is off the grid (isOnGrid).
 * Holds need no such count: a hold off the grid can never become a booking, since booking checks
 * the slot against the schedule in force.
 */
export function countOffGridBookings(slot: Pick<Slot, "id" | "specialty" | "start" | "end">, bookings: readonly BookedTime[]): number {
  const from = Date.parse(slot.start);
  const to = Date.parse(slot.end);
  return bookings.filter((booking) => booking.specialty === slot.specialty && booking.slotId !== slot.id && booking.status !== "cancelled"
    && Date.parse(booking.start) < to && Date.parse(booking.end) > from).length;
}
