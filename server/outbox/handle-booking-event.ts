import type { BookingStore, Clock, ReminderOutbox } from "../../bot/ports";
import type { IntakeService } from "../intake/intake-service";
import { computeReminderDueAt, computeReminderId, toSeoulDate, toSeoulIso } from "../reminders/reminder-schedule";
import type { OutboxEvent } from "../storage/sql/sql-outbox";

export type BookingEventDeps = { bookings: Pick<BookingStore, "findBookingByCode">; intakes: Pick<IntakeService, "attachBooking">; reminders: Pick<ReminderOutbox, "enqueue">; now: Clock };

/**
 * What follows a booking made or moved, once committed: the intake of its conversation is linked
 * (and `booked` counted once per intake), and its day-before reminder is scheduled. Both steps are
 * idempotent, so a second run after a crash changes nothing. A booking cancelled or gone since is
 * left alone.
 */
export function handleBookingEvent(deps: BookingEventDeps): (event: OutboxEvent) => Promise<void> {
  return async (event) => {
    const booking = await deps.bookings.findBookingByCode(event.payload.code);
    if (!booking || booking.status !== "confirmed") return;
    await deps.intakes.attachBooking(booking);
    const now = deps.now();
    // A booking for later today gets no day-before reminder.
    if (toSeoulDate(booking.start) <= toSeoulDate(now.toISOString())) return;
    await deps.reminders.enqueue({ id: computeReminderId(booking), bookingCode: booking.code, dueAt: computeReminderDueAt(booking.start, now), createdAt: toSeoulIso(now) });
  };
}
