import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { editedFlow } from "../../support/flow-drafts";
import { signInAs, triageInputs } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

const NOW = "2026-03-02T10:00:00+09:00";
const BASE = "/api/admin/flows/default";
const NEW_SAFETY = "새 문구: 지금 안전하신가요?";
const NEWER_SAFETY = "두 번째 문구: 오늘 안전하신가요?";
const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-flow-editor-"));
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dir, REMINDERS_ENABLED: "false" }, now: NOW });
let admin = { cookie: "", csrf: "" };
let shipped: { flow: Record<string, unknown>; texts: { ko: Record<string, string>; en: Record<string, string> } };

const get = (url: string) => request(app).get(`${BASE}${url}`).set("Cookie", admin.cookie);
const put = (url: string, body: object) => request(app).put(`${BASE}${url}`).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send(body);
const post = (url: string, body: object = {}) => request(app).post(`${BASE}${url}`).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send(body);
const lastText = (res: request.Response): string => String(res.body.turn.messages.at(-1)?.text ?? "");
/** A resident's new web chat, answered up to the safety question: the text they read there. */
async function residentSafetyQuestion(): Promise<string> {
  const created = await request(app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201);
  return lastText(await request(app).post(`/api/chat/sessions/${created.body.sessionId}/messages`).send({ optionId: "agree" }).expect(200));
}
/** The shipped flow with one node's fields changed. */
function withNode(flow: Record<string, unknown>, id: string, change: Record<string, unknown>): Record<string, unknown> {
  const nodes = Array.isArray(flow.nodes) ? flow.nodes : [];
  return { ...flow, nodes: nodes.map((node: { id?: string }) => (node.id === id ? { ...node, ...change } : node)) };
}

beforeAll(async () => {
  admin = await signInAs(app, runtime.deps.staffAuth, "admin", NOW);
});

