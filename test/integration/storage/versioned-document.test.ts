import type { FlowVersionStore } from "../../../bot/flow-versions/flow-version-ports";
import type { DocumentParseResult } from "../../../server/admin-documents/versioned-document";
import { VersionedDocument } from "../../../server/admin-documents/versioned-document";
import { createLogger } from "../../../server/logging/create-logger";
import { SqlDocumentStore } from "../../../server/storage/sql/sql-document-store";
import { sqlBackends } from "../../support/sql-backends";

/** A document whose YAML is "limit: <n>"; anything else does not parse. */
const parse = ({ yaml }: { yaml: string }): DocumentParseResult<number> => {
  const match = /^limit: (\d+)$/.exec(yaml.trim());
  return match ? { ok: true, value: Number(match[1]) } : { ok: false, problems: [{ path: "limit", message: "not a limit" }] };
};
const logger = createLogger("silent");
const input = (yaml: string) => ({ yaml, createdBy: "admin", createdAt: "2026-03-02T01:00:00.000Z", note: "" });

/** `store()` is one more instance's view of the same records (its own connection on PostgreSQL). */
type Harness = { store: () => FlowVersionStore; close: () => Promise<void> };

const implementations = sqlBackends("document").map(([name, backend]): [string, () => Harness] => [name, () => {
  const records = backend();
  return { store: () => new SqlDocumentStore(records.open(), () => {}), close: () => records.close() };
}]);

describe.each(implementations)("versioned documents on %s", (_name, open) => {
  let harness: Harness;
  beforeEach(() => {
    harness = open();
  });
  afterEach(async () => {
    await harness.close();
  });
  const documentOn = (store: FlowVersionStore, id = "limits") => new VersionedDocument({ store, id, shipped: 5, parse, logger });

  it("when nothing was published, then the shipped value is in force and the version is undefined", async () => {
    const doc = documentOn(harness.store());
    await doc.refresh();
    expect(doc.current()).toBe(5);
    expect(doc.version()).toBeUndefined();
  });

  it("when one instance publishes, then it uses the value at once and another instance after a refresh", async () => {
    const a = documentOn(harness.store());
    const b = documentOn(harness.store());
    const published = await a.publish(input("limit: 7"));
    expect(published).toMatchObject({ flowId: "limits", version: 1, status: "published" });
    expect(a.current()).toBe(7);
    expect(b.current()).toBe(5);
    await b.refresh();
    expect([b.current(), b.version()]).toEqual([7, 1]);
  });

  it("when documents have different ids, then a publish of one leaves the other alone", async () => {
    const store = harness.store();
    await documentOn(store, "limits").publish(input("limit: 9"));
    const other = documentOn(store, "other");
    await other.refresh();
    expect(other.current()).toBe(5);
  });

  it("when the stored newest version does not parse, then the value in force is kept", async () => {
    const store = harness.store();
    const a = documentOn(store);
    await a.publish(input("limit: 8"));
    await store.publishVersion({ ...input("not a limit"), flowId: "limits", texts: {} }, true);
    await a.refresh();
    expect([a.current(), a.version()]).toEqual([8, 1]);
  });
});

