import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import type { FlowVersionStore } from "../../../bot/flow-versions/flow-version-ports";
import { RedisFlowVersionStore } from "../../../server/storage/redis/redis-flow-version-store";
import { openSqlite } from "../../../server/storage/sqlite/open-sqlite";
import { SqliteFlowVersionStore } from "../../../server/storage/sqlite/sqlite-flow-version-store";
import { storageKeys } from "../../../server/storage/storage-keys";
import { SHARED_REDIS_URL, uniquePrefix } from "../../support/redis-server";

const FLOW = "stored-text";
/** A lone UTF-16 surrogate: arrives fine in a JSON body, and JSON.stringify writes it as "\ud800". */
const LONE = "메모 \ud800 끝";
const content = (note: string, texts = {}) => ({ flowId: FLOW, yaml: "limit: 1", texts, createdBy: "admin", createdAt: "2026-03-02T01:00:00.000Z", note });

/** `writeVersion` stores a numbered version's text as it is and makes it the published one, as older code or a corruption would leave it. */
type Harness = { store: FlowVersionStore; writeVersion: (version: number, text: string) => Promise<void>; writeDraft: (text: string) => Promise<void>; close: () => Promise<void> };

const implementations: Array<[string, () => Harness]> = [
  ["sqlite", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-stored-text-"));
    const db = openSqlite(path.join(dir, "hanbeon.db"));
    return {
      store: new SqliteFlowVersionStore(db, () => {}),
      writeVersion: async (version, text) => {
        db.prepare("INSERT INTO flow_versions (flow_id, version, status, data) VALUES (?, ?, 'published', ?)").run(FLOW, version, text);
      },
      writeDraft: async (text) => {
        db.prepare("INSERT INTO flow_versions (flow_id, version, status, data) VALUES (?, 0, 'draft', ?)").run(FLOW, text);
      },
      close: async () => { db.close(); rmSync(dir, { recursive: true, force: true }); },
    };
  }],
  ["redis", () => {
    const prefix = uniquePrefix("stored-text");
    const redis = new Redis(SHARED_REDIS_URL);
    return {
      store: new RedisFlowVersionStore(redis, prefix, () => {}),
      writeVersion: async (version, text) => {
        await redis.multi().hset(storageKeys.flowVersions(prefix, FLOW), String(version), text)
          .set(storageKeys.flowPublished(prefix, FLOW), String(version)).set(storageKeys.flowSeq(prefix, FLOW), String(version)).exec();
      },
      writeDraft: async (text) => {
        await redis.set(storageKeys.flowDraft(prefix, FLOW), text);
      },
      close: async () => {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length) await redis.del(...keys);
        await redis.quit();
      },
    };
  }],
];

