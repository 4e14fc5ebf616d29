import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { SHIPPED_YAML, editedFlow } from "../../support/flow-drafts";
import { signInAs } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

const NOW = "2026-03-02T10:00:00+09:00";
const BASE = "/api/admin/flows/default";
const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-draft-revisions-"));
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dir, REMINDERS_ENABLED: "false" }, now: NOW });
let admin = { cookie: "", csrf: "" };

const get = (url: string) => request(app).get(`${BASE}${url}`).set("Cookie", admin.cookie);
const send = (method: "put" | "post", url: string, body: object) => request(app)[method](`${BASE}${url}`).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send(body);
const YAML_A = editedFlow("start: welcome", "# admin A\nstart: welcome");
const YAML_B = editedFlow("start: welcome", "# admin B\nstart: welcome");
/** The three routes that save the draft, each with a body that saves `yaml`. */
const SAVES: Array<[string, (yaml: string, baseRevision?: string | null) => request.Test]> = [
  ["PUT …/draft", (yaml, baseRevision) => send("put", "/draft", { yaml, baseRevision })],
  ["POST …/import", (yaml, baseRevision) => send("post", "/import", { yaml, baseRevision })],
  // The editor saves the flow as JSON: the shipped one will do.
  ["PUT …/draft/document", (_yaml, baseRevision) => send("put", "/draft/document", { flow: shippedFlow, baseRevision })],
];
let shippedFlow: Record<string, unknown> = {};

/** The draft as GET …/flows/default shows it (null: none). */
async function currentDraft(): Promise<{ yaml: string; revision?: string } | null> {
  return (await get("").expect(200)).body.draft;
}

beforeAll(async () => {
  admin = await signInAs(app, runtime.deps.staffAuth, "admin", NOW);
  // The first chat seeds the shipped flow as version 1.
  await request(app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201);
  shippedFlow = (await get("/editor").expect(200)).body.flow;
});

afterAll(async () => {
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("draft revisions through the admin API", () => {
  it("when there is no draft, then the editor's revision is null; after a save, both reads show the draft's new revision", async () => {
    expect(await currentDraft()).toBeNull();
    const editor = await get("/editor").expect(200);
    expect(editor.body).toMatchObject({ source: "published", revision: null });
    const saved = await send("put", "/draft", { yaml: YAML_A, baseRevision: null }).expect(200);
    expect(saved.body.draft.revision).toEqual(expect.any(String));
    expect((await currentDraft())?.revision).toBe(saved.body.draft.revision);
    expect((await get("/editor").expect(200)).body).toMatchObject({ source: "draft", revision: saved.body.draft.revision });
  });

  it.each(SAVES)("when %s names a revision another admin has since saved over, then 409 CONFLICT with the current revision and the other admin's draft stays", async (_route, save) => {
    const read = (await send("put", "/draft", { yaml: YAML_A }).expect(200)).body.draft.revision as string;
    const other = (await send("put", "/draft", { yaml: YAML_B, baseRevision: read }).expect(200)).body.draft;
    const refused = await save(YAML_A, read).expect(409);
    expect(refused.body.error).toMatchObject({ code: "CONFLICT", details: { revision: other.revision } });
    expect(await currentDraft()).toMatchObject({ yaml: YAML_B, revision: other.revision });
    // "There was no draft" is just as stale once one exists.
    await save(YAML_A, null).expect(409);
    // The current revision saves, and gives a new one.
    const saved = await save(YAML_A, other.revision).expect(200);
    expect(saved.body.draft.revision).not.toBe(other.revision);
    expect((await currentDraft())?.revision).toBe(saved.body.draft.revision);
  });

  it.each(SAVES)("when %s sends no baseRevision, then it saves over whatever draft there is, as before", async (_route, save) => {
    await send("put", "/draft", { yaml: YAML_B }).expect(200);
    const saved = await save(YAML_A).expect(200);
    expect((await currentDraft())?.revision).toBe(saved.body.draft.revision);
  });

  it("when baseRevision is not a string or null, then 422 and nothing is saved", async () => {
    const before = await currentDraft();
    const res = await send("put", "/draft", { yaml: SHIPPED_YAML, baseRevision: 7 }).expect(422);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    await send("post", "/import", { yaml: SHIPPED_YAML, baseRevision: "" }).expect(422);
    expect(await currentDraft()).toEqual(before);
  });

  it("when the draft is published, then it is dropped and the next save starts from no draft", async () => {
    const saved = (await send("put", "/draft", { yaml: SHIPPED_YAML }).expect(200)).body.draft;
    await send("post", "/publish", { note: "go" }).expect(200);
    expect(await currentDraft()).toBeNull();
    await send("put", "/draft", { yaml: YAML_A, baseRevision: saved.revision }).expect(409);
    await send("put", "/draft", { yaml: YAML_A, baseRevision: null }).expect(200);
  });

  it("when an admin publishes naming a draft revision another admin has since saved over, then 409 and nothing is published; the current revision publishes", async () => {
    const seen = (await send("put", "/draft", { yaml: YAML_A }).expect(200)).body.draft;
    const other = (await send("put", "/draft", { yaml: YAML_B, baseRevision: seen.revision }).expect(200)).body.draft;
    const versions = (await get("").expect(200)).body.history.length;
    const refused = await send("post", "/publish", { note: "A's", baseRevision: seen.revision }).expect(409);
    expect(refused.body.error).toMatchObject({ code: "CONFLICT", details: { revision: other.revision } });
    expect((await get("").expect(200)).body.history).toHaveLength(versions);
    expect((await currentDraft())?.yaml).toBe(YAML_B);
    await send("post", "/publish", { note: "bad", baseRevision: 42 }).expect(422);
    const published = await send("post", "/publish", { note: "B's, seen", baseRevision: other.revision }).expect(200);
    expect(published.body.version.yaml).toBe(YAML_B);
    expect(await currentDraft()).toBeNull();
  });

  it("when an admin publishes or rolls back from a published version another admin has since replaced, then 409 and nothing is published", async () => {
    const seen = (await get("").expect(200)).body.published.version as number;
    await send("put", "/draft", { yaml: YAML_A }).expect(200);
    await send("post", "/publish", { note: "other admin", basePublished: seen }).expect(200);
    const versions = (await get("").expect(200)).body.history.length;
    await send("put", "/draft", { yaml: YAML_B }).expect(200);
    const publish = await send("post", "/publish", { note: "stale", basePublished: seen }).expect(409);
    expect(publish.body.error).toMatchObject({ code: "CONFLICT", details: { published: seen + 1 } });
    await send("post", "/rollback", { version: 1, basePublished: seen }).expect(409);
    expect((await get("").expect(200)).body.history).toHaveLength(versions);
    await send("post", "/rollback", { version: 1, basePublished: seen + 1 }).expect(200);
    await send("post", "/publish", { basePublished: "2" }).expect(422);
  });
});
