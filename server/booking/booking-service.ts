import { randomUUID } from "node:crypto";
import type { RandomBytes } from "../../bot/booking/booking-code";
import { generateBookingCode, normalizeBookingCode } from "../../bot/booking/booking-code";
import type { Booking, Slot, SlotClaim } from "../../bot/booking/booking-types";
import { bookingStatuses } from "../../bot/booking/booking-types";
import type { SlotUnavailableReason } from "../../bot/booking/compute-open-slots";
import { computeOpenSlots, findSlot, isGridSlot, nearestSlots, toSlotClaim } from "../../bot/booking/compute-open-slots";
import type { ScheduleConflict } from "../../bot/booking/compute-schedule-conflicts";
import { computeScheduleConflicts } from "../../bot/booking/compute-schedule-conflicts";
import type { ProblemDetail } from "../../bot/errors";
import { DomainError } from "../../bot/errors";
import { parsePhone } from "../../bot/parse/parse-phone";
import type { BookingStore, Clock } from "../../bot/ports";
import { toSeoulDate } from "../../bot/time/seoul-date";
import { addDays, toSeoulIso } from "../../bot/time/seoul-time";
import type { Specialty } from "../../flows/schema/catalog";
import type { Schedule } from "../../flows/schema/schedule";
import type { Translator } from "../i18n/create-translator";
import type { SupportedLang } from "../i18n/load-locales";
import type { PersonalDataCipher } from "../security/personal-data-cipher";
import { isSealed } from "../security/personal-data-cipher";
import { BookingCodeTakenError } from "../storage/stored-booking-schema";
import { guardBookingStore } from "./guard-booking-store";
import { toIcs } from "./to-ics";

/** The contract's Booking: what a resident may see. Never the name or the phone. */
import type { PublicBooking } from "../../bot/contract/booking-schema";

export type BookInput = {
  slotId: string;
  name: string;
  /** As typed: hyphens, spaces and +82 are accepted. */
  phone: string;
  consent: boolean;
  /** The conversation that led here ("web:<id>", "kakao:<key>"). */
  sessionRef?: string;
  /** A retry with the same key (per phone, for 24 h) returns the first booking. */
  idempotencyKey?: string;
  /** Whoever holds a place in the slot (a chat session); its hold is consumed. */
  holderId?: string;
  /** Where the booking came from, as a keyed hash (booking-limits.ts): staff see many bookings from one source. */
  sourceHash?: string;
};

export type BookingServiceDeps = {
  store: BookingStore;
  /** The schedule in force now: read at each call, since admins publish new versions while running. */
  schedule: () => Schedule;
  now: Clock;
  randomBytes: RandomBytes;
  translator: Translator;
  /** Seals the name and phone before the store sees them; the phone is matched by its blind index. */
  cipher: PersonalDataCipher;
  /**
   * Called after a booking is made or moved: the store wrote its side effects (intake, reminder)
   * as outbox events in the same transaction, and this runs them now (server/outbox). It never
   * throws; what fails is retried by the outbox worker, never turned into an error here.
   */
  afterCommit?: (booking: Booking) => Promise<void>;
};

const DEFAULT_DAYS = 7;
const ALTERNATIVES = 3;
const CODE_ATTEMPTS = 4;
/** How far ahead to look for bookings a new schedule affects: past the longest horizon (366 days). */
const CONFLICT_LOOKAHEAD_DAYS = 368;
const NAME_MAX = 40;
const ACTIVE_STATUSES = bookingStatuses.filter((status) => status !== "cancelled");
/** Control characters, line separators and bidi overrides: nothing a name needs, all a spoof needs. */
const FORBIDDEN_IN_NAME = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/**
 * Slots and bookings for the routes and both chats. The store decides capacity atomically; this
 * service validates what residents send, checks the slot against the schedule, and turns store
 * outcomes into DomainErrors: SLOT_TAKEN always carries the nearest open alternatives.
 */
export class BookingService {
  private readonly store: BookingStore;

  constructor(private readonly deps: BookingServiceDeps) {
    this.store = guardBookingStore(deps.store);
  }

  /** Open slots of a specialty for `days` Seoul days from `from` (default: today, 7 days). */
  async listSlots(input: { specialty: Specialty; from?: string; days?: number; holderId?: string }): Promise<Slot[]> {
    const now = this.nowIso();
    const today = toSeoulDate(now);
    const from = input.from !== undefined && input.from > today ? input.from : today;
    const days = input.days ?? DEFAULT_DAYS;
    const range = { from: toSeoulIso(from, 0), to: toSeoulIso(addDays(from, days), 0) };
    const taken = await this.store.countTaken({ ...range, now, excludeHolder: input.holderId });
    const schedule = this.deps.schedule();
    return computeOpenSlots(schedule, taken, now, { specialty: input.specialty, from, days }, await this.offGridCandidates(schedule, range, taken));
  }

