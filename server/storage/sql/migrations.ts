import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * The schema's history, oldest first; never edit a migration that has shipped: add the next one.
 * Up only: a deployment moves forward (restore a backup to go back). Each runs in one
 * transaction and is recorded in `kysely_migration` (see migrate-database.ts). The DDL is the
 * part of SQL that SQLite and PostgreSQL read alike: TEXT, INTEGER, BIGINT (epoch milliseconds).
 */
export const migrations: Record<string, Migration> = {
  "0001-records": {
    async up(db: Kysely<unknown>): Promise<void> {
      await setAsideLegacyTables(db);
      for (const statement of RECORDS) await sql.raw(statement).execute(db);
    },
  },
  // Chat sessions are sealed and named by an HMAC of their id since this version: the rows before
  // it hold facts, names and phones in the clear under the raw id, and no longer open. They go now,
  // not when they would have expired (SQLite's secure_delete zeroes them; see docs/security.md).
  "0002-sealed-sessions": {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`DELETE FROM sessions`.execute(db);
    },
  },
  // The phone oracle closed (docs/booking.md): whether a phone was proven by a code sent to it, the
  // pending code (a blind index, never the digits) and its tries, and the blind index of the
  // client address that booked through the API.
  "0003-phone-confirmation": {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const statement of PHONE_CONFIRMATION) await sql.raw(statement).execute(db);
    },
  },
  // Where a booking came from, as a keyed hash (never the IP): staff see many bookings from one source.
  "0004-booking-source": {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql.raw("ALTER TABLE bookings ADD COLUMN source_hash TEXT").execute(db);
      await sql.raw("CREATE INDEX bookings_source ON bookings (source_hash, status)").execute(db);
    },
  },
};

const PHONE_CONFIRMATION = [
  "ALTER TABLE bookings ADD COLUMN phone_confirmed INTEGER",
  "ALTER TABLE bookings ADD COLUMN confirm_by_ms BIGINT",
  "ALTER TABLE bookings ADD COLUMN confirm_pin TEXT",
  "ALTER TABLE bookings ADD COLUMN confirm_attempts INTEGER NOT NULL DEFAULT 0",
  "ALTER TABLE bookings ADD COLUMN source_index TEXT",
  "CREATE INDEX bookings_confirm_by ON bookings (confirm_by_ms)",
];