describe.each(implementations)("stored flow version text on %s", (_name, open) => {
  let harness: Harness;
  beforeEach(() => {
    harness = open();
  });
  afterEach(async () => {
    await harness.close();
  });
  const statuses = async () => (await harness.store.listVersions(FLOW)).map((v) => [v.version, v.status, v.note]);

  it("when a note and a text hold a lone surrogate, then publishing stores them as sent and the next publish archives that version", async () => {
    const { store } = harness;
    const first = await store.publishVersion(content(LONE, { ko: { a: LONE, "\ud800": { b: "x" } } }), true, null);
    expect(first).toMatchObject({ version: 1, status: "published", note: LONE });
    expect(await store.findVersion(FLOW, 1)).toEqual(first);
    await store.publishVersion(content("second"), true, 1);
    expect(await statuses()).toEqual([[1, "archived", LONE], [2, "published", "second"]]);
    expect((await store.findVersion(FLOW, 1))?.texts).toEqual({ ko: { a: LONE, "\ud800": { b: "x" } } });
  });

  it("when a draft's note holds a lone surrogate, then it is saved with a revision and a save naming that revision succeeds", async () => {
    const { store } = harness;
    const saved = await store.saveDraft(content(LONE), null);
    expect(saved.revision).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await store.findDraft(FLOW)).toEqual(saved);
    await expect(store.saveDraft(content("stale"), null)).rejects.toMatchObject({ code: "CONFLICT", details: { revision: saved.revision } });
    const next = await store.saveDraft(content(`${LONE} 2`), saved.revision);
    expect(await store.findDraft(FLOW)).toEqual(next);
    await store.publishVersion(content(LONE), true, null, next.revision);
    expect(await store.findDraft(FLOW)).toBeUndefined();
  });

  it("when a text tree nests 1,200 levels, then publishing and saving the draft store it (no depth limit in the store)", async () => {
    const deep: Record<string, unknown> = {};
    let node = deep;
    for (let i = 0; i < 1200; i++) node = (node.k = {}) as Record<string, unknown>;
    node.k = "끝";
    // The stores take the tree as JSON; the edge refuses such trees (422) before they get here.
    const texts = { ko: deep } as never;
    await expect(harness.store.publishVersion(content("deep", texts), true, null)).resolves.toMatchObject({ version: 1 });
    await expect(harness.store.saveDraft(content("deep", texts), null)).resolves.toMatchObject({ revision: expect.any(String) });
  });

  it("when the published record is corrupt, then the next publish still succeeds and takes the next number", async () => {
    await harness.writeVersion(1, "{not json");
    const next = await harness.store.publishVersion(content("after corruption"), true, 1);
    expect(next).toMatchObject({ version: 2, status: "published" });
    expect(await harness.store.findPublishedNumber(FLOW)).toBe(2);
    expect(await statuses()).toEqual([[2, "published", "after corruption"]]);
  });

  it("when the published record was written by older code (status last, as the seed wrote it), then the next publish archives it", async () => {
    await harness.writeVersion(1, JSON.stringify({ ...content("old"), version: 1, status: "published" }));
    await harness.store.publishVersion(content("new"), true, 1);
    expect(await statuses()).toEqual([[1, "archived", "old"], [2, "published", "new"]]);
  });

  it("when the published record has its status in the middle (the earlier script's key order) or a text key named status, then the next publish archives only the record's own status", async () => {
    const texts = { ko: { status: "published" } };
    await harness.writeVersion(1, JSON.stringify({ flowId: FLOW, status: "published", yaml: "limit: 1", texts, version: 1, createdBy: "admin", createdAt: "2026-03-02T01:00:00.000Z", note: "cjson" }));
    await harness.store.publishVersion(content("new", texts), true, 1);
    await harness.store.publishVersion(content("newer"), true, 2);
    expect(await statuses()).toEqual([[1, "archived", "cjson"], [2, "archived", "new"], [3, "published", "newer"]]);
    expect((await harness.store.findVersion(FLOW, 2))?.texts).toEqual(texts);
  });

  it("when a flow is seeded and then published, then the seeded version is archived", async () => {
    await harness.store.seedVersion(content("seed"));
    await harness.store.seedVersion(content("second seed"));
    await harness.store.publishVersion(content("first edit"), true, 1);
    expect(await statuses()).toEqual([[1, "archived", "seed"], [2, "published", "first edit"]]);
  });

  it("when a draft was saved by older code with its revision inside the JSON, then it reads with that revision and a save naming it succeeds", async () => {
    await harness.writeDraft(JSON.stringify({ ...content("old draft"), version: 0, status: "draft", revision: "legacy-rev_1" }));
    expect(await harness.store.findDraft(FLOW)).toMatchObject({ note: "old draft", revision: "legacy-rev_1" });
    await expect(harness.store.saveDraft(content("stale"), "other")).rejects.toMatchObject({ code: "CONFLICT", details: { revision: "legacy-rev_1" } });
    const saved = await harness.store.saveDraft(content("new draft"), "legacy-rev_1");
    expect(await harness.store.findDraft(FLOW)).toEqual(saved);
  });
});
