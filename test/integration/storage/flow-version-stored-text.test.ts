import type { FlowVersionStore } from "../../../bot/flow-versions/flow-version-ports";
import { SqlDocumentStore } from "../../../server/storage/sql/sql-document-store";
import { sqlBackends } from "../../support/sql-backends";

const FLOW = "stored-text";
/** A lone UTF-16 surrogate: arrives fine in a JSON body, and JSON.stringify writes it as "\ud800". */
const LONE = "메모 \ud800 끝";
/** As stored: UTF-8 cannot hold a lone surrogate, so free text keeps U+FFFD in its place (text keys and values in `texts` are kept as sent). */
const LONE_STORED = "메모 \ufffd 끝";
const content = (note: string, texts = {}) => ({ flowId: FLOW, yaml: "limit: 1", texts, createdBy: "admin", createdAt: "2026-03-02T01:00:00.000Z", note });

/** `writeVersion` stores a numbered version with raw texts and makes it the published one, as a corruption would leave it. */
type Harness = { store: FlowVersionStore; writeVersion: (version: number, texts: string) => Promise<void>; close: () => Promise<void> };

const implementations = sqlBackends("stored-text").map(([name, backend]): [string, () => Harness] => [name, () => {
  const records = backend();
  const sql = records.open();
  return {
    store: new SqlDocumentStore(sql, () => {}),
    writeVersion: async (version, texts) => {
      await (await sql.open()).insertInto("document_versions").values({
        document_id: FLOW, version, status: "published", yaml: "limit: 1", texts, created_by: "admin", created_at: "2026-03-02T01:00:00.000Z", note: "raw",
      }).execute();
    },
    close: () => records.close(),
  };
}]);

describe.each(implementations)("stored flow version text on %s", (_name, open) => {
  let harness: Harness;
  beforeEach(() => {
    harness = open();
  });
  afterEach(async () => {
    await harness.close();
  });
  const statuses = async () => (await harness.store.listVersions(FLOW)).map((v) => [v.version, v.status, v.note]);

  it("when a note and a text hold a lone surrogate, then publishing stores the texts as sent, the note well-formed, and the next publish archives that version", async () => {
    const { store } = harness;
    const first = await store.publishVersion(content(LONE, { ko: { a: LONE, "\ud800": { b: "x" } } }), true, null);
    expect(first).toMatchObject({ version: 1, status: "published", note: LONE_STORED });
    expect(await store.findVersion(FLOW, 1)).toEqual(first);
    await store.publishVersion(content("second"), true, 1);
    expect(await statuses()).toEqual([[1, "archived", LONE_STORED], [2, "published", "second"]]);
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
    expect(await harness.store.findVersion(FLOW, 1)).toBeUndefined();
    const next = await harness.store.publishVersion(content("after corruption"), true, 1);
    expect(next).toMatchObject({ version: 2, status: "published" });
    expect(await harness.store.findPublishedNumber(FLOW)).toBe(2);
    expect(await statuses()).toEqual([[2, "published", "after corruption"]]);
    expect(await harness.store.listVersions(FLOW)).toHaveLength(1);
  });





  it("when a flow is seeded and then published, then the seeded version is archived", async () => {
    await harness.store.seedVersion(content("seed"));
    await harness.store.seedVersion(content("second seed"));
    await harness.store.publishVersion(content("first edit"), true, 1);
    expect(await statuses()).toEqual([[1, "archived", "seed"], [2, "published", "first edit"]]);
  });


});
