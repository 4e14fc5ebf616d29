import { randomUUID } from "node:crypto";
import type { OutboxEntry, ReminderOutbox } from "../../../bot/ports";
import { toEpochMs } from "./to-epoch-ms";
import type { Insertable } from "kysely";
import type { DatabaseSchema, Db } from "./database-schema";
import type { SqlDatabase } from "./open-database";

/** What a committed change leaves for the outbox worker (server/outbox): a booking made or moved. */
export type EventTopic = "booking.booked" | "booking.moved";
export type OutboxEvent = { id: string; topic: EventTopic; payload: { code: string }; attempts: number; createdAt: string };

const REMINDER_TOPIC = "reminder.day_before";
const EVENT_TOPICS: readonly EventTopic[] = ["booking.booked", "booking.moved"];

/**
 * Writes an event inside the caller's transaction: it commits or rolls back with the change it
 * follows, so a committed booking always has its event and a refused one never does.
 */
export async function insertEvent(trx: Db, event: { topic: EventTopic; payload: { code: string }; now: string }): Promise<void> {
  await trx.insertInto("outbox").values(pendingRow({ id: randomUUID(), topic: event.topic, code: event.payload.code, dueAt: event.now, createdAt: event.now })).execute();
}

/** A new entry for booking `code`, claimable from `dueAt`. */
function pendingRow(entry: { id: string; topic: string; code: string; dueAt: string; createdAt: string }): Insertable<DatabaseSchema["outbox"]> {
  return {
    id: entry.id, topic: entry.topic, subject: entry.code, payload: JSON.stringify({ code: entry.code }), status: "pending", attempts: 0,
    available_ms: toEpochMs(entry.dueAt), due_at: entry.dueAt, created_at: entry.createdAt,
  };
}

/**
 * The outbox table: day-before reminders (ReminderOutbox) and the events of committed changes.
 * Entries are leased, not popped: `available_ms` is when an entry may next be claimed — when due,
 * its next attempt, or the end of its lease — so a worker that dies mid-way leaves its entries to
 * be claimed again when the lease runs out. A claim reads and leases in one write transaction
 * (PostgreSQL: FOR UPDATE SKIP LOCKED), so two workers never lease the same entry.
 */
export class SqlOutbox implements ReminderOutbox {
  constructor(private readonly sql: SqlDatabase) {}

  async enqueue(entry: { id: string; bookingCode: string; dueAt: string; createdAt: string }): Promise<boolean> {
    const inserted = await (await this.sql.open()).insertInto("outbox").values(pendingRow({ ...entry, topic: REMINDER_TOPIC, code: entry.bookingCode }))
      .onConflict((oc) => oc.column("id").doNothing()).executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async claimDue(input: { now: string; limit: number; leaseSeconds: number; worker: string }): Promise<OutboxEntry[]> {
    const claimed = await this.claim([REMINDER_TOPIC], input);
    return claimed.map((row) => ({ id: row.id, bookingCode: codeOf(row.payload), dueAt: row.due_at, createdAt: row.created_at, attempts: row.attempts, leaseUntil: row.leaseUntil }));
  }

  /** Leases due events of committed changes, as claimDue does reminders; only those of one booking code with `subject`. */
  async claimEvents(input: { now: string; limit: number; leaseSeconds: number; worker: string; subject?: string }): Promise<OutboxEvent[]> {
    const claimed = await this.claim(EVENT_TOPICS, input);
    return claimed.flatMap((row) => {
      const topic = EVENT_TOPICS.find((t) => t === row.topic);
      return topic ? [{ id: row.id, topic, payload: { code: codeOf(row.payload) }, attempts: row.attempts, createdAt: row.created_at }] : [];
    });
  }

  async markSent(id: string, now: string): Promise<void> {
    // Sent wins over every other state (the message is out).
    await (await this.sql.open()).updateTable("outbox").set({ status: "sent", closed_ms: toEpochMs(now), leased_by: null, lease_until: null }).where("id", "=", id).execute();
  }

  async markSkipped(id: string, reason: string, now: string): Promise<void> {
    await (await this.sql.open()).updateTable("outbox").set({ status: "skipped", skip_reason: reason.slice(0, 100), closed_ms: toEpochMs(now), leased_by: null, lease_until: null })
      .where("id", "=", id).where("status", "=", "pending").execute();
  }

  async markFailed(id: string, error: string, nextAttemptAt: string): Promise<void> {
    await (await this.sql.open()).updateTable("outbox").set({ last_error: error.slice(0, 500), available_ms: toEpochMs(nextAttemptAt), leased_by: null, lease_until: null })
      .where("id", "=", id).where("status", "=", "pending").execute();
  }

  private async claim(topics: readonly string[], input: { now: string; limit: number; leaseSeconds: number; worker: string; subject?: string }) {
    const nowMs = toEpochMs(input.now);
    const leaseEndMs = nowMs + input.leaseSeconds * 1000;
    const leaseUntil = new Date(leaseEndMs).toISOString();
    return this.sql.write(async (trx) => {
      let due = trx.selectFrom("outbox").select(["id", "payload", "due_at", "created_at", "attempts", "topic"])
        .where("topic", "in", topics).where("status", "=", "pending").where("available_ms", "<=", nowMs).orderBy("available_ms").limit(input.limit);
      if (input.subject !== undefined) due = due.where("subject", "=", input.subject);
      if (this.sql.engine === "postgres") due = due.forUpdate().skipLocked();
      const rows = await due.execute();
      if (rows.length === 0) return [];
      await trx.updateTable("outbox").set((eb) => ({ attempts: eb("attempts", "+", 1), leased_by: input.worker, lease_until: leaseUntil, available_ms: leaseEndMs }))
        .where("id", "in", rows.map((row) => row.id)).execute();
      return rows.map((row) => ({ ...row, attempts: row.attempts + 1, leaseUntil }));
    });
  }
}

function codeOf(payload: string): string {
  const parsed: unknown = JSON.parse(payload);
  return typeof parsed === "object" && parsed !== null && "code" in parsed && typeof parsed.code === "string" ? parsed.code : "";
}