  /**
   * Books a slot. Throws VALIDATION_FAILED (name, phone, consent, slotId), SLOT_TAKEN with
   * `{reason, alternatives}`, or ACTIVE_BOOKING_EXISTS with how to change the existing booking.
   */
  async book(input: BookInput): Promise<{ booking: Booking; replayed: boolean }> {
    const problems: ProblemDetail[] = [];
    const name = checkName(input.name, problems);
    const phone = checkPhone(input.phone, problems);
    if (input.consent !== true) problems.push({ path: "consent", message: "consent to keep the name and phone for this booking is required" });
    if (name === undefined || phone === undefined || problems.length > 0) throw invalid(problems);

    const claim = await this.claimFor(input.slotId, input.holderId);
    const now = this.nowIso();
    for (let attempt = 1; ; attempt++) {
      const booking: Booking = {
        id: randomUUID(), code: generateBookingCode(this.deps.randomBytes), slotId: claim.slotId, specialty: claim.specialty,
        start: claim.start, end: claim.end, status: "confirmed",
        name: this.deps.cipher.seal(name), phone: this.deps.cipher.blindIndex(phone), sealedPhone: this.deps.cipher.seal(phone),
        ...(input.sessionRef !== undefined ? { sessionRef: input.sessionRef } : {}),
        ...(input.sourceHash !== undefined ? { sourceHash: input.sourceHash } : {}), createdAt: now, updatedAt: now,
      };
      const idempotencyKey = input.idempotencyKey === undefined ? undefined : `${booking.phone}:${input.idempotencyKey}`;
      try {
        const result = await this.store.book({ claim, booking, idempotencyKey, holderId: input.holderId, now });
        if (result.ok) {
          if (!result.replayed) await this.deps.afterCommit?.(result.booking);
          return { booking: result.booking, replayed: result.replayed };
        }
        if (result.reason === "SLOT_TAKEN") throw await this.slotTaken(claim.slotId, "full", input.holderId);
        throw new DomainError("ACTIVE_BOOKING_EXISTS", "this phone already has an upcoming booking", {
          howToChange: {
            reschedule: "POST /api/bookings/reschedule {code, phone, slotId}",
            cancel: "POST /api/bookings/cancel {code, phone}",
            lookup: "POST /api/bookings/lookup {code, phone}",
          },
        });
      } catch (error) {
        if (error instanceof BookingCodeTakenError && attempt < CODE_ATTEMPTS) continue;
        throw error;
      }
    }
  }

  /** Holds one place for `holderId` for the schedule's holdMinutes; SLOT_TAKEN when none is left. */
  async hold(slotId: string, holderId: string): Promise<{ slotId: string; expiresAt: string }> {
    const claim = await this.claimFor(slotId, holderId);
    const nowMs = this.deps.now().getTime();
    const expiresAt = new Date(nowMs + this.deps.schedule().holdMinutes * 60_000).toISOString();
    const held = await this.store.hold({ claim, holderId, expiresAt, now: new Date(nowMs).toISOString() });
    if (!held) throw await this.slotTaken(slotId, "full", holderId);
    return { slotId, expiresAt };
  }

  async release(slotId: string, holderId: string): Promise<void> {
    await this.store.releaseHold(slotId, holderId);
  }

  /** The booking with this code and phone; NOT_FOUND when either does not match (never says which). */
  async lookup(code: string, phone: string): Promise<Booking> {
    const problems: ProblemDetail[] = [];
    const digits = checkPhone(phone, problems);
    if (digits === undefined) throw invalid(problems);
    const normalized = normalizeBookingCode(code);
    const booking = normalized === undefined ? undefined : await this.store.findBookingByCode(normalized);
    if (!booking || (booking.phone !== this.deps.cipher.blindIndex(digits) && booking.phone !== digits)) throw new DomainError("NOT_FOUND", "no booking with this code and phone");
    return booking;
  }

  /** Cancels a booking that has not started; cancelling twice answers the cancelled booking. */
  async cancel(code: string, phone: string): Promise<Booking> {
    const booking = await this.lookup(code, phone);
    if (booking.status === "cancelled") return booking;
    this.assertChangeable(booking);
    const cancelled = await this.store.updateBookingStatus(booking.code, "cancelled", this.nowIso());
    if (!cancelled) throw new DomainError("NOT_FOUND", "no booking with this code and phone");
    return cancelled;
  }

