import { randomInt, randomUUID } from "node:crypto";
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
import type { BookingStore, Clock, ConfirmPhoneResult, Notifier } from "../../bot/ports";
import { toSeoulDate } from "../../bot/time/seoul-date";
import { addDays, toSeoulIso } from "../../bot/time/seoul-time";
import type { Specialty } from "../../flows/schema/catalog";
import type { Schedule } from "../../flows/schema/schedule";
import type { Translator } from "../i18n/create-translator";
import type { SupportedLang } from "../i18n/load-locales";
import type { PersonalDataCipher } from "../security/personal-data-cipher";
import { isSealed } from "../security/personal-data-cipher";
import { BookingCodeTakenError } from "../../bot/booking/booking-store-errors";
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
  /**
   * Booked through the API: the client's address. Without phone confirmation its blind index
   * counts as the owner of a booking made from it (docs/booking.md, the phone oracle).
   */
  address?: string;
  /** The language of the code sent to the phone; the booking waits for that code when confirmation is on. */
  confirmLang?: SupportedLang;
  /** Where the booking came from, as a keyed hash (booking-limits.ts): staff see many bookings from one source. */
  sourceHash?: string;
};

/** Phone confirmation: a 6-digit code through the notifier before an API booking is final. */
export type PhoneConfirmationDeps = {
  notifier: Notifier;
  /** How long the code is good; the booking lapses (cancelled) unless confirmed by then. */
  minutes: number;
  /** Wrong codes allowed before the booking lapses. */
  maxAttempts: number;
  /** Told when a code could not be sent (the booking is then kept, marked unconfirmed). */
  onDeliveryFailed?: (error: unknown) => void;
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
  /** Set when a notifier can reach phones (NOTIFIER=webhook): API bookings wait for a code. */
  confirmation?: PhoneConfirmationDeps;
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
   * `{reason, alternatives}` (decided before anything about the phone, so it is the same for every
   * phone), or ACTIVE_BOOKING_EXISTS only to the owner of the phone's booking (the same
   * conversation or, through the API without confirmation, the same client address). Anyone else
   * gets a new booking, marked `phoneConfirmed: false` for staff; with confirmation on, an API
   * booking waits for the code sent to the phone (`confirmBy`), and the duplicate is told once the
   * code proves the phone (docs/booking.md).
   */
  async book(input: BookInput): Promise<{ booking: Booking; replayed: boolean }> {
    const problems: ProblemDetail[] = [];
    const name = checkName(input.name, problems);
    const phone = checkPhone(input.phone, problems);
    if (input.consent !== true) problems.push({ path: "consent", message: "consent to keep the name and phone for this booking is required" });
    if (name === undefined || phone === undefined || problems.length > 0) throw invalid(problems);

    const claim = await this.claimFor(input.slotId, input.holderId);
    const now = this.nowIso();
    const confirmation = input.confirmLang === undefined ? undefined : this.deps.confirmation;
    const pin = confirmation === undefined ? undefined : String(randomInt(0, 1_000_000)).padStart(6, "0");
    const confirmBy = confirmation === undefined ? undefined : new Date(Date.parse(now) + confirmation.minutes * 60_000).toISOString();
    for (let attempt = 1; ; attempt++) {
      const booking: Booking = {
        id: randomUUID(), code: generateBookingCode(this.deps.randomBytes), slotId: claim.slotId, specialty: claim.specialty,
        start: claim.start, end: claim.end, status: "confirmed",
        name: this.deps.cipher.seal(name), phone: this.deps.cipher.blindIndex(phone), sealedPhone: this.deps.cipher.seal(phone),
        ...(input.sessionRef !== undefined ? { sessionRef: input.sessionRef } : {}), createdAt: now, updatedAt: now,
        ...(input.sourceHash !== undefined ? { sourceHash: input.sourceHash } : {}),
        phoneConfirmed: false, ...(confirmBy !== undefined ? { confirmBy } : {}),
        // A weak owner (the same address) only where no real proof of the phone is on offer.
        ...(input.address !== undefined && confirmation === undefined ? { sourceIndex: this.deps.cipher.blindIndex(`source:${input.address}`) } : {}),
      };
      const idempotencyKey = input.idempotencyKey === undefined ? undefined : `${booking.phone}:${input.idempotencyKey}`;
      const pinIndex = pin === undefined ? undefined : this.pinIndex(booking.code, pin);
      try {
        const result = await this.store.book({ claim, booking, idempotencyKey, holderId: input.holderId, now, ...(pinIndex !== undefined ? { pinIndex } : {}) });
        if (result.ok) {
          if (result.replayed) return { booking: result.booking, replayed: true };
          const made = pin !== undefined && input.confirmLang !== undefined ? await this.sendCode(result.booking, phone, pin, input.confirmLang) : result.booking;
          await this.deps.afterCommit?.(made);
          return { booking: made, replayed: false };
        }
        if (result.reason === "SLOT_TAKEN") throw await this.slotTaken(claim.slotId, "full", input.holderId);
        throw activeBookingExists();
      } catch (error) {
        if (error instanceof BookingCodeTakenError && attempt < CODE_ATTEMPTS) continue;
        throw error;
      }
    }
  }

  /**
   * Confirms an API booking's phone with the 6-digit code sent to it: the booking (phoneConfirmed
   * true); NOT_FOUND for a wrong code+phone pair; VALIDATION_FAILED for a wrong code (tries left
   * in the message); BOOKING_NOT_CHANGEABLE once it lapsed (deadline or tries used up) or when it
   * is not waiting for a code; ACTIVE_BOOKING_EXISTS when the proven phone has another booking.
   */
  async confirmPhone(code: string, phone: string, pin: string): Promise<Booking> {
    const result = await this.tryPhoneCode(code, phone, pin);
    if (result.ok) return result.booking;
    switch (result.reason) {
      case "WRONG_CODE":
        throw invalid([{ path: "pin", message: `not the code sent to the phone; ${result.triesLeft} ${result.triesLeft === 1 ? "try" : "tries"} left` }]);
      case "LAPSED":
        throw new DomainError("BOOKING_NOT_CHANGEABLE", "the booking lapsed unconfirmed", { status: "cancelled", reason: "confirmation_lapsed" });
      case "ACTIVE_BOOKING_EXISTS":
        throw activeBookingExists();
      case "NOT_PENDING":
        if (result.booking.phoneConfirmed === true) return result.booking;
        throw new DomainError("BOOKING_NOT_CHANGEABLE", "the booking is not waiting for a code", { status: result.booking.status, reason: "not_waiting_for_code" });
    }
  }

  /** The store's outcome of a code for the booking with this code and phone (NOT_FOUND when the pair does not match). */
  async tryPhoneCode(code: string, phone: string, pin: string): Promise<ConfirmPhoneResult> {
    const booking = await this.lookup(code, phone);
    return this.store.confirmPhone({ code: booking.code, pinIndex: this.pinIndex(booking.code, pin), maxAttempts: this.deps.confirmation?.maxAttempts ?? 1, now: this.nowIso() });
  }

  /** Sends the code through the notifier; when it cannot be sent, the booking is kept, marked unconfirmed. */
  private async sendCode(booking: Booking, phone: string, pin: string, lang: SupportedLang): Promise<Booking> {
    const confirmation = this.deps.confirmation;
    if (confirmation === undefined) return booking;
    const t = this.deps.translator.forLang(lang);
    try {
      await confirmation.notifier.deliver({
        kind: "phone_confirmation", reminderId: `confirm:${booking.id}`, bookingCode: booking.code, start: booking.start, specialty: booking.specialty,
        phone, lang, pin, text: t("reminders.phoneCode", { pin, minutes: confirmation.minutes }),
      });
      return booking;
    } catch (error) {
      confirmation.onDeliveryFailed?.(error);
      return (await this.store.markUnconfirmed(booking.code, this.nowIso())) ?? booking;
    }
  }

  private pinIndex(code: string, pin: string): string {
    return this.deps.cipher.blindIndex(`pin:${code}:${pin}`);
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
    return this.settled(booking);
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
    return (await this.store.listBookings({ from, to, statuses: bookingStatuses })).map((booking) => this.settled(booking));
  }

  /** A booking whose phone's code did not come in time is cancelled, even before a write sweeps it. */
  private settled(booking: Booking): Booking {
    if (booking.confirmBy === undefined || booking.status !== "confirmed" || Date.parse(booking.confirmBy) > this.deps.now().getTime()) return booking;
    const { confirmBy: _confirmBy, ...rest } = booking;
    return { ...rest, status: "cancelled" };
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
    const booking = normalized === undefined ? undefined : await this.store.findBookingByCode(normalized);
    return booking && this.settled(booking);
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
    const { id, code, start, end, specialty, status, phoneConfirmed, confirmBy } = this.settled(booking);
    return {
      id, code, start, end, specialty, status, location: this.deps.translator.forLang(lang)("booking.location"),
      ...(phoneConfirmed !== undefined ? { phoneConfirmed } : {}), ...(confirmBy !== undefined ? { confirmBy } : {}),
    };
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

function activeBookingExists(): DomainError {
  return new DomainError("ACTIVE_BOOKING_EXISTS", "this phone already has an upcoming booking", {
    howToChange: {
      reschedule: "POST /api/bookings/reschedule {code, phone, slotId}",
      cancel: "POST /api/bookings/cancel {code, phone}",
      lookup: "POST /api/bookings/lookup {code, phone}",
    },
  });
}

function invalid(problems: ProblemDetail[]): DomainError {
  return new DomainError("VALIDATION_FAILED", "invalid booking request", problems);
}
