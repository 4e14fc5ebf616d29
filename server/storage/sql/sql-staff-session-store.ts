import type { Clock } from "../../../bot/ports";
import { createHash } from "node:crypto";
import type { StaffSession, StaffSessionStore } from "../../../bot/staff/staff-ports";
import { staffSessionSchema } from "../../../bot/staff/staff-ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { parseStoredValue } from "../parse-stored-record";
import type { SqlDatabase } from "./open-database";

/** Console sessions in SQL, keyed by the SHA-256 of their id (only the cookie holds the id); expired rows read as absent. */
export class SqlStaffSessionStore implements StaffSessionStore {
  constructor(private readonly sql: SqlDatabase, private readonly now: Clock, private readonly reportCorrupt: CorruptRecordReporter) {}

  async createStaffSession(session: StaffSession, ttlSeconds: number): Promise<void> {
    const row = {
      id_hash: hashSessionId(session.id), user_id: session.userId, role: session.role, csrf_token: session.csrfToken,
      created_at: session.createdAt, last_seen_at: session.lastSeenAt, expires_ms: this.now().getTime() + ttlSeconds * 1000,
    };
    const { id_hash: _id, ...changes } = row;
    await (await this.sql.open()).insertInto("staff_sessions").values(row).onConflict((oc) => oc.column("id_hash").doUpdateSet(changes)).execute();
  }

  async findStaffSession(id: string): Promise<StaffSession | undefined> {
    const idHash = hashSessionId(id);
    const row = await (await this.sql.open()).selectFrom("staff_sessions").selectAll().where("id_hash", "=", idHash).executeTakeFirst();
    if (!row) return undefined;
    if (row.expires_ms <= this.now().getTime()) {
      await this.deleteStaffSession(id);
      return undefined;
    }
    return parseStoredValue(staffSessionSchema, { id, userId: row.user_id, role: row.role, csrfToken: row.csrf_token, createdAt: row.created_at, lastSeenAt: row.last_seen_at },
      { store: "sql", key: `staff_sessions:${idHash}` }, this.reportCorrupt);
  }

  async touchStaffSession(id: string, lastSeenAt: string, ttlSeconds: number): Promise<void> {
    const nowMs = this.now().getTime();
    await (await this.sql.open()).updateTable("staff_sessions").set({ last_seen_at: lastSeenAt, expires_ms: nowMs + ttlSeconds * 1000 })
      .where("id_hash", "=", hashSessionId(id)).where("expires_ms", ">", nowMs).execute();
  }

  async deleteStaffSession(id: string): Promise<void> {
    await (await this.sql.open()).deleteFrom("staff_sessions").where("id_hash", "=", hashSessionId(id)).execute();
  }
}

/** The key a session is stored under: the SHA-256 of its id, so stored keys cannot sign in. */
function hashSessionId(id: string): string {
  return createHash("sha256").update(id).digest("hex");
}
