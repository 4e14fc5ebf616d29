import type Database from "better-sqlite3";
import type { Booking, BookingStatus, SlotClaim } from "../../../bot/booking/booking-types";
import type { BookingStore, BookResult } from "../../../bot/ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { BookingCodeTakenError, CorruptBookingError, storedBookingSchema, toEpochMs } from "../stored-booking-schema";
import { parseStoredRecord } from "../parse-stored-record";

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

type BookingRow = { code: string; data: string };
type MoveResult = Awaited<ReturnType<BookingStore["moveBooking"]>>;

/**
 * Bookings in the embedded SQLite file. Every check-and-write runs in a BEGIN IMMEDIATE
 * transaction, which takes the write lock before reading: capacity, the one-active-booking rule
 * and the idempotency key cannot change between the check and the write, even with another
 * process on the same file. Records read back are parsed; one that does not parse is reported
 * and skipped.
 */
export class SqliteBookingStore implements BookingStore {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(
    private readonly db: Database.Database,
    private readonly reportCorrupt: CorruptRecordReporter,
  ) {
    this.statements = prepareStatements(db);
  }

  async book(input: { claim: SlotClaim; booking: Booking; idempotencyKey?: string; holderId?: string; now: string }): Promise<BookResult> {
    const { claim, booking, idempotencyKey } = input;
    const nowMs = toEpochMs(input.now);
    const s = this.statements;
    return this.db.transaction((): BookResult => {
      if (idempotencyKey !== undefined) {
        const previous = s.idempotent.get(idempotencyKey, nowMs);
        const row = previous ? s.byCode.get(previous.code) : undefined;
        if (row) {
          const replayed = this.parse(row);
          if (!replayed) throw new CorruptBookingError("the booking of this idempotency key does not parse");
          return { ok: true, booking: replayed, replayed: true };
        }
      }
      const activeRow = s.activeOfPhone.get(booking.phone, nowMs);
      if (activeRow) {
        const existing = this.parse(activeRow);
        if (!existing) throw new CorruptBookingError("the phone's active booking does not parse");
        return { ok: false, reason: "ACTIVE_BOOKING_EXISTS", existing };
      }
      s.sweepHolds.run(nowMs);
      if (this.takenInSlot(claim.slotId, nowMs, input.holderId) >= claim.capacity) return { ok: false, reason: "SLOT_TAKEN" };
      if (s.byCode.get(booking.code)) throw new BookingCodeTakenError(`code ${booking.code} is in use`);
      s.insert.run(booking.code, claim.slotId, booking.phone, booking.status, toEpochMs(claim.start), JSON.stringify(booking));
      if (input.holderId !== undefined) s.deleteHold.run(claim.slotId, input.holderId);
      if (idempotencyKey !== undefined) {
        s.sweepIdempotency.run(nowMs);
        s.saveIdempotency.run(idempotencyKey, booking.code, nowMs + IDEMPOTENCY_TTL_MS);
      }
      return { ok: true, booking, replayed: false };
    }).immediate();
  }

  async hold(input: { claim: SlotClaim; holderId: string; expiresAt: string; now: string }): Promise<boolean> {
    const { claim, holderId } = input;
    const nowMs = toEpochMs(input.now);
    const expiresMs = toEpochMs(input.expiresAt);
    if (expiresMs <= nowMs) return false;
    return this.db.transaction((): boolean => {
      this.statements.sweepHolds.run(nowMs);
      if (this.takenInSlot(claim.slotId, nowMs, holderId) >= claim.capacity) return false;
      this.statements.upsertHold.run(claim.slotId, holderId, toEpochMs(claim.start), expiresMs);
      return true;
    }).immediate();
  }

  async releaseHold(slotId: string, holderId: string): Promise<void> {
    this.statements.deleteHold.run(slotId, holderId);
  }

  async countTaken(input: { from: string; to: string; now: string; excludeHolder?: string }): Promise<Map<string, number>> {
    const [fromMs, toMs] = [toEpochMs(input.from), toEpochMs(input.to)];
    const taken = new Map<string, number>();
    const add = (rows: Array<{ slot_id: string; n: number }>) => {
      for (const row of rows) taken.set(row.slot_id, (taken.get(row.slot_id) ?? 0) + row.n);
    };
    add(this.statements.bookedInRange.all(fromMs, toMs));
    // "" is never a holder id, so with no holder to exclude every live hold counts.
    add(this.statements.heldInRange.all(fromMs, toMs, toEpochMs(input.now), input.excludeHolder ?? ""));
    return taken;
  }

  async findBookingByCode(code: string): Promise<Booking | undefined> {
    const row = this.statements.byCode.get(code);
    return row ? this.parse(row) : undefined;
  }

  async updateBookingStatus(code: string, status: Booking["status"], now: string): Promise<Booking | undefined> {
    return this.db.transaction((): Booking | undefined => {
      const row = this.statements.byCode.get(code);
      const booking = row ? this.parse(row) : undefined;
      // A cancelled booking has given its place away; reviving it would bypass the capacity check.
      if (!booking || booking.status === status || booking.status === "cancelled") return booking;
      const updated: Booking = { ...booking, status, updatedAt: now };
      this.statements.update.run(updated.slotId, status, toEpochMs(updated.start), JSON.stringify(updated), code);
      return updated;
    }).immediate();
  }

