import { BookingCodeTakenError, CorruptBookingError } from "../../../bot/booking/booking-store-errors";
import type { Booking, BookingStatus, SlotClaim } from "../../../bot/booking/booking-types";
import { bookingSchema } from "../../../bot/booking/booking-types";
import { toSeoulDate } from "../../../bot/time/seoul-date";
import type { BookingStore, BookResult, ConfirmPhoneResult } from "../../../bot/ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { parseStoredValue } from "../parse-stored-record";
import type { ExpressionBuilder, Insertable, Selectable } from "kysely";
import type { DatabaseSchema, Db } from "./database-schema";
import type { SqlDatabase } from "./open-database";
import { isUniqueViolation } from "./open-database";
import { insertEvent } from "./sql-outbox";
import { toEpochMs } from "./to-epoch-ms";

const DAY_MS = 24 * 60 * 60 * 1000;
const IDEMPOTENCY_TTL_MS = DAY_MS;
const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;

type Row = Selectable<DatabaseSchema["bookings"]>;
type MoveResult = Awaited<ReturnType<BookingStore["moveBooking"]>>;

/**
 * Bookings and holds in SQL. Every check-and-write is one write transaction (open-database.ts):
 * on SQLite the file's write lock, on PostgreSQL advisory locks taken in one order — the phone,
 * the booking, then the specialty's Seoul day — so capacity, one active booking per phone and
 * the idempotency key cannot change between the check and the write, on any number of
 * instances. Capacity counts the slot's own bookings and every active booking of the specialty
 * overlapping it under another id (left off the grid by a schedule change) in the same step. A
 * booking made or moved from a conversation writes an outbox event in the same transaction: its
 * intake (and the `booked` count) follows once committed.
 */
export class SqlBookingStore implements BookingStore {
  constructor(private readonly sql: SqlDatabase, private readonly reportCorrupt: CorruptRecordReporter) {}

  async book(input: { claim: SlotClaim; booking: Booking; idempotencyKey?: string; holderId?: string; pinIndex?: string; now: string }): Promise<BookResult> {
    const { claim, booking, idempotencyKey, holderId } = input;
    const nowMs = toEpochMs(input.now);
    return this.sql.write(async (trx): Promise<BookResult> => {
      await this.sql.lock(trx, `phone:${booking.phone}`, dayLock(claim));
      const placesTaken = await this.takenAndLapse(trx, claim, nowMs, input.now, { holderId });
      if (idempotencyKey !== undefined) {
        const previous = await trx.selectFrom("idempotency_keys").select("booking_code").where("key", "=", idempotencyKey).where("expires_ms", ">", nowMs).executeTakeFirst();
        const replayed = previous && await this.findIn(trx, previous.booking_code);
        // Only the same request answered again: the same phone and slot, and the booking still
        // standing. A key reused after a cancel or a lapse books anew (the chat's keys repeat).
        if (replayed && replayed.status === "confirmed" && replayed.phone === booking.phone && replayed.slotId === booking.slotId) {
          return { ok: true, booking: replayed, replayed: true };
        }
      }
      // Capacity before the phone: a full slot answers the same whoever's phone it is (the phone oracle).
      if (placesTaken >= claim.capacity) return { ok: false, reason: "SLOT_TAKEN" };
      const active = await trx.selectFrom("bookings").selectAll().where("phone", "=", booking.phone).where("status", "=", "confirmed")
        .where("start_ms", ">", nowMs).where("confirm_by_ms", "is", null).orderBy("start_ms").execute();
      const owned = active.find((row) => (booking.sessionRef !== undefined && row.session_ref === booking.sessionRef)
        || (booking.sourceIndex !== undefined && row.source_index === booking.sourceIndex));
      if (owned) return { ok: false, reason: "ACTIVE_BOOKING_EXISTS", existing: this.parseOrThrow(owned) };
      try {
        await trx.insertInto("bookings").values({ ...toRow(booking, claim), confirm_pin: input.pinIndex ?? null }).execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new BookingCodeTakenError(`code ${booking.code} is in use`, { cause: error });
        throw error;
      }
      if (holderId !== undefined) await trx.deleteFrom("holds").where("slot_id", "=", claim.slotId).where("holder_id", "=", holderId).execute();
      if (idempotencyKey !== undefined) {
        await trx.insertInto("idempotency_keys").values({ key: idempotencyKey, booking_code: booking.code, expires_ms: nowMs + IDEMPOTENCY_TTL_MS })
          .onConflict((oc) => oc.column("key").doUpdateSet({ booking_code: booking.code, expires_ms: nowMs + IDEMPOTENCY_TTL_MS })).execute();
      }
      // Booked from a conversation: its intake follows the booking, once committed (server/outbox).
      if (booking.sessionRef !== undefined) await insertEvent(trx, { topic: "booking.booked", payload: { code: booking.code }, now: input.now });
      return { ok: true, booking, replayed: false };
    });
  }

