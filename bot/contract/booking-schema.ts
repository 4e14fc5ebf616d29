import { z } from "zod";
import { bookingStatuses } from "../booking/booking-types";
import { specialtyValues } from "../../flows/schema/catalog";

/** Slot times are to the minute in Seoul: "2026-12-03T10:00+09:00". */
const instant = z.string();

/** The contract's Slot: an open time and how many places are left. */
export const slotSchema = z.object({
  id: z.string(), start: instant, end: instant, specialty: z.enum(specialtyValues), remaining: z.number().int(),
});

/** The contract's Booking: never the name or the phone. */
export const publicBookingSchema = z.object({
  id: z.string(),
  code: z.string(),
  start: instant,
  end: instant,
  specialty: z.enum(specialtyValues),
  status: z.enum(bookingStatuses),
  location: z.string(),
  /** Added: whether a code sent to the phone proved it (false: not proven; staff see it). Absent on records from before. */
  phoneConfirmed: z.boolean().optional(),
  /** Added: while the code sent to the phone waits, the time the booking lapses unless POST /api/bookings/confirm comes first. */
  confirmBy: z.string().optional(),
});
export type PublicBooking = z.infer<typeof publicBookingSchema>;