  async moveBooking(input: { code: string; claim: SlotClaim; now: string }): Promise<MoveResult> {
    const { code, claim } = input;
    const nowMs = toEpochMs(input.now);
    return this.db.transaction((): MoveResult => {
      const row = this.statements.byCode.get(code);
      const booking = row ? this.parse(row) : undefined;
      if (!booking || booking.status !== "confirmed") return { ok: false, reason: "NOT_FOUND" };
      if (booking.slotId === claim.slotId) return { ok: true, booking };
      this.statements.sweepHolds.run(nowMs);
      if (this.takenInSlot(claim.slotId, nowMs, undefined) >= claim.capacity) return { ok: false, reason: "SLOT_TAKEN" };
      const moved: Booking = { ...booking, slotId: claim.slotId, specialty: claim.specialty, start: claim.start, end: claim.end, updatedAt: input.now };
      this.statements.update.run(moved.slotId, moved.status, toEpochMs(moved.start), JSON.stringify(moved), code);
      return { ok: true, booking: moved };
    }).immediate();
  }

  async listBookings(input: { from: string; to: string; statuses?: readonly BookingStatus[] }): Promise<Booking[]> {
    const statuses = input.statuses ?? ["confirmed"];
    return this.statements.inRange.all(toEpochMs(input.from), toEpochMs(input.to)).flatMap((row) => {
      const booking = this.parse(row);
      return booking && statuses.includes(booking.status) ? [booking] : [];
    });
  }

  /** Places taken in a slot: bookings that are not cancelled, plus live holds of other holders. */
  private takenInSlot(slotId: string, nowMs: number, exceptHolder: string | undefined): number {
    const booked = this.statements.bookedInSlot.get(slotId)?.n ?? 0;
    const held = this.statements.liveHoldsInSlot.get(slotId, nowMs, exceptHolder ?? "")?.n ?? 0;
    return booked + held;
  }

  private parse(row: BookingRow): Booking | undefined {
    return parseStoredRecord(storedBookingSchema, row.data, { store: "sqlite", key: `booking:${row.code}` }, this.reportCorrupt);
  }
}

function prepareStatements(db: Database.Database) {
  return {
    byCode: db.prepare<[string], BookingRow>("SELECT code, data FROM bookings WHERE code = ?"),
    insert: db.prepare<[string, string, string, string, number, string]>("INSERT INTO bookings (code, slot_id, phone, status, start_ms, data) VALUES (?, ?, ?, ?, ?, ?)"),
    update: db.prepare<[string, string, number, string, string]>("UPDATE bookings SET slot_id = ?, status = ?, start_ms = ?, data = ? WHERE code = ?"),
    activeOfPhone: db.prepare<[string, number], BookingRow>("SELECT code, data FROM bookings WHERE phone = ? AND status = 'confirmed' AND start_ms > ? ORDER BY start_ms LIMIT 1"),
    bookedInSlot: db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM bookings WHERE slot_id = ? AND status != 'cancelled'"),
    liveHoldsInSlot: db.prepare<[string, number, string], { n: number }>("SELECT COUNT(*) AS n FROM holds WHERE slot_id = ? AND expires_ms > ? AND holder_id != ?"),
    sweepHolds: db.prepare<[number]>("DELETE FROM holds WHERE expires_ms <= ?"),
    upsertHold: db.prepare<[string, string, number, number]>("INSERT INTO holds (slot_id, holder_id, start_ms, expires_ms) VALUES (?, ?, ?, ?) ON CONFLICT(slot_id, holder_id) DO UPDATE SET expires_ms = excluded.expires_ms"),
    deleteHold: db.prepare<[string, string]>("DELETE FROM holds WHERE slot_id = ? AND holder_id = ?"),
    idempotent: db.prepare<[string, number], { code: string }>("SELECT code FROM idempotency WHERE key = ? AND expires_ms > ?"),
    saveIdempotency: db.prepare<[string, string, number]>("INSERT OR REPLACE INTO idempotency (key, code, expires_ms) VALUES (?, ?, ?)"),
    sweepIdempotency: db.prepare<[number]>("DELETE FROM idempotency WHERE expires_ms <= ?"),
    bookedInRange: db.prepare<[number, number], { slot_id: string; n: number }>("SELECT slot_id, COUNT(*) AS n FROM bookings WHERE start_ms >= ? AND start_ms < ? AND status != 'cancelled' GROUP BY slot_id"),
    heldInRange: db.prepare<[number, number, number, string], { slot_id: string; n: number }>("SELECT slot_id, COUNT(*) AS n FROM holds WHERE start_ms >= ? AND start_ms < ? AND expires_ms > ? AND holder_id != ? GROUP BY slot_id"),
    inRange: db.prepare<[number, number], BookingRow>("SELECT code, data FROM bookings WHERE start_ms >= ? AND start_ms < ? ORDER BY start_ms, code"),
  };
}