  /** A conversation's confirmed bookings that have not started: what "erase" asks about. */
  async upcomingOfSession(sessionRef: string): Promise<Booking[]> {
    const now = this.deps.now().getTime();
    const own = await this.store.listBookingsOfSession(sessionRef);
    return own.filter((booking) => booking.status === "confirmed" && Date.parse(booking.start) > now);
  }

  /** Cancels a booking the conversation itself made (the chat owns it: no phone needed); other sessions' bookings are NOT_FOUND. */
  async cancelOwned(code: string, sessionRef: string): Promise<Booking> {
    const booking = await this.store.findBookingByCode(code);
    if (!booking || booking.sessionRef !== sessionRef) throw new DomainError("NOT_FOUND", "no booking of this conversation with this code");
    if (booking.status === "cancelled") return booking;
    this.assertChangeable(booking);
    const cancelled = await this.store.updateBookingStatus(booking.code, "cancelled", this.nowIso());
    if (!cancelled) throw new DomainError("NOT_FOUND", "no booking of this conversation with this code");
    return cancelled;
  }

  /** Moves a booking that has not started to another open slot; SLOT_TAKEN with alternatives. */
  async reschedule(code: string, phone: string, slotId: string): Promise<Booking> {
    const booking = await this.lookup(code, phone);
    this.assertChangeable(booking);
    const claim = await this.claimFor(slotId, undefined);
    const moved = await this.store.moveBooking({ code: booking.code, claim, now: this.nowIso() });
    if (moved.ok) {
      await this.deps.afterCommit?.(moved.booking);
      return moved.booking;
    }
    if (moved.reason === "SLOT_TAKEN") throw await this.slotTaken(slotId, "full", undefined);
    throw new DomainError("BOOKING_NOT_CHANGEABLE", "the booking changed meanwhile");
  }

  /** Staff only: a booking's name and phone, opened (records from before sealing are plain). */
  openPersonal(booking: Booking): { name: string; phone: string | undefined } {
    return { name: openBookingName(this.deps.cipher, booking), phone: openBookingPhone(this.deps.cipher, booking) };
  }

  /** Every booking starting in [from, to), whatever its status (the staff console's list). */
  async listBookings(from: string, to: string): Promise<Booking[]> {
    return this.store.listBookings({ from, to, statuses: bookingStatuses });
  }

  /**
   * Upcoming bookings (not cancelled) that `schedule` would no longer offer, before it is
   * published: codes and slots only, so staff can contact the residents. The bookings are kept.
   */
  async conflictsWith(schedule: Schedule): Promise<ScheduleConflict[]> {
    const now = this.nowIso();
    const until = toSeoulIso(addDays(toSeoulDate(now), CONFLICT_LOOKAHEAD_DAYS), 0);
    const bookings = await this.activeBookings(now, until);
    return computeScheduleConflicts(schedule, bookings, now);
  }

  /** For staff: confirmed bookings not yet ended per source hash of `bookings` (a flood is many from one). */
  async countActiveBySource(bookings: readonly Booking[]): Promise<Map<string, number>> {
    return this.store.countActiveBySource(bookings.flatMap((b) => (b.sourceHash === undefined ? [] : [b.sourceHash])), this.nowIso());
  }

  async findByCode(code: string): Promise<Booking | undefined> {
    const normalized = normalizeBookingCode(code);
    return normalized === undefined ? undefined : this.store.findBookingByCode(normalized);
  }

  /** Staff: arrived, no-show, done or cancelled, whenever the booking is; NOT_FOUND for an unknown code. */
  async setStatus(code: string, status: Booking["status"]): Promise<Booking> {
    const booking = await this.findByCode(code);
    const updated = booking === undefined ? undefined : await this.store.updateBookingStatus(booking.code, status, this.nowIso());
    if (!updated) throw new DomainError("NOT_FOUND", "no booking with this code");
    return updated;
  }

  /** The booking as an iCalendar file in `lang`; no name or phone inside. */
  toIcs(booking: Booking, lang: SupportedLang): string {
    return toIcs(booking, this.deps.translator.forLang(lang));
  }

  /** The contract's Booking, with the center's location in `lang`. */
  toPublicBooking(booking: Booking, lang: SupportedLang): PublicBooking {
    const { id, code, start, end, specialty, status } = booking;
    return { id, code, start, end, specialty, status, location: this.deps.translator.forLang(lang)("booking.location") };
  }

