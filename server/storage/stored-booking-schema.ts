import { bookingStatuses } from "../../bot/booking/booking-types";
import { z } from "zod";
import type { Booking } from "../../bot/booking/booking-types";
import { specialtyValues } from "../../flows/schema/catalog";

/** Slot times are written to the minute ("2026-12-03T10:00+09:00"), clock times to the millisecond. */
const instant = z.union([z.iso.datetime({ offset: true, precision: -1 }), z.iso.datetime({ offset: true })]);

export const storedBookingSchema: z.ZodType<Booking> = z.strictObject({
  id: z.string().min(1).max(64),
  code: z.string().regex(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/),
  slotId: z.string().min(1).max(100),
  specialty: z.enum(specialtyValues),
  start: instant,
  end: instant,
  status: z.enum(bookingStatuses),
  /** Sealed (or, in records from before sealing, 1–40 plain characters). */
  name: z.string().min(1).max(400),
  /** A blind index (64 hex) or, in records from before sealing, the plain number. */
  phone: z.string().regex(/^(?:[0-9a-f]{64}|01\d{8,9})$/),
  sealedPhone: z.string().min(1).max(400).optional(),
  sessionRef: z.string().min(1).max(200).optional(),
  phoneConfirmed: z.boolean().optional(),
  confirmBy: instant.optional(),
  sourceIndex: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  sourceHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  createdAt: instant,
  updatedAt: instant,
});

/**
 * Thrown by a store when the new booking's code is already in use (about one in 86 million per
 * existing booking); the caller draws a new code and tries again.
 */
export class BookingCodeTakenError extends Error {
  override name = "BookingCodeTakenError";
}

/**
 * Thrown when a record the store must act on (a phone's active booking, a booking being moved)
 * does not parse: it has been reported, and the request cannot be answered truthfully.
 */
export class CorruptBookingError extends Error {
  override name = "CorruptBookingError";
}

/** Milliseconds since the epoch of an ISO instant; a bad instant is a bug of the caller. */
export function toEpochMs(instantText: string): number {
  const ms = Date.parse(instantText);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${instantText}`);
  return ms;
}
