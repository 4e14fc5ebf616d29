import type Database from "better-sqlite3";
import type { AuditEntry, AuditLog, AuditQuery } from "../../../bot/staff/staff-ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT, storedAuditEntrySchema } from "../stored-staff-schema";
import { parseStoredRecord } from "../parse-stored-record";

type Row = { id: string; data: string };
type Params = { from: number; to: number; recordId: string | null; limit: number };

/** The audit trail in SQLite: one append-only table indexed by time and by record. */
export class SqliteAuditLog implements AuditLog {
  private readonly insert: Database.Statement<[string, number, string, string]>;
  private readonly select: Database.Statement<[Params], Row>;

  constructor(db: Database.Database, private readonly reportCorrupt: CorruptRecordReporter) {
    this.insert = db.prepare("INSERT INTO audit_log (id, at_ms, record_id, data) VALUES (?, ?, ?, ?)");
    this.select = db.prepare(`SELECT id, data FROM audit_log
      WHERE at_ms >= @from AND at_ms < @to AND (@recordId IS NULL OR record_id = @recordId)
      ORDER BY at_ms DESC, id DESC LIMIT @limit`);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.insert.run(entry.id, Date.parse(entry.at), entry.recordId, JSON.stringify(entry));
  }

  async listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    const rows = this.select.all({
      from: query.from === undefined ? Number.MIN_SAFE_INTEGER : Date.parse(query.from),
      to: query.to === undefined ? Number.MAX_SAFE_INTEGER : Date.parse(query.to),
      recordId: query.recordId ?? null,
      limit: Math.min(query.limit ?? AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT),
    });
    return rows.flatMap((row) => {
      const entry = parseStoredRecord(storedAuditEntrySchema, row.data, { store: "sqlite", key: `audit_log:${row.id}` }, this.reportCorrupt);
      return entry ? [entry] : [];
    });
  }
}
