import { Redis } from "ioredis";
import type { SessionKey, SessionStore } from "../../../bot/ports";
import type { StoredSession } from "../../../bot/conversation/stored-session";
import { RedisSessionStore } from "../../../server/storage/redis/redis-session-store";
import { PersonalDataCipher } from "../../../server/security/personal-data-cipher";
import { sealedSessionCodec } from "../../../server/storage/session-record-codec";
import { SqlSessionStore } from "../../../server/storage/sql/sql-session-store";
import { SHARED_REDIS_URL, uniquePrefix } from "../../support/redis-server";
import { sqlBackends } from "../../support/sql-backends";
import { TEST_DATA_KEY } from "../../support/test-app";

const codec = sealedSessionCodec(new PersonalDataCipher(Buffer.from(TEST_DATA_KEY, "base64")));
/** The same codec under another key: what a record sealed before a key change looks like. */
const otherKey = sealedSessionCodec(new PersonalDataCipher(Buffer.alloc(32, 9)));

type Harness = {
  store: SessionStore;
  corrupt: string[];
  /** Writes raw text where the store keeps `key`, to simulate a damaged record. */
  writeRaw: (key: SessionKey, text: string) => Promise<void>;
  /** Every record as stored: its name and its value. */
  readRaw: () => Promise<Array<{ id: string; value: string }>>;
  /** Moves time (SQL) or makes Redis end the key's TTL now (an expiry in the past). */
  passTtl: (key: SessionKey) => Promise<void>;
  close: () => Promise<void>;
};

function session(nodeId = "consent", answered = 1): StoredSession {
  const now = "2026-03-02T01:00:00.000Z";
  return {
    state: {
      schemaVersion: 2, flowId: "default", flowVersion: 1, lang: "ko", nodeId, facts: { totalDebtKrw: 5_000_000 }, vars: { consent: true },
      history: [], answered, done: false, startedAt: now, updatedAt: now,
    },
    view: { optionPage: 0 },
  };
}

const implementations: Array<[string, () => Promise<Harness>]> = [
  ...sqlBackends("sessions").map(([name, backend]): [string, () => Promise<Harness>] => [name, async () => {
    const store = backend();
    const sql = store.open();
    let clock = Date.parse("2026-03-02T10:00:00+09:00");
    const corrupt: string[] = [];
    return {
      store: new SqlSessionStore(sql, () => new Date(clock), codec, (w) => corrupt.push(w.key)),
      corrupt,
      writeRaw: async (key, text) => {
        const row = { id: codec.idOf(key), data: text, expires_ms: clock + 60_000 };
        await (await sql.open()).insertInto("sessions").values(row).onConflict((oc) => oc.column("id").doUpdateSet(row)).execute();
      },
      readRaw: async () => (await (await sql.open()).selectFrom("sessions").select(["id", "data"]).execute()).map((row) => ({ id: row.id, value: row.data })),
      passTtl: async () => { clock += 1100; },
      close: () => store.close(),
    };
  }]),
  ["redis", async () => {
    const redis = new Redis(SHARED_REDIS_URL);
    const prefix = uniquePrefix("sessions");
    const corrupt: string[] = [];
    return {
      store: new RedisSessionStore(redis, prefix, codec, (w) => corrupt.push(w.key)),
      corrupt,
      writeRaw: async (key, text) => { await redis.set(`${prefix}session:${codec.idOf(key)}`, text); },
      readRaw: async () => Promise.all((await redis.keys(`${prefix}*`)).map(async (id) => ({ id, value: (await redis.get(id)) ?? "" }))),
      // Redis keeps time itself: end the TTL now instead of waiting for it.
      passTtl: async (key) => { await redis.pexpireat(`${prefix}session:${codec.idOf(key)}`, 1); },
      close: async () => {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length) await redis.del(...keys);
        await redis.quit();
      },
    };
  }],
];

describe.each(implementations)("SessionStore contract (%s)", (_name, make) => {
  let h: Harness;
  beforeEach(async () => { h = await make(); });
  afterEach(async () => { await h.close(); });

  const web: SessionKey = { channel: "web", id: "AAAAAAAAAAAAAAAAAAAAAA" };
  const kakao: SessionKey = { channel: "kakao", id: "AAAAAAAAAAAAAAAAAAAAAA" };

  it("when a session is saved, then it reads back equal", async () => {
    await h.store.saveSession(web, session(), 60);
    expect(await h.store.findSession(web)).toEqual(session());
  });

  it("when nothing was saved, then it reads as absent", async () => {
    expect(await h.store.findSession(web)).toBeUndefined();
  });

  it("when the same id is used on two channels, then they are separate", async () => {
    await h.store.saveSession(web, session("a"), 60);
    await h.store.saveSession(kakao, session("b"), 60);
    expect((await h.store.findSession(web))?.state.nodeId).toBe("a");
    expect((await h.store.findSession(kakao))?.state.nodeId).toBe("b");
  });

  it("when saved again, then the newest version wins", async () => {
    await h.store.saveSession(web, session("a", 1), 60);
    await h.store.saveSession(web, session("b", 2), 60);
    expect((await h.store.findSession(web))?.state.answered).toBe(2);
  });

  it("when erased, then it is gone and a second erase says nothing was there", async () => {
    await h.store.saveSession(web, session(), 60);
    expect(await h.store.eraseSession(web)).toBe(true);
    expect(await h.store.findSession(web)).toBeUndefined();
    expect(await h.store.eraseSession(web)).toBe(false);
  });

  it("when the idle time passes, then the session expires", async () => {
    await h.store.saveSession(web, session(), 1);
    await h.passTtl(web);
    expect(await h.store.findSession(web)).toBeUndefined();
  });

  it("when a session is saved, then it is stored sealed under a keyed hash of its id: neither the id nor a fact is in the clear", async () => {
    await h.store.saveSession(web, session(), 60);
    const records = await h.readRaw();
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record?.id).toMatch(/web:[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(records)).not.toContain(web.id);
    expect(record?.value).toMatch(/^v1:/);
    expect(record?.value).not.toContain("totalDebtKrw");
    expect(record?.value).not.toContain("5000000");
  });

  it.each([
    ["not JSON", codec.encode("{{{")],
    ["JSON of the wrong shape", codec.encode(JSON.stringify({ state: { nodeId: 5 } }))],
    ["a future schema version", codec.encode(JSON.stringify({ ...session(), state: { ...session().state, schemaVersion: 99 } }))],
    ["plain JSON (written before sealing)", JSON.stringify(session())],
    ["sealed under another key", otherKey.encode(JSON.stringify(session()))],
  ])("when the record is %s, then it is reported and read as absent", async (_label, text) => {
    await h.writeRaw(web, text);
    expect(await h.store.findSession(web)).toBeUndefined();
    expect(h.corrupt).toEqual([codec.idOf(web)]);
  });
});