  async confirmPhone(input: { code: string; pinIndex: string; maxAttempts: number; now: string }): Promise<ConfirmPhoneResult> {
    const nowMs = toEpochMs(input.now);
    const phone = (await this.findBookingByCode(input.code))?.phone;
    return this.sql.write(async (trx): Promise<ConfirmPhoneResult> => {
      await this.sql.lock(trx, `phone:${phone ?? ""}`, `booking:${input.code}`);
      const row = await trx.selectFrom("bookings").selectAll().where("code", "=", input.code).executeTakeFirst();
      if (!row) throw new CorruptBookingError(`booking ${input.code} vanished while confirming`);
      const booking = this.parseOrThrow(row);
      if (row.confirm_by_ms === null || booking.status !== "confirmed") return { ok: false, reason: "NOT_PENDING", booking };
      const attempts = row.confirm_attempts + (row.confirm_pin === input.pinIndex ? 0 : 1);
      const lapse = async (): Promise<Booking> => {
        await trx.updateTable("bookings").set({ status: "cancelled", confirm_by_ms: null, confirm_pin: null, confirm_attempts: attempts, updated_at: input.now })
          .where("code", "=", input.code).execute();
        const { confirmBy: _confirmBy, ...rest } = booking;
        return { ...rest, status: "cancelled", updatedAt: input.now };
      };
      if (row.confirm_by_ms <= nowMs || attempts >= input.maxAttempts) return { ok: false, reason: "LAPSED", booking: await lapse() };
      if (row.confirm_pin !== input.pinIndex) {
        await trx.updateTable("bookings").set({ confirm_attempts: attempts }).where("code", "=", input.code).execute();
        return { ok: false, reason: "WRONG_CODE", triesLeft: input.maxAttempts - attempts };
      }
      // The phone is proven now: telling it of its other booking reveals nothing to a stranger.
      const other = await trx.selectFrom("bookings").selectAll().where("phone", "=", row.phone).where("status", "=", "confirmed").where("start_ms", ">", nowMs)
        .where("confirm_by_ms", "is", null).where("code", "<>", input.code)
        .where((eb) => eb.or([eb("phone_confirmed", "is", null), eb("phone_confirmed", "=", 1)])).orderBy("start_ms").executeTakeFirst();
      if (other) {
        await lapse();
        return { ok: false, reason: "ACTIVE_BOOKING_EXISTS", existing: this.parseOrThrow(other) };
      }
      await trx.updateTable("bookings").set({ phone_confirmed: 1, confirm_by_ms: null, confirm_pin: null, updated_at: input.now }).where("code", "=", input.code).execute();
      const { confirmBy: _confirmBy, ...rest } = booking;
      return { ok: true, booking: { ...rest, phoneConfirmed: true, updatedAt: input.now } };
    });
  }

  async markUnconfirmed(code: string, now: string): Promise<Booking | undefined> {
    return this.sql.write(async (trx) => {
      await this.sql.lock(trx, `booking:${code}`);
      await trx.updateTable("bookings").set({ phone_confirmed: 0, confirm_by_ms: null, confirm_pin: null, updated_at: now })
        .where("code", "=", code).where("confirm_by_ms", "is not", null).where("status", "=", "confirmed").execute();
      return this.findIn(trx, code);
    });
  }

