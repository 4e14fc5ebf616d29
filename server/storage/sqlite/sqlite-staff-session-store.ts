import type Database from "better-sqlite3";
import type { Clock } from "../../../bot/ports";
import type { StaffSession, StaffSessionStore } from "../../../bot/staff/staff-ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { hashSessionId, storedStaffSessionSchema, toStoredStaffSession } from "../stored-staff-schema";
import { parseStoredRecord } from "../parse-stored-record";

type Row = { data: string; expires_at: number };

/** Console sessions in SQLite, keyed by the SHA-256 of their id; expired rows read as absent. */
export class SqliteStaffSessionStore implements StaffSessionStore {
  private readonly select: Database.Statement<[string], Row>;
  private readonly upsert: Database.Statement<[string, string, number]>;
  private readonly update: Database.Statement<[string, number, string]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly sweep: Database.Statement<[number]>;

  constructor(
    db: Database.Database,
    private readonly now: Clock,
    private readonly reportCorrupt: CorruptRecordReporter,
  ) {
    this.select = db.prepare("SELECT data, expires_at FROM staff_sessions WHERE id_hash = ?");
    this.upsert = db.prepare("INSERT INTO staff_sessions (id_hash, data, expires_at) VALUES (?, ?, ?) ON CONFLICT(id_hash) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at");
    this.update = db.prepare("UPDATE staff_sessions SET data = ?, expires_at = ? WHERE id_hash = ?");
    this.remove = db.prepare("DELETE FROM staff_sessions WHERE id_hash = ?");
    this.sweep = db.prepare("DELETE FROM staff_sessions WHERE expires_at <= ?");
  }

  async createStaffSession(session: StaffSession, ttlSeconds: number): Promise<void> {
    const now = this.now().getTime();
    this.sweep.run(now);
    this.upsert.run(hashSessionId(session.id), JSON.stringify(toStoredStaffSession(session)), now + ttlSeconds * 1000);
  }

  async findStaffSession(id: string): Promise<StaffSession | undefined> {
    const idHash = hashSessionId(id);
    const row = this.select.get(idHash);
    if (!row) return undefined;
    if (row.expires_at <= this.now().getTime()) {
      this.remove.run(idHash);
      return undefined;
    }
    const stored = parseStoredRecord(storedStaffSessionSchema, row.data, { store: "sqlite", key: `staff_sessions:${idHash}` }, this.reportCorrupt);
    return stored && { id, ...stored };
  }

  async touchStaffSession(id: string, lastSeenAt: string, ttlSeconds: number): Promise<void> {
    const session = await this.findStaffSession(id);
    if (!session) return;
    this.update.run(JSON.stringify(toStoredStaffSession({ ...session, lastSeenAt })), this.now().getTime() + ttlSeconds * 1000, hashSessionId(id));
  }

  async deleteStaffSession(id: string): Promise<void> {
    this.remove.run(hashSessionId(id));
  }
}