afterAll(async () => {
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("flow editor API", () => {
  it("when there is no draft, then the editor shows the published version with its texts, problems and graph", async () => {
    await request(app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201);
    const res = await get("/editor").expect(200);
    expect(res.body).toMatchObject({ source: "published", version: 1, note: "shipped flow", problems: [] });
    expect(res.body.flow).toMatchObject({ id: "default", start: "welcome" });
    expect(res.body.yaml).toContain("id: safety_check");
    expect(res.body.texts.ko["flow.safety.question"]).toEqual(expect.any(String));
    expect(res.body.texts.en["flow.consent.agree"]).toEqual(expect.any(String));
    expect(res.body.nodes).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: "welcome", type: "message", next: ["consent"], problems: 0 }),
      expect.objectContaining({ id: "has_debt", type: "yes_no", next: ["total_debt", "no_debt_facts"], problems: 0 }),
      expect.objectContaining({ id: "consent", type: "single_choice", next: ["welcome_about", "declined_info"], problems: 0 }),
    ]));
    // A node that passes the schema carries its links by field and its text keys, option labels included.
    expect(res.body.nodes.find((n: { id: string }) => n.id === "consent")).toMatchObject({
      targets: [["options.0.next", "welcome_about"], ["options.1.next", "declined_info"]],
      textKeys: expect.arrayContaining([["options.0.label", "flow.consent.agree"]]),
      links: [
        { field: "next", required: false }, { field: "onUnknown", required: false },
        { field: "options.0.next", required: false }, { field: "options.1.next", required: false },
      ],
    });
    // Every field that can hold a link is listed, set or not, with whether the schema requires it.
    expect(res.body.nodes.find((n: { id: string }) => n.id === "total_debt_route")?.links).toEqual(expect.arrayContaining([{ field: "otherwise", required: true }]));
    shipped = { flow: res.body.flow, texts: res.body.texts };
    await get("/editor?source=draft").expect(404);
    await get("/editor?source=nonsense").expect(422);
  });

  it("when there is no draft, then its diff is 404", async () => {
    const res = await get("/draft/diff").expect(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });

  it("when a staff member who is not an admin calls the editor, then 403", async () => {
    const staff = await signInAs(app, runtime.deps.staffAuth, "staff", NOW);
    const res = await request(app).get(`${BASE}/editor`).set("Cookie", staff.cookie).expect(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
    await request(app).post(`${BASE}/draft/preview`).set("Cookie", staff.cookie).set("X-CSRF-Token", staff.csrf).send({ lang: "ko" }).expect(403);
  });

  it("when the document is saved with one changed ko text, then the editor shows it, only that override is kept and the gate passes", async () => {
    const unchanged = shipped.texts.ko["flow.consent.question"];
    const saved = await put("/draft/document", { flow: shipped.flow, texts: { ko: { "flow.safety.question": NEW_SAFETY, "flow.consent.question": unchanged } }, note: "clearer" }).expect(200);
    expect(saved.body.problems).toEqual([]);
    expect(saved.body.draft).toMatchObject({ status: "draft", note: "clearer", createdBy: "boss", texts: { ko: { flow: { safety: { question: NEW_SAFETY } } } } });
    expect(saved.body.draft.texts.en).toBeUndefined();
    expect(saved.body.draft.yaml).toMatch(/id: safety_check\n\s+type: yes_no/);

    const editor = await get("/editor").expect(200);
    expect(editor.body).toMatchObject({ source: "draft", version: null, note: "clearer", problems: [] });
    expect(editor.body.texts.ko["flow.safety.question"]).toBe(NEW_SAFETY);
    expect(editor.body.texts.en["flow.safety.question"]).toBe(shipped.texts.en["flow.safety.question"]);
    expect(editor.body.flow).toEqual(shipped.flow);
    const validated = await post("/draft/validate").expect(200);
    expect(validated.body.problems).toEqual([]);
    const published = await get("/editor?source=published").expect(200);
    expect(published.body.texts.ko["flow.safety.question"]).toBe(shipped.texts.ko["flow.safety.question"]);
  });

  it("when only a text changed in the form, then the diff lists that text and no YAML line, though the form save rewrote the file without its comments", async () => {
    const res = await get("/draft/diff").expect(200);
    expect(res.body).toMatchObject({ against: 1, normalized: true });
    expect(res.body.texts).toEqual([{ lang: "ko", key: "flow.safety.question", before: shipped.texts.ko["flow.safety.question"], after: NEW_SAFETY }]);
    expect(res.body.yaml.filter((l: { op: string }) => l.op !== "same")).toEqual([]);
    expect(res.body.yaml).toEqual(expect.arrayContaining([{ op: "same", line: "start: welcome" }]));
    expect(res.body.yaml.some((l: { line: string }) => l.line.includes("# The default triage flow"))).toBe(false);
  });

  it("when YAML is saved with a comment and a flow-style list, then the YAML tab keeps them literally and the diff shows only the real change", async () => {
    const draft = (await get("/editor").expect(200)).body;
    const commented = editedFlow("start: welcome", "# a note for the next editor\nstart: welcome");
    const literal = commented.replace("비동의, no, disagree, i disagree]", "비동의, no, disagree]");
    expect(literal).not.toBe(commented);
    await put("/draft", { yaml: literal, texts: { ko: { flow: { safety: { question: NEW_SAFETY } } } } }).expect(200);
    const editor = await get("/editor").expect(200);
    expect(editor.body.yaml).toContain("# a note for the next editor");
    const diff = await get("/draft/diff").expect(200);
    expect(diff.body.normalized).toBe(true);
    const changed = diff.body.yaml.filter((l: { op: string }) => l.op !== "same");
    expect(changed).toEqual([{ op: "del", line: expect.stringMatching(/^\s+- i disagree$/) }]);
    await put("/draft/document", { flow: draft.flow, texts: { ko: { "flow.safety.question": NEW_SAFETY } }, note: "clearer" }).expect(200);
  });

  it("when the draft is previewed for two steps, then it shows the draft's wording while residents still read the published one", async () => {
    const first = await post("/draft/preview", { lang: "ko" }).expect(200);
    expect(first.body.turn).toMatchObject({ nodeId: "consent", done: false, options: expect.arrayContaining([{ id: "agree", label: shipped.texts.ko["flow.consent.agree"] }]) });
    expect(first.body.state).toMatchObject({ flowId: "default", flowVersion: 2, nodeId: "consent", lang: "ko" });
    const second = await post("/draft/preview", { lang: "ko", state: first.body.state, input: { optionId: "agree" } }).expect(200);
    expect(second.body.turn.nodeId).toBe("safety_check");
    expect(lastText(second)).toBe(NEW_SAFETY);
    const english = await post("/draft/preview", { lang: "en", state: first.body.state, input: { optionId: "agree" } }).expect(200);
    expect(lastText(english)).toBe(shipped.texts.en["flow.safety.question"]);

    expect(await residentSafetyQuestion()).toBe(shipped.texts.ko["flow.safety.question"]);

    await put("/draft/document", { flow: shipped.flow, texts: { ko: { "flow.safety.question": NEWER_SAFETY } } }).expect(200);
    const again = await post("/draft/preview", { lang: "ko", state: second.body.state }).expect(200);
    expect(again.body.turn.nodeId).toBe("safety_check");
    expect(lastText(again)).toBe(NEWER_SAFETY);
    expect(await residentSafetyQuestion()).toBe(shipped.texts.ko["flow.safety.question"]);

    await post("/publish", { note: "go" }).expect(200);
    expect(await residentSafetyQuestion()).toBe(NEWER_SAFETY);
  });

  it("when a draft is saved from the published version, then the published overrides are kept and the diff shows exactly the edited line and text", async () => {
    const editor = await get("/editor").expect(200);
    expect(editor.body).toMatchObject({ source: "published", version: 2 });
    const flow = withNode(editor.body.flow, "safety_check", { skipWhenKnown: false });
    const saved = await put("/draft/document", { flow, texts: { en: { "flow.debt.intro": "Now, about your debts." } } }).expect(200);
    expect(saved.body.problems).toEqual([]);
    expect(saved.body.draft.texts).toEqual({ ko: { flow: { safety: { question: NEWER_SAFETY } } }, en: { flow: { debt: { intro: "Now, about your debts." } } } });

    const diff = await get("/draft/diff").expect(200);
    expect(diff.body.against).toBe(2);
    expect(diff.body.yaml.filter((l: { op: string }) => l.op !== "same")).toEqual([{ op: "add", line: expect.stringMatching(/^\s+skipWhenKnown: false$/) }]);
    expect(diff.body.texts).toEqual([{ lang: "en", key: "flow.debt.intro", before: shipped.texts.en["flow.debt.intro"], after: "Now, about your debts." }]);
  });

  it.each([
    ["a state that is not an object", () => "garbage"],
    ["an unknown field in the state", (s: Record<string, unknown>) => ({ ...s, admin: true })],
    ["facts that are not CaseFacts", (s: Record<string, unknown>) => ({ ...s, facts: { totalDebtKrw: "lots" } })],
    ["a node the flow does not have", (s: Record<string, unknown>) => ({ ...s, nodeId: "nowhere" })],
    ["a node a turn cannot rest on", (s: Record<string, unknown>) => ({ ...s, nodeId: "welcome" })],
    ["a history node the flow does not have", (s: Record<string, unknown>) => ({ ...s, history: [{ nodeId: "nowhere", facts: {}, vars: {}, answered: 0 }] })],
    ["another flow version", (s: Record<string, unknown>) => ({ ...s, flowVersion: 1 })],
    ["another flow", (s: Record<string, unknown>) => ({ ...s, flowId: "other" })],
    ["done on a question node", (s: Record<string, unknown>) => ({ ...s, done: true })],
    ["pending facts (the preview never proposes any)", (s: Record<string, unknown>) => ({ ...s, pendingFacts: { facts: { totalDebtKrw: 30_000_000 }, items: ["totalDebtKrw"] } })],
    ["a huge answered count", (s: Record<string, unknown>) => ({ ...s, answered: 1_000_000_000 })],
    ["a history snapshot with more answers than the state", (s: Record<string, unknown>) => ({ ...s, history: [{ nodeId: "consent", facts: {}, vars: {}, answered: 5 }] })],
    ["a field of an older state version", (s: Record<string, unknown>) => ({ ...s, alertsShown: ["call_112"] })],
  ])("when the preview is sent %s, then 422", async (_kind, forge) => {
    const start = await post("/draft/preview", { lang: "ko" }).expect(200);
    const res = await post("/draft/preview", { lang: "ko", state: forge(start.body.state), input: { optionId: "back" } }).expect(422);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("when the preview's own states come back, then every step is accepted: an end, back from the end and answers counted", async () => {
    let res = await post("/draft/preview", { lang: "ko" }).expect(200);
    for (const input of triageInputs(NOW)) res = await post("/draft/preview", { lang: "ko", state: res.body.state, input }).expect(200);
    expect(res.body.turn.done).toBe(true);
    expect(res.body.state).toMatchObject({ done: true });
    expect(res.body.state.answered).toBeGreaterThan(5);
    await post("/draft/preview", { lang: "ko", state: res.body.state }).expect(200);
    const back = await post("/draft/preview", { lang: "ko", state: res.body.state, input: { command: "back" } }).expect(200);
    expect(back.body.state.done).toBe(false);
  });

  it("when the document body is bad, then 422 and the draft is unchanged", async () => {
    const before = await get("/editor").expect(200);
    await put("/draft/document", { flow: shipped.flow, texts: { ko: { "flow.safety": "덮어쓰기" } } }).expect(422);
    await put("/draft/document", { flow: shipped.flow, texts: { ko: { "flow.__proto__.x": "x" } } }).expect(422);
    await put("/draft/document", { flow: "id: default", texts: {} }).expect(422);
    await put("/draft/document", { flow: shipped.flow, extra: 1 }).expect(422);
    const after = await get("/editor").expect(200);
    expect(after.body.yaml).toBe(before.body.yaml);
  });

  it("when the flow is nested 3000 levels deep, then 422 naming flow (not a 500) and the draft is unchanged; 64 levels still save", async () => {
    const before = await get("/editor").expect(200);
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 3000; i++) deep = { next: deep };
    const res = await put("/draft/document", { flow: { ...shipped.flow, deep } }).expect(422);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: "flow", message: expect.stringContaining("64") })]);
    expect((await get("/editor").expect(200)).body.yaml).toBe(before.body.yaml);
    let nested: unknown = "x";
    // The flow object is level 1: 63 arrays inside it make 64 levels, the most allowed.
    for (let i = 0; i < 63; i++) nested = [nested];
    await put("/draft/document", { flow: { ...shipped.flow, nested } }).expect(200);
    await put("/draft/document", { flow: { ...shipped.flow, nested: [nested] } }).expect(422);
  });

  it("when the draft does not build, then the editor lists why, and the preview refuses with 422", async () => {
    const broken = withNode(shipped.flow, "has_debt", { onNo: "nowhere" });
    const saved = await put("/draft/document", { flow: broken }).expect(200);
    expect(saved.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ node: "has_debt", field: "onNo" })]));
    const editor = await get("/editor").expect(200);
    expect(editor.body.nodes).toEqual(expect.arrayContaining([expect.objectContaining({ id: "has_debt", type: "yes_no", next: ["total_debt", "nowhere"], problems: 1 })]));
    const preview = await post("/draft/preview", { lang: "ko" }).expect(422);
    expect(preview.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ node: "has_debt" })]));

    await put("/draft", { yaml: "nodes: [" }).expect(200);
    const unparsable = await get("/editor").expect(200);
    expect(unparsable.body).toMatchObject({ source: "draft", flow: null, nodes: [] });
    expect(unparsable.body.problems).toEqual([expect.objectContaining({ path: "yaml", message: expect.stringContaining("not valid YAML") })]);
  });

  it("when the document was saved, then it is in the audit trail, CSRF is required and the paths are in the OpenAPI document", async () => {
    const audit = await request(app).get("/api/admin/audit?recordId=default").set("Cookie", admin.cookie).expect(200);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toContain("flow.draft.save");
    await request(app).put(`${BASE}/draft/document`).set("Cookie", admin.cookie).send({ flow: shipped.flow }).expect(403);
    const openApi = await request(app).get("/api/openapi.json").expect(200);
    expect(Object.keys(openApi.body.paths)).toEqual(expect.arrayContaining(["/api/admin/flows/{flowId}/editor", "/api/admin/flows/{flowId}/draft/document", "/api/admin/flows/{flowId}/draft/diff", "/api/admin/flows/{flowId}/draft/preview"]));
  });
});
