import type { SqlDatabase } from "./open-database";

/** Closed outbox entries (sent or skipped reminders, handled events) are kept this long. */
const CLOSED_OUTBOX_DAYS = 35;
const DAY_MS = 86_400_000;

export type PurgeCounts = { bookings: number; sessions: number; staffSessions: number; holds: number; idempotencyKeys: number; outbox: number };

/**
 * What keeps the tables from growing forever, and the resident's erasure of their bookings.
 * Intakes have their own deletion time (IntakeStore.deleteExpiredIntakes). A pass or an erasure
 * that deleted personal data ends with `afterErasure` (the WAL checkpointed and truncated).
 */
export class SqlRetention {
  constructor(private readonly sql: SqlDatabase, private readonly policy: { bookingDays: number }) {}

  /**
   * One pass at `nowMs`: bookings (with their name and phone) whose appointment ended more than
   * `bookingDays` ago, whatever their status; expired chat and console sessions, holds and
   * idempotency keys; closed outbox entries after 35 days. Returns counts only.
   */
  async purge(nowMs: number): Promise<PurgeCounts> {
    const db = await this.sql.open();
    const deleted = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
    const bookingCutoff = nowMs - this.policy.bookingDays * DAY_MS;
    const counts = {
      bookings: deleted(await db.deleteFrom("bookings").where("end_ms", "<", bookingCutoff).executeTakeFirst()),
      sessions: deleted(await db.deleteFrom("sessions").where("expires_ms", "<=", nowMs).executeTakeFirst()),
      staffSessions: deleted(await db.deleteFrom("staff_sessions").where("expires_ms", "<=", nowMs).executeTakeFirst()),
      holds: deleted(await db.deleteFrom("holds").where("expires_ms", "<=", nowMs).executeTakeFirst()),
      idempotencyKeys: deleted(await db.deleteFrom("idempotency_keys").where("expires_ms", "<=", nowMs).executeTakeFirst()),
      outbox: deleted(await db.deleteFrom("outbox").where("closed_ms", "<", nowMs - CLOSED_OUTBOX_DAYS * DAY_MS).executeTakeFirst()),
    };
    if (counts.bookings + counts.sessions > 0) await this.sql.afterErasure();
    return counts;
  }

  /**
   * The resident's erase request: the conversation's bookings that are cancelled or have started
   * go at once, name and phone with them (and their idempotency keys). An upcoming confirmed booking stays (the resident is
   * expected; they cancel it by code and phone). Returns how many were deleted.
   */
  async eraseBookingsOfSession(sessionRef: string, nowMs: number): Promise<number> {
    const erased = await this.sql.write(async (trx) => {
      const codes = (await trx.selectFrom("bookings").select("code").where("session_ref", "=", sessionRef)
        .where((eb) => eb.or([eb("status", "=", "cancelled"), eb("start_ms", "<=", nowMs)])).execute()).map((row) => row.code);
      if (codes.length === 0) return 0;
      // The idempotency keys name the phone's blind index: they go with the bookings they answer for.
      await trx.deleteFrom("idempotency_keys").where("booking_code", "in", codes).execute();
      return Number((await trx.deleteFrom("bookings").where("code", "in", codes).executeTakeFirst()).numDeletedRows);
    });
    if (erased > 0) await this.sql.afterErasure();
    return erased;
  }
}
