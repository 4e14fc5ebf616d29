import type { Specialty } from "../../flows/schema/catalog";

/**
 * An appointment slot at the center. `id` is derived from specialty and start
 * ("debt@2026-12-03T10:00+09:00", see slot-id.ts), so every instance computes the same id.
 * Times are ISO 8601 with the +09:00 offset.
 */
export type Slot = { id: string; start: string; end: string; specialty: Specialty; remaining: number };

export const bookingStatuses = ["confirmed", "cancelled", "arrived", "no_show", "done"] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

/** What we keep of a booking: the minimum a counsellor needs (STYLE/privacy). */
export type Booking = {
  id: string;
  /** Short and readable over the phone: no look-alike characters (see booking-code.ts). */
  code: string;
  slotId: string;
  specialty: Specialty;
  start: string;
  end: string;
  status: BookingStatus;
  /** As stored: sealed ("v1:…", see personal-data-cipher.ts); plain only before the service seals it. */
  name: string;
  /**
   * As stored: the blind index (HMAC) of the normalized number, so one-active-per-phone and lookups
   * match without keeping the number. Plain digits ("01012345678") only in records from before sealing.
   */
  phone: string;
  /** The normalized number, sealed: opened only to deliver a reminder. */
  sealedPhone?: string;
  /** The triage conversation that led here, when booked from a chat. */
  sessionRef?: string;
  /**
   * Whether the phone was proven by a code sent to it (docs/booking.md): false when no notifier
   * could send one (staff see it), absent in records from before confirmation existed.
   */
  phoneConfirmed?: boolean;
  /** While a code sent to the phone waits: the booking lapses (cancelled) unless confirmed by then. */
  confirmBy?: string;
  /** Blind index of the client address that booked through the API: a repeat from it is told of the phone's booking. */
  sourceIndex?: string;
  /** A keyed hash of where the booking came from (the client IP, else the resident), never the address itself. */
  sourceHash?: string;
  createdAt: string;
  updatedAt: string;
};

/** A slot as the store needs it to take capacity: where, when and how many fit. */
export type SlotClaim = { slotId: string; specialty: Specialty; start: string; end: string; capacity: number };