const RECORDS = [
  "CREATE TABLE sessions (id TEXT PRIMARY KEY, data TEXT NOT NULL, expires_ms BIGINT NOT NULL)",
  "CREATE INDEX sessions_expires ON sessions (expires_ms)",
  `CREATE TABLE bookings (code TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, slot_id TEXT NOT NULL, specialty TEXT NOT NULL,
    start_at TEXT NOT NULL, end_at TEXT NOT NULL, start_ms BIGINT NOT NULL, end_ms BIGINT NOT NULL, status TEXT NOT NULL,
    name TEXT NOT NULL, phone TEXT NOT NULL, sealed_phone TEXT, session_ref TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)`,
  "CREATE INDEX bookings_slot ON bookings (slot_id, status)",
  "CREATE INDEX bookings_day ON bookings (specialty, start_ms)",
  "CREATE INDEX bookings_phone ON bookings (phone, status, start_ms)",
  "CREATE INDEX bookings_start ON bookings (start_ms)",
  "CREATE INDEX bookings_end ON bookings (end_ms)",
  "CREATE INDEX bookings_session ON bookings (session_ref)",
  `CREATE TABLE holds (slot_id TEXT NOT NULL, holder_id TEXT NOT NULL, start_ms BIGINT NOT NULL, expires_ms BIGINT NOT NULL,
    PRIMARY KEY (slot_id, holder_id))`,
  "CREATE INDEX holds_start ON holds (start_ms)",
  "CREATE INDEX holds_expires ON holds (expires_ms)",
  "CREATE TABLE idempotency_keys (key TEXT PRIMARY KEY, booking_code TEXT NOT NULL, expires_ms BIGINT NOT NULL)",
  "CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_ms)",
  "CREATE TABLE intakes (id TEXT PRIMARY KEY, session_ref TEXT NOT NULL UNIQUE, booking_code TEXT, delete_after_ms BIGINT NOT NULL, data TEXT NOT NULL)",
  "CREATE INDEX intakes_booking ON intakes (booking_code)",
  "CREATE INDEX intakes_delete_after ON intakes (delete_after_ms)",
  "CREATE TABLE question_corrections (node_id TEXT NOT NULL, question_key TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (node_id, question_key))",
  `CREATE TABLE staff_users (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, role TEXT NOT NULL, password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0)`,
  `CREATE TABLE staff_sessions (id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, role TEXT NOT NULL, csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL, expires_ms BIGINT NOT NULL)`,
  "CREATE INDEX staff_sessions_expires ON staff_sessions (expires_ms)",
  `CREATE TABLE audit_log (id TEXT PRIMARY KEY, at TEXT NOT NULL, at_ms BIGINT NOT NULL, actor_id TEXT NOT NULL, actor_name TEXT NOT NULL,
    actor_role TEXT NOT NULL, action TEXT NOT NULL, record_type TEXT NOT NULL, record_id TEXT NOT NULL, detail TEXT)`,
  "CREATE INDEX audit_log_at ON audit_log (at_ms)",
  "CREATE INDEX audit_log_record ON audit_log (record_id, at_ms)",
  `CREATE TABLE document_versions (document_id TEXT NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL, yaml TEXT NOT NULL, texts TEXT NOT NULL,
    created_by TEXT NOT NULL, created_at TEXT NOT NULL, note TEXT NOT NULL, PRIMARY KEY (document_id, version))`,
  // At most one published version per document, whatever races: the constraint says so, not the code.
  "CREATE UNIQUE INDEX document_versions_one_published ON document_versions (document_id) WHERE status = 'published'",
  `CREATE TABLE document_drafts (document_id TEXT PRIMARY KEY, revision TEXT NOT NULL, yaml TEXT NOT NULL, texts TEXT NOT NULL,
    created_by TEXT NOT NULL, created_at TEXT NOT NULL, note TEXT NOT NULL)`,
  `CREATE TABLE analytics_counters (flow_id TEXT NOT NULL, version INTEGER NOT NULL, event TEXT NOT NULL, count BIGINT NOT NULL,
    PRIMARY KEY (flow_id, version, event))`,
  `CREATE TABLE outbox (id TEXT PRIMARY KEY, topic TEXT NOT NULL, subject TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,
    available_ms BIGINT NOT NULL, due_at TEXT NOT NULL, created_at TEXT NOT NULL, leased_by TEXT, lease_until TEXT, last_error TEXT,
    skip_reason TEXT, closed_ms BIGINT)`,
  "CREATE INDEX outbox_claimable ON outbox (topic, status, available_ms)",
  "CREATE INDEX outbox_subject ON outbox (subject, status)",
  "CREATE INDEX outbox_closed ON outbox (closed_ms)",
];

/** The tables of the embedded store before versioned migrations (CREATE … IF NOT EXISTS, JSON in a `data` column). */
const LEGACY_TABLES = ["sessions", "bookings", "holds", "idempotency", "reminder_outbox", "intakes", "question_corrections", "staff_users", "staff_sessions", "audit_log", "flow_versions", "flow_analytics"];

/**
 * A SQLite file written before migrations existed keeps its tables under `legacy_<name>`, so
 * nothing is lost and the new schema can be made beside them (docs/operations.md: moving old
 * records). A fresh store, and PostgreSQL, have none.
 */
async function setAsideLegacyTables(db: Kysely<unknown>): Promise<void> {
  const existing = new Set((await db.introspection.getTables()).map((table) => table.name));
  for (const name of LEGACY_TABLES.filter((table) => existing.has(table))) {
    // Their indexes keep their names through the rename; the new tables' indexes may want them.
    const indexes = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ${name} AND sql IS NOT NULL`.execute(db);
    for (const index of indexes.rows) await db.schema.dropIndex(index.name).execute();
    await db.schema.alterTable(name).renameTo(`legacy_${name}`).execute();
  }
}
