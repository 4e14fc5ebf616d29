import type Database from "better-sqlite3";
import type { Clock, SessionKey, SessionStore, StoredSession } from "../../../bot/ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { parseStoredRecord } from "../parse-stored-record";
import { storedSessionSchema } from "../stored-session-schema";
import { storageKeys } from "../storage-keys";

type Row = { data: string; expires_at: number };

/** Sessions in the embedded SQLite file; expired rows read as absent and are swept on save. */
export class SqliteSessionStore implements SessionStore {
  private readonly select: Database.Statement<[string], Row>;
  private readonly upsert: Database.Statement<[string, string, number]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly sweep: Database.Statement<[number]>;
  private saves = 0;

  constructor(
    db: Database.Database,
    private readonly now: Clock,
    private readonly reportCorrupt: CorruptRecordReporter,
  ) {
    this.select = db.prepare("SELECT data, expires_at FROM sessions WHERE id = ?");
    this.upsert = db.prepare("INSERT INTO sessions (id, data, expires_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at");
    this.remove = db.prepare("DELETE FROM sessions WHERE id = ?");
    this.sweep = db.prepare("DELETE FROM sessions WHERE expires_at <= ?");
  }

  async findSession(key: SessionKey): Promise<StoredSession | undefined> {
    const id = storageKeys.sessionId(key);
    const row = this.select.get(id);
    if (!row) return undefined;
    if (row.expires_at <= this.now().getTime()) {
      this.remove.run(id);
      return undefined;
    }
    return parseStoredRecord(storedSessionSchema, row.data, { store: "sqlite", key: id }, this.reportCorrupt);
  }

  async saveSession(key: SessionKey, session: StoredSession, ttlSeconds: number): Promise<void> {
    const now = this.now().getTime();
    this.upsert.run(storageKeys.sessionId(key), JSON.stringify(session), now + ttlSeconds * 1000);
    if (++this.saves % 500 === 0) this.sweep.run(now);
  }

  async eraseSession(key: SessionKey): Promise<boolean> {
    return this.remove.run(storageKeys.sessionId(key)).changes > 0;
  }
}