describe.each(implementations)("publishing flow versions on %s", (_name, open) => {
  let harness: Harness;
  beforeEach(() => {
    harness = open();
  });
  afterEach(async () => {
    await harness.close();
  });
  const content = (note: string) => ({ flowId: "race", yaml: "limit: 1", texts: { ko: { a: "가/나" } }, createdBy: "admin", createdAt: "2026-03-02T01:00:00.000Z", note });

  it("when eight instances publish at once, then each gets its own number, exactly one is published and the pointer is on the newest", async () => {
    const stores = Array.from({ length: 8 }, () => harness.store());
    for (let round = 0; round < 5; round++) {
      const published = await Promise.all(stores.map((store, i) => store.publishVersion(content(`r${round}i${i}`), true)));
      expect(new Set(published.map((v) => v.version)).size).toBe(8);
    }
    const versions = await stores[0]!.listVersions("race");
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(versions.filter((v) => v.status === "published").map((v) => v.version)).toEqual([40]);
    expect(await stores[0]!.findPublishedNumber("race")).toBe(40);
    expect(versions[0]).toMatchObject({ texts: { ko: { a: "가/나" } }, yaml: "limit: 1", createdBy: "admin" });
  });

  it("when a publish expects the number in force, then it publishes; when another publish came first, then it is a CONFLICT and nothing changes", async () => {
    const store = harness.store();
    await expect(store.publishVersion(content("first"), true, 3)).rejects.toMatchObject({ code: "CONFLICT", details: { published: null } });
    expect((await store.publishVersion(content("first"), true, null)).version).toBe(1);
    await expect(store.publishVersion(content("stale"), true, null)).rejects.toMatchObject({ code: "CONFLICT", details: { published: 1 } });
    expect((await store.publishVersion(content("second"), true, 1)).version).toBe(2);
    const racing = await Promise.allSettled([2, 2, 2, 2].map(() => harness.store().publishVersion(content("race"), true, 2)));
    expect(racing.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(racing.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["CONFLICT", "CONFLICT", "CONFLICT"]);
    expect((await store.listVersions("race")).map((v) => [v.version, v.status])).toEqual([[1, "archived"], [2, "archived"], [3, "published"]]);
  });
});

describe.each(implementations)("flow drafts with revisions on %s", (_name, open) => {
  let harness: Harness;
  beforeEach(() => {
    harness = open();
  });
  afterEach(async () => {
    await harness.close();
  });
  const draft = (yaml: string) => ({ flowId: "drafts", yaml, texts: { ko: { a: "가" } }, createdBy: "admin", createdAt: "2026-03-02T01:00:00.000Z", note: yaml });
  const conflictWith = (revision: string | null) => ({ code: "CONFLICT", details: { revision } });

  it("when a save names a stale revision or claims there is no draft, then it is a CONFLICT naming the current revision and the draft is unchanged", async () => {
    const store = harness.store();
    await expect(store.saveDraft(draft("limit: 1"), "no-such-revision")).rejects.toMatchObject(conflictWith(null));
    expect(await store.findDraft("drafts")).toBeUndefined();
    const first = await store.saveDraft(draft("limit: 1"), null);
    expect(first.revision).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await expect(store.saveDraft(draft("limit: 2"), null)).rejects.toMatchObject(conflictWith(first.revision!));
    await expect(store.saveDraft(draft("limit: 2"), "stale")).rejects.toMatchObject(conflictWith(first.revision!));
    expect(await store.findDraft("drafts")).toEqual(first);
    const second = await store.saveDraft(draft("limit: 2"), first.revision);
    expect(second.revision).not.toBe(first.revision);
    await expect(store.saveDraft(draft("limit: 3"), first.revision)).rejects.toMatchObject(conflictWith(second.revision!));
    expect(await store.findDraft("drafts")).toEqual(second);
    // Without an expected revision the save replaces whatever is there, as before.
    const third = await store.saveDraft(draft("limit: 4"));
    expect(await store.findDraft("drafts")).toEqual(third);
    expect(third.revision).not.toBe(second.revision);
  });

  it("when six instances save over the same revision at once, then exactly one wins and the draft is the winner's", async () => {
    const base = await harness.store().saveDraft(draft("limit: 0"));
    const stores = Array.from({ length: 6 }, () => harness.store());
    const results = await Promise.allSettled(stores.map((store, i) => store.saveDraft(draft(`limit: ${i + 1}`), base.revision)));
    const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(won).toHaveLength(1);
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(lost).toEqual(Array.from({ length: 5 }, () => expect.objectContaining(conflictWith(won[0]!.revision!))));
    expect(await stores[0]!.findDraft("drafts")).toEqual(won[0]);
  });

  it("when a draft is saved after the publisher read it, then publishing keeps the newer draft; publishing the current revision drops it", async () => {
    const store = harness.store();
    const read = await store.saveDraft(draft("limit: 1"));
    const newer = await harness.store().saveDraft(draft("limit: 2"), read.revision);
    const published = await store.publishVersion(draft("limit: 1"), true, null, read.revision);
    expect(published).toMatchObject({ version: 1, status: "published", yaml: "limit: 1" });
    expect(published.revision).toBeUndefined();
    expect(await store.findDraft("drafts")).toEqual(newer);
    await store.publishVersion(draft("limit: 2"), true, 1, newer.revision);
    expect(await store.findDraft("drafts")).toBeUndefined();
    // Callers that name no revision keep the old meaning: the draft is dropped whatever it is.
    await store.saveDraft(draft("limit: 3"));
    await store.publishVersion(draft("limit: 9"), true);
    expect(await store.findDraft("drafts")).toBeUndefined();
  });
});

describe("versioned documents when the store fails", () => {
  it("when the store throws, then refresh keeps the value in force and does not throw", async () => {
    const [, backend] = sqlBackends("document-down")[0] ?? [];
    if (!backend) throw new Error("no sqlite backend");
    const records = backend();
    const sql = records.open();
    const doc = new VersionedDocument({ store: new SqlDocumentStore(sql, () => {}), id: "limits", shipped: 5, parse, logger });
    await doc.publish(input("limit: 6"));
    await sql.close();
    await expect(doc.refresh()).resolves.toBeUndefined();
    expect(doc.current()).toBe(6);
    await records.close();
  });

  it("when a version was published, then onPublished and onApplied hear of it; an older version never replaces a newer one", async () => {
    const [, backend] = sqlBackends("document-events")[0] ?? [];
    if (!backend) throw new Error("no sqlite backend");
    const records = backend();
    const store = new SqlDocumentStore(records.open(), () => {});
    const doc = new VersionedDocument({ store, id: "limits", shipped: 5, parse, logger });
    const heard: string[] = [];
    doc.onPublished((id) => heard.push(`published ${id}`));
    doc.onApplied((id, version) => heard.push(`applied ${id} v${version}`));
    const first = await doc.publish(input("limit: 6"));
    await doc.publish(input("limit: 7"));
    expect(doc.activate(first)).toBe(true);
    expect([doc.current(), doc.version(), await doc.forVersion(1), doc.peek(1)]).toEqual([7, 2, 6, 6]);
    expect(heard).toEqual(["applied limits v1", "published limits", "applied limits v2", "published limits"]);
    await records.close();
  });
});
