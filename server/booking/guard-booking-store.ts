import type { BookingStore } from "../../bot/ports";
import { DomainError } from "../../bot/errors";
import { BookingCodeTakenError, CorruptBookingError } from "../../bot/booking/booking-store-errors";

/**
 * The store with its failures (Redis down, SQLite busy) as DEPENDENCY_UNAVAILABLE: 503 with
 * Retry-After. A booking whose answer was lost is safe to retry with the same Idempotency-Key.
 */
export function guardBookingStore(store: BookingStore): BookingStore {
  const guard = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof BookingCodeTakenError || error instanceof CorruptBookingError) throw error;
      throw new DomainError("DEPENDENCY_UNAVAILABLE", "booking store unavailable", undefined, { cause: error });
    }
  };
  return {
    book: (input) => guard(() => store.book(input)),
    confirmPhone: (input) => guard(() => store.confirmPhone(input)),
    markUnconfirmed: (code, now) => guard(() => store.markUnconfirmed(code, now)),
    hold: (input) => guard(() => store.hold(input)),
    releaseHold: (slotId, holderId) => guard(() => store.releaseHold(slotId, holderId)),
    countTaken: (input) => guard(() => store.countTaken(input)),
    findBookingByCode: (code) => guard(() => store.findBookingByCode(code)),
    updateBookingStatus: (code, status, now) => guard(() => store.updateBookingStatus(code, status, now)),
    moveBooking: (input) => guard(() => store.moveBooking(input)),
    listBookings: (input) => guard(() => store.listBookings(input)),
    listBookingsOfSession: (sessionRef) => guard(() => store.listBookingsOfSession(sessionRef)),
    countActiveBySource: (sourceHashes, now) => guard(() => store.countActiveBySource(sourceHashes, now)),
  };
}
