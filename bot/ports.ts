import type { Booking, BookingStatus, SlotClaim } from "./booking/booking-types";
import type { StoredSession } from "./conversation/stored-session";

/** Where a conversation comes from; stored and shown to staff and analytics. */
export const channels = ["web", "kakao", "botpress"] as const;
export type Channel = (typeof channels)[number];

/** A conversation's key: the channel and an opaque id (a web session id, a hashed Kakao key). */
export type SessionKey = { channel: Channel; id: string };

/**
 * Sessions, kept until they have been idle for `ttlSeconds`. Implementations parse what they
 * read back; a record that does not parse is reported and answered as absent (a fresh start).
 */
export interface SessionStore {
  findSession(key: SessionKey): Promise<StoredSession | undefined>;
  /** Saves and restarts the idle clock. */
  saveSession(key: SessionKey, session: StoredSession, ttlSeconds: number): Promise<void>;
  /** Returns whether something was erased. */
  eraseSession(key: SessionKey): Promise<boolean>;
}

/** A store that can say whether it answers, for /readyz. */
export interface Pingable {
  ping(): Promise<boolean>;
}

/** The engine's only clock, injected at the edge. */
export type Clock = () => Date;


export type BookResult =
  | { ok: true; booking: Booking; replayed: boolean }
  | { ok: false; reason: "SLOT_TAKEN" }
  | { ok: false; reason: "ACTIVE_BOOKING_EXISTS"; existing: Booking };

/** What confirming a pending booking's phone with the code sent to it came to. */
export type ConfirmPhoneResult =
  | { ok: true; booking: Booking }
  /** A wrong code; the booking lapses once no tries are left. */
  | { ok: false; reason: "WRONG_CODE"; triesLeft: number }
  /** The deadline passed or the tries ran out: the booking is cancelled (its place given back). */
  | { ok: false; reason: "LAPSED"; booking: Booking }
  /** The phone, now proven, already has another upcoming booking: the pending one is cancelled. */
  | { ok: false; reason: "ACTIVE_BOOKING_EXISTS"; existing: Booking }
  /** Nothing is waiting for a code: the booking as it is (confirmed before, or never asked). */
  | { ok: false; reason: "NOT_PENDING"; booking: Booking };

/**
 * Bookings and short holds. Capacity is checked and taken in one atomic step (a write
 * transaction), so two instances can never overbook a slot. A claim's `capacity` is the slot's
 * places; the store counts against it the slot's own bookings, live holds of others, and every
 * active booking of the specialty that overlaps the slot under another id (left off the grid by a
 * schedule change), all in that same step.
 */
