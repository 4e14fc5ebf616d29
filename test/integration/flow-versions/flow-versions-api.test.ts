import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { SAFETY_OVERRIDE, SHIPPED_YAML, editedFlow } from "../../support/flow-drafts";
import { signInAs } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

const NOW = "2026-03-02T10:00:00+09:00";
const BASE = "/api/admin/flows/default";
const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-flow-versions-"));
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dir, REMINDERS_ENABLED: "false" }, now: NOW });
let admin = { cookie: "", csrf: "" };

const put = (body: object) => request(app).put(`${BASE}/draft`).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send(body);
const post = (url: string, body: object = {}) => request(app).post(`${BASE}${url}`).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send(body);
const lastText = (res: request.Response): string => String(res.body.turn.messages.at(-1)?.text ?? "");

beforeAll(async () => {
  admin = await signInAs(app, runtime.deps.staffAuth, "admin", NOW);
});

afterAll(async () => {
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("flow versions API", () => {
  it("when nothing was published, then the shipped flow is version 1 and there is no draft", async () => {
    await request(app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201);
    const res = await request(app).get(BASE).set("Cookie", admin.cookie).expect(200);
    expect(res.body.published).toMatchObject({ version: 1, status: "published", createdBy: "system" });
    expect(res.body.draft).toBeNull();
    expect(res.body.history).toHaveLength(1);
  });

  it.each([
    ["a schema error", editedFlow("    onNo: no_debt_facts", "    onNo: 42"), {}, { node: "has_debt", field: "onNo" }],
    ["a missing target", editedFlow("    onNo: no_debt_facts", "    onNo: nowhere"), {}, { node: "has_debt", field: "onNo" }],
    ["an unreachable node", `${SHIPPED_YAML.trimEnd()}\n  - { id: orphan, type: end, text: flow.done.result, offer: none }\n`, {}, { node: "orphan", field: "id" }],
    ["a text missing in en", editedFlow("text: flow.safety.question", "text: flow.safety.fresh"), { ko: { flow: { safety: { fresh: "새 질문" } } } }, { node: "safety_check", field: "text", message: expect.stringContaining("missing in en") }],
    ["a text missing in ko", editedFlow("text: flow.safety.question", "text: flow.safety.fresh"), { en: { flow: { safety: { fresh: "New question" } } } }, { node: "safety_check", field: "text", message: expect.stringContaining("missing in ko") }],
    ["a failing smoke case", editedFlow("    onYes: total_debt\n    onNo: no_debt_facts", "    onYes: no_debt_facts\n    onNo: total_debt"), {}, { field: "case", path: expect.stringContaining("cases/default.cases.yaml#") }],
  ])("when the draft has %s, then it is saved with its problems and publishing is refused with 422", async (_kind, yaml, texts, expected) => {
    const saved = await put({ yaml, texts, note: "broken" }).expect(200);
    expect(saved.body.problems).toEqual(expect.arrayContaining([expect.objectContaining(expected)]));
    const validated = await post("/draft/validate").expect(200);
    expect(validated.body.problems).toEqual(saved.body.problems);
    const refused = await post("/publish", { note: "try" }).expect(422);
    expect(refused.body.error.code).toBe("VALIDATION_FAILED");
    expect(refused.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining(expected)]));
    const state = await request(app).get(BASE).set("Cookie", admin.cookie).expect(200);
    expect(state.body.published.version).toBe(1);
    expect(state.body.draft).toMatchObject({ status: "draft", note: "broken" });
  });

  it("when an admin saves a draft larger than the public body limit, then it is read and saved; past ADMIN_BODY_LIMIT it is 413", async () => {
    const padding = Array.from({ length: 1500 }, (_, i) => `# 메모 ${i}: ${"가".repeat(40)}`).join("\n");
    const yaml = `${padding}\n${SHIPPED_YAML}`;
    expect(Buffer.byteLength(JSON.stringify({ yaml }))).toBeGreaterThan(150_000);
    const saved = await put({ yaml, note: "big" }).expect(200);
    expect(saved.body.draft.yaml).toBe(yaml);
    const tooLarge = await put({ yaml: "x".repeat(2_100_000) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("when someone signed out sends a large admin body, then it is 401 before the body is read, and a large public body is still 413", async () => {
    const yaml = "x".repeat(150_000);
    const anonymous = await request(app).put(`${BASE}/draft`).send({ yaml });
    expect(anonymous.status).toBe(401);
    const upperCase = await request(app).put(`/API/ADMIN/flows/default/draft`).send({ yaml });
    expect(upperCase.status).toBe(401);
    const publicRoute = await request(app).post("/api/chat/sessions").send({ lang: "ko", padding: yaml });
    expect(publicRoute.status).toBe(413);
  });

  it("when a body is malformed, then 422 and nothing is saved", async () => {
    const res = await put({ yaml: 7 }).expect(422);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("when a good draft is published, then new conversations use its wording while one in progress keeps its version", async () => {
    const before = await request(app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201);
    const saved = await put({ yaml: SHIPPED_YAML, texts: SAFETY_OVERRIDE, note: "clearer safety question" }).expect(200);
    expect(saved.body.problems).toEqual([]);
    const published = await post("/publish", { note: "go" }).expect(200);
    expect(published.body.version).toMatchObject({ version: 2, status: "published", note: "go", createdBy: "boss" });

    const old = await request(app).post(`/api/chat/sessions/${before.body.sessionId}/messages`).send({ optionId: "agree" }).expect(200);
    expect(lastText(old)).not.toContain("새 문구");
    const fresh = await request(app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201);
    const next = await request(app).post(`/api/chat/sessions/${fresh.body.sessionId}/messages`).send({ optionId: "agree" }).expect(200);
    expect(lastText(next)).toContain("새 문구");

    const state = await request(app).get(BASE).set("Cookie", admin.cookie).expect(200);
    expect(state.body.draft).toBeNull();
    expect(state.body.history.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[1, "archived"], [2, "published"]]);
  });

  it("when an admin rolls back to version 1, then it is republished as version 3 and history is kept", async () => {
    const res = await post("/rollback", { version: 1, note: "back" }).expect(200);
    expect(res.body.version).toMatchObject({ version: 3, status: "published", note: "back" });
    const state = await request(app).get(BASE).set("Cookie", admin.cookie).expect(200);
    expect(state.body.history.map((v: { status: string }) => v.status)).toEqual(["archived", "archived", "published"]);
    const fresh = await request(app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201);
    const next = await request(app).post(`/api/chat/sessions/${fresh.body.sessionId}/messages`).send({ optionId: "agree" }).expect(200);
    expect(lastText(next)).not.toContain("새 문구");
    await post("/rollback", { version: 99 }).expect(404);
  });

  it("when a version is exported and imported, then the YAML round-trips into the draft", async () => {
    const exported = await request(app).get(`${BASE}/versions/2/export`).set("Cookie", admin.cookie).expect(200);
    expect(exported.type).toBe("text/yaml");
    expect(exported.text).toBe(SHIPPED_YAML);
    const imported = await post("/import", { yaml: exported.text }).expect(200);
    expect(imported.body).toMatchObject({ draft: { status: "draft", note: "imported" }, problems: [] });
    await request(app).get(`${BASE}/versions/42/export`).set("Cookie", admin.cookie).expect(404);
  });

  it("when changes were made, then each is in the audit trail, and CSRF is required", async () => {
    const audit = await request(app).get("/api/admin/audit?recordId=default").set("Cookie", admin.cookie).expect(200);
    const actions = audit.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["flow.draft.save", "flow.publish", "flow.rollback", "flow.import", "flow.export"]));
    await request(app).post(`${BASE}/publish`).set("Cookie", admin.cookie).send({}).expect(403);
  });

  it("when the OpenAPI document is read, then the flow paths are in it", async () => {
    const res = await request(app).get("/api/openapi.json").expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining([`/api/admin/flows/{flowId}`, `/api/admin/flows/{flowId}/publish`]));
  });
});
