import type { Specialty } from "../../flows/schema/catalog";

/**
 * An appointment slot at the center. `id` is derived from specialty and start
 * ("debt@2026-12-03T10:00+09:00", see slot-id.ts), so every instance computes the same id.
 * Times are ISO 8601 with the +09:00 offset.
 */
export type Slot = { id: string; start: string; end: string; specialty: Specialty; remaining: number };

export type BookingStatus = "confirmed" | "cancelled" | "arrived" | "no_show" | "done";

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
  name: string;
  /** Normalized Korean mobile number, digits only ("01012345678"). */
  phone: string;
  /** The triage conversation that led here, when booked from a chat. */
  sessionRef?: string;
  createdAt: string;
  updatedAt: string;
};

/** A slot as the store needs it to take capacity: where, when and how many fit. */
export type SlotClaim = { slotId: string; specialty: Specialty; start: string; end: string; capacity: number };