  async hold(input: { claim: SlotClaim; holderId: string; expiresAt: string; now: string }): Promise<boolean> {
    const { claim, holderId } = input;
    const nowMs = toEpochMs(input.now);
    const expiresMs = toEpochMs(input.expiresAt);
    if (expiresMs <= nowMs) return false;
    return this.sql.write(async (trx) => {
      await this.sql.lock(trx, dayLock(claim));
      if (await this.takenAndLapse(trx, claim, nowMs, input.now, { holderId }) >= claim.capacity) return false;
      await trx.insertInto("holds").values({ slot_id: claim.slotId, holder_id: holderId, start_ms: toEpochMs(claim.start), expires_ms: expiresMs })
        .onConflict((oc) => oc.columns(["slot_id", "holder_id"]).doUpdateSet({ expires_ms: expiresMs })).execute();
      return true;
    });
  }

  async releaseHold(slotId: string, holderId: string): Promise<void> {
    await (await this.sql.open()).deleteFrom("holds").where("slot_id", "=", slotId).where("holder_id", "=", holderId).execute();
  }

  async countTaken(input: { from: string; to: string; now: string; excludeHolder?: string }): Promise<Map<string, number>> {
    const [fromMs, toMs] = [toEpochMs(input.from), toEpochMs(input.to)];
    const db = await this.sql.open();
    const rows = await db.selectFrom("bookings").select(["slot_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("start_ms", ">=", fromMs).where("start_ms", "<", toMs).where("status", "<>", "cancelled").where(holdsPlace(toEpochMs(input.now))).groupBy("slot_id")
      // "" is never a holder id, so with no holder to exclude every live hold counts.
      .unionAll(db.selectFrom("holds").select(["slot_id", (eb) => eb.fn.countAll<number>().as("n")])
        .where("start_ms", ">=", fromMs).where("start_ms", "<", toMs).where("expires_ms", ">", toEpochMs(input.now))
        .where("holder_id", "<>", input.excludeHolder ?? "").groupBy("slot_id"))
      .execute();
    const taken = new Map<string, number>();
    for (const row of rows) taken.set(row.slot_id, (taken.get(row.slot_id) ?? 0) + Number(row.n));
    return taken;
  }

  async findBookingByCode(code: string): Promise<Booking | undefined> {
    return this.findIn(await this.sql.open(), code);
  }

  async updateBookingStatus(code: string, status: Booking["status"], now: string): Promise<Booking | undefined> {
    return this.sql.write(async (trx) => {
      await this.sql.lock(trx, `booking:${code}`);
      const booking = await this.findIn(trx, code);
      // A cancelled booking has given its place away; reviving it would bypass the capacity check.
      if (!booking || booking.status === status || booking.status === "cancelled") return booking;
      await trx.updateTable("bookings").set({ status, updated_at: now }).where("code", "=", code).execute();
      return { ...booking, status, updatedAt: now };
    });
  }

  async moveBooking(input: { code: string; claim: SlotClaim; now: string }): Promise<MoveResult> {
    const { code, claim } = input;
    const nowMs = toEpochMs(input.now);
    return this.sql.write(async (trx): Promise<MoveResult> => {
      await this.sql.lock(trx, `booking:${code}`, dayLock(claim));
      const booking = await this.findIn(trx, code);
      if (!booking || booking.status !== "confirmed") return { ok: false, reason: "NOT_FOUND" };
      if (booking.slotId === claim.slotId) return { ok: true, booking };
      if ((await this.taken(trx, claim, nowMs, { movingCode: code })).taken >= claim.capacity) return { ok: false, reason: "SLOT_TAKEN" };
      const moved: Booking = { ...booking, slotId: claim.slotId, specialty: claim.specialty, start: claim.start, end: claim.end, updatedAt: input.now };
      const { code: _code, id: _id, ...changes } = toRow(moved, claim);
      await trx.updateTable("bookings").set(changes).where("code", "=", code).execute();
      if (moved.sessionRef !== undefined) await insertEvent(trx, { topic: "booking.moved", payload: { code }, now: input.now });
      return { ok: true, booking: moved };
    });
  }

  async listBookings(input: { from: string; to: string; statuses?: readonly BookingStatus[] }): Promise<Booking[]> {
    const statuses = input.statuses ?? ["confirmed"];
    if (statuses.length === 0) return [];
    const rows = await (await this.sql.open()).selectFrom("bookings").selectAll().where("start_ms", ">=", toEpochMs(input.from)).where("start_ms", "<", toEpochMs(input.to))
      .where("status", "in", statuses).orderBy("start_ms").orderBy("code").execute();
    return rows.flatMap((row) => this.parse(row) ?? []);
  }

  async countActiveBySource(sourceHashes: readonly string[], now: string): Promise<Map<string, number>> {
    if (sourceHashes.length === 0) return new Map();
    const rows = await (await this.sql.open()).selectFrom("bookings").select((eb) => ["source_hash", eb.fn.countAll<number>().as("n")])
      .where("source_hash", "in", [...new Set(sourceHashes)]).where("status", "=", "confirmed").where("end_ms", ">", toEpochMs(now))
      .groupBy("source_hash").execute();
    return new Map(rows.flatMap((row) => (row.source_hash === null ? [] : [[row.source_hash, Number(row.n)] as const])));
  }

  async listBookingsOfSession(sessionRef: string): Promise<Booking[]> {
    const rows = await (await this.sql.open()).selectFrom("bookings").selectAll().where("session_ref", "=", sessionRef).orderBy("start_ms").orderBy("code").execute();
    return rows.flatMap((row) => this.parse(row) ?? []);
  }

  /**
   * Places taken in the claim's slot (see `taken`), after cancelling the day's bookings whose
   * phone's code was not given in time, under the day's lock: only when the count found any, so a
   * booking or hold makes one round trip fewer in the usual case. The lapsed ones never counted
   * (their places were already free), so the count stands either way.
   */
  private async takenAndLapse(trx: Db, claim: SlotClaim, nowMs: number, now: string, options: { holderId?: string }): Promise<number> {
    const { taken, lapsed } = await this.taken(trx, claim, nowMs, options);
    if (lapsed > 0) await lapseUnconfirmed(trx, claim, nowMs, now);
    return taken;
  }

  /**
   * Places taken in the claim's slot: active bookings on its id or overlapping it in time (same
   * specialty, another id: off the grid after a schedule change), and live holds on its id of
   * other holders. `movingCode` leaves out the booking being moved. `lapsed`: the day's bookings
   * waiting for a code past their deadline, not yet cancelled.
   */
  private async taken(trx: Db, claim: SlotClaim, nowMs: number, options: { holderId?: string; movingCode?: string }): Promise<{ taken: number; lapsed: number }> {
    const [startMs, endMs] = [toEpochMs(claim.start), toEpochMs(claim.end)];
    // Slots never cross midnight (Seoul has no daylight saving): what overlaps one starts on its day.
    const dayStartMs = seoulDayStartMs(startMs);
    const active = (eb: ExpressionBuilder<DatabaseSchema, "bookings">) => eb.and([eb("status", "<>", "cancelled"), eb("code", "<>", options.movingCode ?? ""), holdsPlace(nowMs)(eb)]);
    // One round trip (the transaction holds the day's lock meanwhile), each count on an index.
    const row = await trx.selectNoFrom((eb) => [
      eb.selectFrom("bookings").select(eb.fn.countAll<number>().as("n")).where(active).where("slot_id", "=", claim.slotId).as("own"),
      eb.selectFrom("bookings").select(eb.fn.countAll<number>().as("n")).where(active).where("specialty", "=", claim.specialty)
        .where("start_ms", ">=", dayStartMs).where("start_ms", "<", endMs).where("end_ms", ">", startMs).where("slot_id", "<>", claim.slotId).as("offGrid"),
      eb.selectFrom("holds").select(eb.fn.countAll<number>().as("n"))
        .where("slot_id", "=", claim.slotId).where("expires_ms", ">", nowMs).where("holder_id", "<>", options.holderId ?? "").as("held"),
      eb.selectFrom("bookings").select(eb.fn.countAll<number>().as("n")).where(lapsedOn(claim.specialty, dayStartMs, nowMs)).as("lapsed"),
    ]).executeTakeFirstOrThrow();
    return { taken: Number(row.own) + Number(row.offGrid) + Number(row.held), lapsed: Number(row.lapsed) };
  }

  private async findIn(db: Db, code: string): Promise<Booking | undefined> {
    const row = await db.selectFrom("bookings").selectAll().where("code", "=", code).executeTakeFirst();
    return row && this.parse(row);
  }

  private parseOrThrow(row: Row): Booking {
    const booking = this.parse(row);
    if (!booking) throw new CorruptBookingError(`booking ${row.code} does not parse`);
    return booking;
  }

  private parse(row: Row): Booking | undefined {
    return parseStoredValue(bookingSchema, {
      id: row.id, code: row.code, slotId: row.slot_id, specialty: row.specialty, start: row.start_at, end: row.end_at, status: row.status,
      name: row.name, phone: row.phone, ...(row.sealed_phone === null ? {} : { sealedPhone: row.sealed_phone }),
      ...(row.session_ref === null ? {} : { sessionRef: row.session_ref }), createdAt: row.created_at, updatedAt: row.updated_at,
      ...(row.phone_confirmed === null ? {} : { phoneConfirmed: row.phone_confirmed === 1 }),
      ...(row.confirm_by_ms === null ? {} : { confirmBy: new Date(Number(row.confirm_by_ms)).toISOString() }),
      ...(row.source_index === null ? {} : { sourceIndex: row.source_index }),
      ...(row.source_hash === null ? {} : { sourceHash: row.source_hash }),
    }, { store: "sql", key: `booking:${row.code}` }, this.reportCorrupt);
  }
}

/** The lock every capacity check of a specialty's Seoul day takes: slots never cross midnight, so overlapping ones share it. */
function dayLock(claim: Pick<SlotClaim, "specialty" | "start">): string {
  return `day:${claim.specialty}:${toSeoulDate(claim.start)}`;
}

function toRow(booking: Booking, claim: Pick<SlotClaim, "start" | "end">): Insertable<DatabaseSchema["bookings"]> {
  return {
    code: booking.code, id: booking.id, slot_id: booking.slotId, specialty: booking.specialty, start_at: booking.start, end_at: booking.end,
    start_ms: toEpochMs(claim.start), end_ms: toEpochMs(claim.end), status: booking.status, name: booking.name, phone: booking.phone,
    sealed_phone: booking.sealedPhone ?? null, session_ref: booking.sessionRef ?? null, created_at: booking.createdAt, updated_at: booking.updatedAt,
    phone_confirmed: booking.phoneConfirmed === undefined ? null : booking.phoneConfirmed ? 1 : 0,
    confirm_by_ms: booking.confirmBy === undefined ? null : toEpochMs(booking.confirmBy),
    source_index: booking.sourceIndex ?? null,
    source_hash: booking.sourceHash ?? null,
  };
}

/** A booking holds its place unless it waits for its phone's code past the deadline (lapsed, not yet swept). */
function holdsPlace(nowMs: number) {
  return (eb: ExpressionBuilder<DatabaseSchema, "bookings">) => eb.or([eb("confirm_by_ms", "is", null), eb("confirm_by_ms", ">", nowMs)]);
}

/** The specialty's bookings of the Seoul day starting at `dayStartMs` still confirmed past their code's deadline. */
function lapsedOn(specialty: string, dayStartMs: number, nowMs: number) {
  return (eb: ExpressionBuilder<DatabaseSchema, "bookings">) => eb.and([
    eb("specialty", "=", specialty), eb("start_ms", ">=", dayStartMs), eb("start_ms", "<", dayStartMs + DAY_MS),
    eb("confirm_by_ms", "<=", nowMs), eb("status", "=", "confirmed"),
  ]);
}

/** Seoul midnight (epoch ms) of the day an instant falls on. */
function seoulDayStartMs(ms: number): number {
  return ms - ((ms + SEOUL_OFFSET_MS) % DAY_MS);
}

/**
 * Cancels the claim's specialty-day bookings whose phone's code was not given in time (their
 * places were already free to count): only rows under the day's lock, so concurrent sweeps never
 * cross on PostgreSQL.
 */
async function lapseUnconfirmed(trx: Db, claim: Pick<SlotClaim, "specialty" | "start">, nowMs: number, now: string): Promise<void> {
  await trx.updateTable("bookings").set({ status: "cancelled", confirm_by_ms: null, confirm_pin: null, updated_at: now })
    .where(lapsedOn(claim.specialty, seoulDayStartMs(toEpochMs(claim.start)), nowMs)).execute();
}
