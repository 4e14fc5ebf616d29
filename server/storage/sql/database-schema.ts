import type { Generated, Kysely } from "kysely";

/**
 * The tables of the record store, as Kysely sees them (see migrations.ts for their keys and
 * indexes). Instants a range query reads are epoch milliseconds (`*_ms`, BIGINT); instants only
 * shown or handed back keep their ISO text, so a record reads back exactly as written.
 */
export type DatabaseSchema = {
  sessions: { id: string; data: string; expires_ms: number };
  bookings: {
    code: string; id: string; slot_id: string; specialty: string; start_at: string; end_at: string; start_ms: number; end_ms: number;
    status: string; name: string; phone: string; sealed_phone: string | null; session_ref: string | null; created_at: string; updated_at: string;
    phone_confirmed: number | null; confirm_by_ms: number | null; confirm_pin: string | null; confirm_attempts: Generated<number>; source_index: string | null; source_hash: string | null;
  };
  holds: { slot_id: string; holder_id: string; start_ms: number; expires_ms: number };
  idempotency_keys: { key: string; booking_code: string; expires_ms: number };
  intakes: { id: string; session_ref: string; booking_code: string | null; delete_after_ms: number; data: string };
  question_corrections: { node_id: string; question_key: string; count: number };
  staff_users: { id: string; username: string; role: string; password_hash: string; created_at: string; disabled: number };
  staff_sessions: { id_hash: string; user_id: string; role: string; csrf_token: string; created_at: string; last_seen_at: string; expires_ms: number };
  audit_log: {
    id: string; at: string; at_ms: number; actor_id: string; actor_name: string; actor_role: string;
    action: string; record_type: string; record_id: string; detail: string | null;
  };
  document_versions: { document_id: string; version: number; status: string; yaml: string; texts: string; created_by: string; created_at: string; note: string };
  document_drafts: { document_id: string; revision: string; yaml: string; texts: string; created_by: string; created_at: string; note: string };
  analytics_counters: { flow_id: string; version: number; event: string; count: number };
  outbox: {
    id: string; topic: string; subject: string; payload: string; status: string; attempts: number; available_ms: number; due_at: string; created_at: string;
    leased_by: string | null; lease_until: string | null; last_error: string | null; skip_reason: string | null; closed_ms: number | null;
  };
};

export type Db = Kysely<DatabaseSchema>;
