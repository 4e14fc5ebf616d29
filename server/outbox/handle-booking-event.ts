import type { BookingStore } from "../../bot/ports";
import type { IntakeService } from "../intake/intake-service";
import type { OutboxEvent } from "../storage/sql/sql-outbox";

export type BookingEventDeps = { bookings: Pick<BookingStore, "findBookingByCode">; intakes: Pick<IntakeService, "attachBooking"> };

/**
 * What follows a booking made or moved from a conversation, once committed: the intake of that
 * conversation is linked (and `booked` counted once per intake). Idempotent, so a second run
 * after a crash changes nothing; a booking cancelled or gone since is left alone. Day-before
 * reminders need no event: the reminder job derives them from the bookings every cycle.
 */
export function handleBookingEvent(deps: BookingEventDeps): (event: OutboxEvent) => Promise<void> {
  return async (event) => {
    const booking = await deps.bookings.findBookingByCode(event.payload.code);
    if (!booking || booking.status !== "confirmed") return;
    await deps.intakes.attachBooking(booking);
  };
}
