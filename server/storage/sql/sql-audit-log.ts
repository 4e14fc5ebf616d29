import type { AuditEntry, AuditLog, AuditQuery } from "../../../bot/staff/staff-ports";
import { auditEntrySchema } from "../../../bot/staff/staff-ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { parseStoredValue, readJson } from "../parse-stored-record";
import type { DatabaseSchema } from "./database-schema";
import type { SqlDatabase } from "./open-database";

/** Entries listed when a query gives no limit, and the most one query returns. */
const AUDIT_DEFAULT_LIMIT = 1000;
const AUDIT_MAX_LIMIT = 50_000;

/** The audit trail in SQL: append-only, indexed by time and by record; entries never expire. */
export class SqlAuditLog implements AuditLog {
  constructor(private readonly sql: SqlDatabase, private readonly reportCorrupt: CorruptRecordReporter) {}

  async appendAudit(entry: AuditEntry): Promise<void> {
    await (await this.sql.open()).insertInto("audit_log").values({
      id: entry.id, at: entry.at, at_ms: Date.parse(entry.at), actor_id: entry.actor.userId, actor_name: entry.actor.username, actor_role: entry.actor.role,
      action: entry.action, record_type: entry.recordType, record_id: entry.recordId, detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    }).execute();
  }

  async listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    let select = (await this.sql.open()).selectFrom("audit_log").selectAll();
    if (query.from !== undefined) select = select.where("at_ms", ">=", Date.parse(query.from));
    if (query.to !== undefined) select = select.where("at_ms", "<", Date.parse(query.to));
    if (query.recordId !== undefined) select = select.where("record_id", "=", query.recordId);
    const rows = await select.orderBy("at_ms", "desc").orderBy("id", "desc").limit(Math.min(query.limit ?? AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT)).execute();
    return rows.flatMap((row) => this.parse(row) ?? []);
  }

  private parse(row: DatabaseSchema["audit_log"]): AuditEntry | undefined {
    return parseStoredValue(auditEntrySchema, {
      id: row.id, at: row.at, actor: { userId: row.actor_id, username: row.actor_name, role: row.actor_role },
      action: row.action, recordType: row.record_type, recordId: row.record_id, ...(row.detail === null ? {} : { detail: readJson(row.detail) }),
    }, { store: "sql", key: `audit_log:${row.id}` }, this.reportCorrupt);
  }
}
