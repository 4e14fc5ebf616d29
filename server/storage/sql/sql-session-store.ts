import type { Clock, SessionKey, SessionStore } from "../../../bot/ports";
import type { StoredSession } from "../../../bot/conversation/stored-session";
import type { CorruptRecordReporter } from "../parse-stored-record";
import type { SessionRecordCodec } from "../session-record-codec";
import { openSessionRecord } from "../session-record-codec";
import type { SqlDatabase } from "./open-database";

/**
 * Chat sessions in SQL, for one instance without Redis; expired rows read as absent and the
 * retention job sweeps them. `codec` names and seals the rows (see session-record-codec.ts).
 */
export class SqlSessionStore implements SessionStore {
  constructor(
    private readonly sql: SqlDatabase,
    private readonly now: Clock,
    private readonly codec: SessionRecordCodec,
    private readonly reportCorrupt: CorruptRecordReporter,
  ) {}

  async findSession(key: SessionKey): Promise<StoredSession | undefined> {
    const id = this.codec.idOf(key);
    const row = await (await this.sql.open()).selectFrom("sessions").select(["data", "expires_ms"]).where("id", "=", id).executeTakeFirst();
    if (!row) return undefined;
    if (row.expires_ms <= this.now().getTime()) {
      await (await this.sql.open()).deleteFrom("sessions").where("id", "=", id).execute();
      return undefined;
    }
    return openSessionRecord(this.codec, row.data, { store: "sql", key: id }, this.reportCorrupt);
  }

  async saveSession(key: SessionKey, session: StoredSession, ttlSeconds: number): Promise<void> {
    const row = { id: this.codec.idOf(key), data: this.codec.encode(JSON.stringify(session)), expires_ms: this.now().getTime() + ttlSeconds * 1000 };
    await (await this.sql.open()).insertInto("sessions").values(row).onConflict((oc) => oc.column("id").doUpdateSet({ data: row.data, expires_ms: row.expires_ms })).execute();
  }

  async eraseSession(key: SessionKey): Promise<boolean> {
    const result = await (await this.sql.open()).deleteFrom("sessions").where("id", "=", this.codec.idOf(key)).executeTakeFirst();
    const erased = Number(result.numDeletedRows) > 0;
    if (erased) await this.sql.afterErasure();
    return erased;
  }
}
