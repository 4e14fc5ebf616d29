import type { Redis } from "ioredis";
import { z } from "zod";
import type { Booking, BookingStatus, SlotClaim } from "../../../bot/booking/booking-types";
import type { BookingStore, BookResult } from "../../../bot/ports";
import { storageKeys } from "../storage-keys";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { BookingCodeTakenError, CorruptBookingError, storedBookingSchema, toEpochMs } from "../stored-booking-schema";
import { parseStoredRecord } from "../parse-stored-record";
import { BOOK_LUA, HOLD_LUA, MOVE_LUA, SET_STATUS_LUA } from "./booking-scripts";

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Compare-and-set rounds before giving up on a booking that keeps changing under us. */
const CAS_ROUNDS = 5;

const bookReplySchema = z.union([
  z.tuple([z.literal("replayed"), z.string()]),
  z.tuple([z.literal("active"), z.string()]),
  z.tuple([z.enum(["taken", "code_taken", "booked"])]),
]);
const casReplySchema = z.enum(["changed", "taken", "moved", "updated"]);

type MoveResult = Awaited<ReturnType<BookingStore["moveBooking"]>>;
const countSchema = z.coerce.number().int().min(0);

/**
 * Bookings in Redis. Booking, holding and moving are single Lua scripts (booking-scripts.ts):
 * capacity, the one-active-booking-per-phone rule and the idempotency key are checked and the
 * booking written in one atomic step, so any number of instances sharing this Redis cannot
 * overbook. Records read back are parsed; one that does not parse is reported and skipped.
 */
