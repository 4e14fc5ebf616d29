import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** Opens (and migrates) the embedded store: one SQLite file in WAL mode. */
export function openSqlite(file: string): Database.Database {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 2000");
  db.exec(`
    CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY,
      data TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);
    CREATE TABLE IF NOT EXISTS bookings (
      code TEXT PRIMARY KEY,
      slot_id TEXT NOT NULL,
      phone TEXT NOT NULL,
      status TEXT NOT NULL,
      start_ms INTEGER NOT NULL,
      data TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS bookings_slot ON bookings (slot_id, status);
    CREATE INDEX IF NOT EXISTS bookings_phone ON bookings (phone, status, start_ms);
    CREATE INDEX IF NOT EXISTS bookings_start ON bookings (start_ms);
    CREATE TABLE IF NOT EXISTS holds (
      slot_id TEXT NOT NULL,
      holder_id TEXT NOT NULL,
      start_ms INTEGER NOT NULL,
      expires_ms INTEGER NOT NULL,
      PRIMARY KEY (slot_id, holder_id)
    );
    CREATE INDEX IF NOT EXISTS holds_start ON holds (start_ms);
    CREATE TABLE IF NOT EXISTS idempotency (
      key TEXT PRIMARY KEY,
      code TEXT NOT NULL,
      expires_ms INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS reminder_outbox (
      id TEXT PRIMARY KEY,
      booking_code TEXT NOT NULL,
      due_at TEXT NOT NULL,
      created_at TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      available_ms INTEGER NOT NULL,
      leased_by TEXT,
      lease_until TEXT,
      last_error TEXT,
      skip_reason TEXT,
      closed_at TEXT
    );
    CREATE INDEX IF NOT EXISTS reminder_outbox_claimable ON reminder_outbox (status, available_ms);
    CREATE TABLE IF NOT EXISTS intakes (
      id TEXT PRIMARY KEY,
      session_ref TEXT NOT NULL UNIQUE,
      booking_code TEXT,
      delete_after_ms INTEGER NOT NULL,
      data TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS intakes_booking ON intakes (booking_code);
    CREATE INDEX IF NOT EXISTS intakes_delete_after ON intakes (delete_after_ms);
    CREATE TABLE IF NOT EXISTS question_corrections (
      node_id TEXT NOT NULL,
      question_key TEXT NOT NULL,
      count INTEGER NOT NULL,
      PRIMARY KEY (node_id, question_key)
    );
    CREATE TABLE IF NOT EXISTS staff_users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      data TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS staff_sessions (
      id_hash TEXT PRIMARY KEY,
      data TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS audit_log (
      id TEXT PRIMARY KEY,
      at_ms INTEGER NOT NULL,
      record_id TEXT NOT NULL,
      data TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at_ms);
    CREATE INDEX IF NOT EXISTS audit_log_record ON audit_log (record_id, at_ms);
    CREATE TABLE IF NOT EXISTS flow_versions (
      flow_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      status TEXT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (flow_id, version)
    );
    CREATE TABLE IF NOT EXISTS flow_analytics (
      flow_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      event TEXT NOT NULL,
      count INTEGER NOT NULL,
      PRIMARY KEY (flow_id, version, event)
    );
  `);
  return db;
}
