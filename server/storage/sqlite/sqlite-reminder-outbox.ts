import type Database from "better-sqlite3";
import type { OutboxEntry, ReminderOutbox } from "../../../bot/ports";
import { toEpochMs } from "../stored-booking-schema";

type ClaimRow = { id: string; booking_code: string; due_at: string; created_at: string; attempts: number };
type NewEntry = { id: string; bookingCode: string; dueAt: string; createdAt: string; availableMs: number };
type Lease = { worker: string; leaseUntil: string; leaseEndMs: number; id: string };
type Close = { id: string; status: "sent" | "skipped"; reason: string | null; now: string };
type Failure = { id: string; error: string; availableMs: number };

/**
 * The reminder outbox in the embedded SQLite file (table `reminder_outbox`, see open-sqlite.ts).
 * `available_ms` is when an entry may next be claimed: its due time, its next attempt, or the end
 * of its lease. A claim reads and leases in one immediate transaction, so two processes sharing
 * the file never lease the same entry.
 */
export class SqliteReminderOutbox implements ReminderOutbox {
  private readonly insert: Database.Statement<NewEntry>;
  private readonly due: Database.Statement<[number, number], ClaimRow>;
  private readonly lease: Database.Statement<Lease>;
  private readonly closeEntry: Database.Statement<Close>;
  private readonly fail: Database.Statement<Failure>;
  private readonly claim: (nowMs: number, limit: number, lease: Omit<Lease, "id">) => OutboxEntry[];

  constructor(db: Database.Database) {
    this.insert = db.prepare(`INSERT INTO reminder_outbox (id, booking_code, due_at, created_at, status, attempts, available_ms)
      VALUES (@id, @bookingCode, @dueAt, @createdAt, 'pending', 0, @availableMs) ON CONFLICT(id) DO NOTHING`);
    this.due = db.prepare(`SELECT id, booking_code, due_at, created_at, attempts FROM reminder_outbox
      WHERE status = 'pending' AND available_ms <= ? ORDER BY available_ms LIMIT ?`);
    this.lease = db.prepare(`UPDATE reminder_outbox SET attempts = attempts + 1, leased_by = @worker, lease_until = @leaseUntil,
      available_ms = @leaseEndMs WHERE id = @id AND status = 'pending'`);
    // Sent wins over every other state (the message is out); skipping closes only pending entries.
    this.closeEntry = db.prepare(`UPDATE reminder_outbox SET status = @status, skip_reason = @reason, closed_at = @now,
      leased_by = NULL, lease_until = NULL WHERE id = @id AND (status = 'pending' OR @status = 'sent')`);
    this.fail = db.prepare(`UPDATE reminder_outbox SET last_error = @error, available_ms = @availableMs,
      leased_by = NULL, lease_until = NULL WHERE id = @id AND status = 'pending'`);
    const claim = db.transaction((nowMs: number, limit: number, lease: Omit<Lease, "id">): OutboxEntry[] =>
      this.due.all(nowMs, limit).map((row) => {
        this.lease.run({ ...lease, id: row.id });
        return { id: row.id, bookingCode: row.booking_code, dueAt: row.due_at, createdAt: row.created_at, attempts: row.attempts + 1, leaseUntil: lease.leaseUntil };
      }));
    this.claim = (nowMs, limit, lease) => claim.immediate(nowMs, limit, lease);
  }

  async enqueue(entry: { id: string; bookingCode: string; dueAt: string; createdAt: string }): Promise<boolean> {
    return this.insert.run({ ...entry, availableMs: toEpochMs(entry.dueAt) }).changes === 1;
  }

  async claimDue(input: { now: string; limit: number; leaseSeconds: number; worker: string }): Promise<OutboxEntry[]> {
    const leaseEndMs = toEpochMs(input.now) + input.leaseSeconds * 1000;
    return this.claim(toEpochMs(input.now), input.limit, { worker: input.worker, leaseUntil: new Date(leaseEndMs).toISOString(), leaseEndMs });
  }

  async markSent(id: string, now: string): Promise<void> {
    this.closeEntry.run({ id, status: "sent", reason: null, now });
  }

  async markSkipped(id: string, reason: string, now: string): Promise<void> {
    this.closeEntry.run({ id, status: "skipped", reason, now });
  }

  async markFailed(id: string, error: string, nextAttemptAt: string): Promise<void> {
    this.fail.run({ id, error: error.slice(0, 500), availableMs: toEpochMs(nextAttemptAt) });
  }
}
