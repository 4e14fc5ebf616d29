/**
 * Thrown by a BookingStore when the new booking's code is already in use (about one in 86 million
 * per existing booking); the caller draws a new code and tries again.
 */
export class BookingCodeTakenError extends Error {
  override name = "BookingCodeTakenError";
}

/**
 * Thrown by a BookingStore when a record it must act on (a phone's active booking, a booking being
 * moved) does not parse: it has been reported, and the request cannot be answered truthfully.
 */
export class CorruptBookingError extends Error {
  override name = "CorruptBookingError";
}