  /**
   * The claim for a slot of the schedule that is open now. Capacity is the slot's counsellors; the
   * store counts, in the same atomic step as the write, the slot's own bookings and holds and every
   * active booking of the specialty overlapping it under another id (left off the grid by a
   * schedule change), so a booking and a schedule change racing never double-book. The store also
   * replays an idempotent retry even once the slot is full.
   */
  private async claimFor(slotId: string, holderId: string | undefined): Promise<SlotClaim> {
    const schedule = this.deps.schedule();
    const found = findSlot(schedule, slotId, new Map(), this.nowIso());
    if (found.ok) return toSlotClaim(schedule, found.slot);
    if (found.reason === "unknown") throw invalid([{ path: "slotId", message: "not a slot of the center's schedule" }]);
    throw await this.slotTaken(slotId, found.reason, holderId);
  }

  private async slotTaken(slotId: string, reason: SlotUnavailableReason, holderId: string | undefined): Promise<DomainError> {
    const now = this.nowIso();
    const today = toSeoulDate(now);
    const schedule = this.deps.schedule();
    const range = { from: toSeoulIso(today, 0), to: toSeoulIso(addDays(today, schedule.horizonDays + 2), 0) };
    const taken = await this.store.countTaken({ ...range, now, excludeHolder: holderId });
    const alternatives = nearestSlots(schedule, taken, now, slotId, ALTERNATIVES, await this.offGridCandidates(schedule, range, taken));
    return new DomainError("SLOT_TAKEN", "the slot cannot be booked", { reason, alternatives });
  }

  /**
   * For listing and SLOT_TAKEN alternatives only: the bookings that may be off the grid in force,
   * none read while every slot id holding a place in the range is on the grid (the usual case),
   * else the range's active bookings. Not exact: a booking of another session length under an id
   * still on the grid is missed (the counts carry no ends), so a slot beside it may be listed; the
   * booking itself is then refused by the store (409 with alternatives), never double-booked.
   */
  private async offGridCandidates(schedule: Schedule, range: { from: string; to: string }, taken: ReadonlyMap<string, number>): Promise<Booking[]> {
    const offGrid = [...taken].some(([slotId, count]) => count > 0 && !isGridSlot(schedule, slotId));
    return offGrid ? this.activeBookings(range.from, range.to) : [];
  }

  /** Bookings starting in [from, to) that hold a place (every status but cancelled, as the store counts). */
  private async activeBookings(from: string, to: string): Promise<Booking[]> {
    return this.store.listBookings({ from, to, statuses: ACTIVE_STATUSES });
  }

  private assertChangeable(booking: Booking): void {
    if (booking.status !== "confirmed" || Date.parse(booking.start) <= this.deps.now().getTime()) {
      throw new DomainError("BOOKING_NOT_CHANGEABLE", "the booking has started or is closed", { status: booking.status });
    }
  }

  private nowIso(): string {
    return this.deps.now().toISOString();
  }
}

/** The name of a stored booking, opened. */
export function openBookingName(cipher: PersonalDataCipher, booking: Booking): string {
  return isSealed(booking.name) ? cipher.open(booking.name) : booking.name;
}

/** The phone of a stored booking, opened; undefined when only its blind index is left. */
export function openBookingPhone(cipher: PersonalDataCipher, booking: Booking): string | undefined {
  if (booking.sealedPhone !== undefined) return cipher.open(booking.sealedPhone);
  return /^01\d{8,9}$/.test(booking.phone) ? booking.phone : undefined;
}

/** 1–40 characters once trimmed, no control characters; undefined (and a problem) otherwise. */
function checkName(raw: string, problems: ProblemDetail[]): string | undefined {
  const name = raw.normalize("NFC").trim();
  const length = [...name].length;
  if (length < 1 || length > NAME_MAX) problems.push({ path: "name", message: `from 1 to ${NAME_MAX} characters` });
  else if (FORBIDDEN_IN_NAME.test(name)) problems.push({ path: "name", message: "must not contain control characters" });
  else return name;
  return undefined;
}

function checkPhone(raw: string, problems: ProblemDetail[]): string | undefined {
  const parsed = parsePhone(raw);
  if (parsed.ok) return parsed.value;
  problems.push({ path: "phone", message: "a Korean mobile number, such as 010-1234-5678" });
  return undefined;
}

function invalid(problems: ProblemDetail[]): DomainError {
  return new DomainError("VALIDATION_FAILED", "invalid booking request", problems);
}
