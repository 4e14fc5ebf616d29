import { z } from "zod";
import type { Specialty } from "../../flows/schema/catalog";
import { specialtyValues } from "../../flows/schema/catalog";
import { instantSchema } from "../time/instant-schema";

/**
 * An appointment slot at the center. `id` is derived from specialty and start
 * ("debt@2026-12-03T10:00+09:00", see slot-id.ts), so every instance computes the same id.
 * Times are ISO 8601 with the +09:00 offset.
 */
export type Slot = { id: string; start: string; end: string; specialty: Specialty; remaining: number };

export const bookingStatuses = ["confirmed", "cancelled", "arrived", "no_show", "done"] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

/** What we keep of a booking: the minimum a counsellor needs (STYLE/privacy). Stores parse what they read back with it. */
export const bookingSchema = z.strictObject({
  id: z.string().min(1).max(64),
  /** Short and readable over the phone: no look-alike characters (see booking-code.ts). */
  code: z.string().regex(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/),
  slotId: z.string().min(1).max(100),
  specialty: z.enum(specialtyValues),
  start: instantSchema,
  end: instantSchema,
  status: z.enum(bookingStatuses),
  /** As stored: sealed ("v1:…", see personal-data-cipher.ts); plain (1–40 characters) only before the service seals it. */
  name: z.string().min(1).max(400),
  /**
   * As stored: the blind index (HMAC, 64 hex) of the normalized number, so one-active-per-phone and
   * lookups match without keeping the number. Plain digits ("01012345678") only in records from before sealing.
   */
  phone: z.string().regex(/^(?:[0-9a-f]{64}|01\d{8,9})$/),
  /** The normalized number, sealed: opened only to deliver a reminder. */
  sealedPhone: z.string().min(1).max(400).optional(),
  /** The triage conversation that led here, when booked from a chat. */
  sessionRef: z.string().min(1).max(200).optional(),
  /**
   * Whether the phone was proven by a code sent to it (docs/booking.md): false when no notifier
   * could send one (staff see it), absent in records from before confirmation existed.
   */
  phoneConfirmed: z.boolean().optional(),
  /** While a code sent to the phone waits: the booking lapses (cancelled) unless confirmed by then. */
  confirmBy: instantSchema.optional(),
  /** Blind index of the client address that booked through the API: a repeat from it is told of the phone's booking. */
  sourceIndex: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** A keyed hash of where the booking came from (the client IP, else the resident), never the address itself. */
  sourceHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Booking = z.infer<typeof bookingSchema>;

/** A slot as the store needs it to take capacity: where, when and how many fit. */
export type SlotClaim = { slotId: string; specialty: Specialty; start: string; end: string; capacity: number };