export class RedisBookingStore implements BookingStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly reportCorrupt: CorruptRecordReporter,
  ) {
    redis.defineCommand("hanbeonBook", { numberOfKeys: 7, lua: BOOK_LUA });
    redis.defineCommand("hanbeonHold", { numberOfKeys: 3, lua: HOLD_LUA });
    redis.defineCommand("hanbeonMove", { numberOfKeys: 7, lua: MOVE_LUA });
    redis.defineCommand("hanbeonSetStatus", { numberOfKeys: 3, lua: SET_STATUS_LUA });
  }

  async book(input: { claim: SlotClaim; booking: Booking; idempotencyKey?: string; holderId?: string; now: string }): Promise<BookResult> {
    const { claim, booking, idempotencyKey } = input;
    const p = this.prefix;
    const bookingKey = storageKeys.booking(p, booking.code);
    const reply = bookReplySchema.parse(await this.redis.hanbeonBook(
      storageKeys.slotBookings(p, claim.slotId), storageKeys.slotHolds(p, claim.slotId), storageKeys.phoneBookings(p, booking.phone),
      storageKeys.bookingIdempotency(p, idempotencyKey ?? ""), bookingKey, storageKeys.bookingsByStart(p), storageKeys.slotsByStart(p),
      toEpochMs(input.now), claim.capacity, input.holderId ?? "", JSON.stringify(booking), booking.code, toEpochMs(claim.start), claim.slotId,
      idempotencyKey === undefined ? "0" : "1", IDEMPOTENCY_TTL_MS,
    ));
    switch (reply[0]) {
      case "replayed": {
        const previous = this.parse(reply[1], `idempotency:${idempotencyKey ?? ""}`);
        if (!previous) throw new CorruptBookingError("the booking of this idempotency key does not parse");
        return { ok: true, booking: previous, replayed: true };
      }
      case "active": {
        const existing = await this.findBookingByCode(reply[1]);
        if (!existing) throw new CorruptBookingError("the phone's active booking does not parse");
        return { ok: false, reason: "ACTIVE_BOOKING_EXISTS", existing };
      }
      case "taken":
        return { ok: false, reason: "SLOT_TAKEN" };
      case "code_taken":
        throw new BookingCodeTakenError(`code ${booking.code} is in use`);
      case "booked":
        return { ok: true, booking, replayed: false };
    }
  }

  async hold(input: { claim: SlotClaim; holderId: string; expiresAt: string; now: string }): Promise<boolean> {
    const { claim } = input;
    const reply = await this.redis.hanbeonHold(
      storageKeys.slotBookings(this.prefix, claim.slotId), storageKeys.slotHolds(this.prefix, claim.slotId), storageKeys.slotsByStart(this.prefix),
      toEpochMs(input.now), claim.capacity, input.holderId, toEpochMs(input.expiresAt), toEpochMs(claim.start), claim.slotId,
    );
    return reply === 1;
  }

  async releaseHold(slotId: string, holderId: string): Promise<void> {
    await this.redis.zrem(storageKeys.slotHolds(this.prefix, slotId), holderId);
  }

  async countTaken(input: { from: string; to: string; now: string; excludeHolder?: string }): Promise<Map<string, number>> {
    const slotIds = await this.redis.zrangebyscore(storageKeys.slotsByStart(this.prefix), toEpochMs(input.from), `(${toEpochMs(input.to)}`);
    if (slotIds.length === 0) return new Map();
    const pipeline = this.redis.pipeline();
    const nowMs = toEpochMs(input.now);
    for (const slotId of slotIds) {
      const holds = storageKeys.slotHolds(this.prefix, slotId);
      pipeline.scard(storageKeys.slotBookings(this.prefix, slotId));
      pipeline.zcount(holds, `(${nowMs}`, "+inf");
      pipeline.zscore(holds, input.excludeHolder ?? "");
    }
    const replies = (await pipeline.exec()) ?? [];
    const taken = new Map<string, number>();
    slotIds.forEach((slotId, i) => {
      const [bookings, holds, ownExpiry] = [0, 1, 2].map((j) => {
        const [error, value] = replies[i * 3 + j] ?? [new Error("missing pipeline reply"), null];
        if (error) throw error;
        return value;
      });
      const ownLive = input.excludeHolder !== undefined && ownExpiry !== null && countSchema.parse(ownExpiry) > nowMs ? 1 : 0;
      const count = countSchema.parse(bookings) + countSchema.parse(holds) - ownLive;
      if (count > 0) taken.set(slotId, count);
    });
    return taken;
  }

  async findBookingByCode(code: string): Promise<Booking | undefined> {
    const text = await this.redis.get(storageKeys.booking(this.prefix, code));
    return text === null ? undefined : this.parse(text, `booking:${code}`);
  }

  async updateBookingStatus(code: string, status: Booking["status"], now: string): Promise<Booking | undefined> {
    return this.compareAndSet(code, async (booking, text): Promise<{ done: Booking } | "retry"> => {
      // A cancelled booking has given its place away; reviving it would bypass the capacity check.
      if (booking.status === status || booking.status === "cancelled") return { done: booking };
      const updated: Booking = { ...booking, status, updatedAt: now };
      const reply = casReplySchema.parse(await this.redis.hanbeonSetStatus(
        storageKeys.booking(this.prefix, code), storageKeys.slotBookings(this.prefix, booking.slotId), storageKeys.phoneBookings(this.prefix, booking.phone),
        text, JSON.stringify(updated), code, status, toEpochMs(booking.start),
      ));
      return reply === "updated" ? { done: updated } : "retry";
    });
  }

  async moveBooking(input: { code: string; claim: SlotClaim; now: string }): Promise<MoveResult> {
    const { code, claim } = input;
    const p = this.prefix;
    const notFound: MoveResult = { ok: false, reason: "NOT_FOUND" };
    const result = await this.compareAndSet(code, async (booking, text): Promise<{ done: MoveResult } | "retry"> => {
      if (booking.status !== "confirmed") return { done: notFound };
      if (booking.slotId === claim.slotId) return { done: { ok: true, booking } };
      const moved: Booking = { ...booking, slotId: claim.slotId, specialty: claim.specialty, start: claim.start, end: claim.end, updatedAt: input.now };
      const reply = casReplySchema.parse(await this.redis.hanbeonMove(
        storageKeys.booking(p, code), storageKeys.slotBookings(p, booking.slotId), storageKeys.slotBookings(p, claim.slotId),
        storageKeys.slotHolds(p, claim.slotId), storageKeys.phoneBookings(p, booking.phone), storageKeys.bookingsByStart(p), storageKeys.slotsByStart(p),
        text, JSON.stringify(moved), toEpochMs(input.now), claim.capacity, code, toEpochMs(claim.start), claim.slotId,
      ));
      if (reply === "changed") return "retry";
      return { done: reply === "taken" ? { ok: false, reason: "SLOT_TAKEN" } : { ok: true, booking: moved } };
    });
    return result ?? notFound;
  }

  async listBookings(input: { from: string; to: string; statuses?: readonly BookingStatus[] }): Promise<Booking[]> {
    const statuses = input.statuses ?? ["confirmed"];
    const codes = await this.redis.zrangebyscore(storageKeys.bookingsByStart(this.prefix), toEpochMs(input.from), `(${toEpochMs(input.to)}`);
    if (codes.length === 0) return [];
    const texts = await this.redis.mget(codes.map((code) => storageKeys.booking(this.prefix, code)));
    return texts.flatMap((text, i) => {
      const booking = text === null ? undefined : this.parse(text, `booking:${codes[i] ?? ""}`);
      return booking && statuses.includes(booking.status) ? [booking] : [];
    });
  }

  /** Reads a booking and hands it to `attempt`, which writes only if the record is unchanged. */
  private async compareAndSet<T>(code: string, attempt: (booking: Booking, text: string) => Promise<{ done: T } | "retry">): Promise<T | undefined> {
    for (let round = 0; round < CAS_ROUNDS; round++) {
      const text = await this.redis.get(storageKeys.booking(this.prefix, code));
      if (text === null) return undefined;
      const booking = this.parse(text, `booking:${code}`);
      if (!booking) return undefined;
      const outcome = await attempt(booking, text);
      if (outcome !== "retry") return outcome.done;
    }
    throw new Error(`booking ${code} kept changing during ${CAS_ROUNDS} attempts`);
  }

  private parse(text: string, key: string): Booking | undefined {
    return parseStoredRecord(storedBookingSchema, text, { store: "redis", key }, this.reportCorrupt);
  }
}