export interface BookingStore {
  /**
   * Books `claim` for `booking` atomically. Capacity is decided first, whoever the phone is:
   * SLOT_TAKEN when bookings (the slot's and overlapping ones) plus live holds of other holders
   * fill it. Only then the phone: ACTIVE_BOOKING_EXISTS when it already has an upcoming booking
   * (not one waiting for its code) that the caller owns, made by the same conversation
   * (`booking.sessionRef`) or from the same source (`booking.sourceIndex`); another's booking is
   * never told (the phone oracle, docs/booking.md) and the new one is written beside it. With an
   * `idempotencyKey` seen before, returns the booking it made (replayed: true) and books nothing.
   * A hold by `holderId` on the slot is consumed. With `pinIndex` (a blind index of the code sent
   * to the phone) the booking waits for that code until `booking.confirmBy`.
   */
  book(input: { claim: SlotClaim; booking: Booking; idempotencyKey?: string; holderId?: string; pinIndex?: string; now: string }): Promise<BookResult>;
  /**
   * Confirms a pending booking's phone atomically: the code's blind index must match before the
   * deadline, within `maxAttempts` tries (each wrong one counted); a proven phone that already has
   * another upcoming confirmed booking gets ACTIVE_BOOKING_EXISTS and its pending one is cancelled.
   */
  confirmPhone(input: { code: string; pinIndex: string; maxAttempts: number; now: string }): Promise<ConfirmPhoneResult>;
  /** Stops waiting for a code that could not be sent: the booking stays, marked unconfirmed for staff. */
  markUnconfirmed(code: string, now: string): Promise<Booking | undefined>;
  /** Holds one place for `holderId` until `expiresAt`, atomically against capacity. */
  hold(input: { claim: SlotClaim; holderId: string; expiresAt: string; now: string }): Promise<boolean>;
  releaseHold(slotId: string, holderId: string): Promise<void>;
  /** Places taken per slot id (confirmed bookings and live holds) for slots starting in [from, to). */
  countTaken(input: { from: string; to: string; now: string; excludeHolder?: string }): Promise<Map<string, number>>;
  findBookingByCode(code: string): Promise<Booking | undefined>;
  /** Changes status (cancel, arrived …); returns the updated booking, undefined if unknown. */
  updateBookingStatus(code: string, status: Booking["status"], now: string): Promise<Booking | undefined>;
  /** Moves a confirmed booking to another slot atomically against that slot's capacity. */
  moveBooking(input: { code: string; claim: SlotClaim; now: string }): Promise<{ ok: true; booking: Booking } | { ok: false; reason: "SLOT_TAKEN" | "NOT_FOUND" }>;
  /**
   * Bookings starting in [from, to) whose status is one of `statuses` (default: confirmed only,
   * for reminders); the staff console asks for every status.
   */
  listBookings(input: { from: string; to: string; statuses?: readonly BookingStatus[] }): Promise<Booking[]>;
  /** Every booking a conversation made (by its session ref), oldest start first. */
  listBookingsOfSession(sessionRef: string): Promise<Booking[]>;
  /** Confirmed bookings not yet ended per source hash (of those asked for): a flood shows as many from one source. */
  countActiveBySource(sourceHashes: readonly string[], now: string): Promise<Map<string, number>>;
}

/** A day-before reminder as the outbox hands it to a worker that has leased it. */
export type OutboxEntry = {
  /** `<bookingId>:day_before:<Seoul date of the start>`, so a moved booking gets a new one. */
  id: string;
  bookingCode: string;
  dueAt: string;
  createdAt: string;
  /** Delivery attempts started so far, this one included (a lease that lapsed counts too). */
  attempts: number;
  /** The lease this worker holds; after it, another worker may claim the entry again. */
  leaseUntil: string;
};

/**
 * Reminders waiting to be delivered. Entries are leased, not popped, so a worker that dies
 * mid-delivery leaves its entries to be claimed again when the lease runs out; an entry marked
 * sent or skipped is never claimed again.
 */
export interface ReminderOutbox {
  /** Adds a pending entry; false (and nothing changes) when the id already exists, in any state. */
  enqueue(entry: { id: string; bookingCode: string; dueAt: string; createdAt: string }): Promise<boolean>;
  /**
   * Atomically leases up to `limit` pending entries that are due at `now` and not under a live
   * lease, to `worker` for `leaseSeconds`, and counts an attempt on each.
   */
  claimDue(input: { now: string; limit: number; leaseSeconds: number; worker: string }): Promise<OutboxEntry[]>;
  markSent(id: string, now: string): Promise<void>;
  /** Closes the entry without a message (cancelled booking, gave up after retries …). */
  markSkipped(id: string, reason: string, now: string): Promise<void>;
  /** Releases the lease; the entry is due again at `nextAttemptAt`. A closed entry stays closed. */
  markFailed(id: string, error: string, nextAttemptAt: string): Promise<void>;
}

/** What a notifier is asked to deliver: one reminder to one resident. */
export type ReminderMessage = {
  /** What it is: the day-before reminder (the default) or the code that confirms a booking's phone. */
  kind?: "reminder" | "phone_confirmation";
  /** Stable per reminder: receivers use it to drop a duplicate delivery. */
  reminderId: string;
  bookingCode: string;
  start: string;
  specialty: Booking["specialty"];
  /** Where an SMS or 알림톡 goes. Never logged. */
  phone: string;
  lang?: "ko" | "en";
  /** The reminder, translated, with the center's name, phone and address. */
  text: string;
  /** phone_confirmation only: the 6-digit code (also in `text`), for providers that fill a template. Never logged. */
  pin?: string;
};

/** Delivers reminders (a webhook, a log, an SMS or 알림톡 provider); throws when it failed. */
export type Notifier = { name: string; deliver(message: ReminderMessage): Promise<void> };
