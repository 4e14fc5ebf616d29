import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import type { Turn } from "../../bot/contract/turn-schema";
import { turnSchema } from "../../bot/contract/turn-schema";
import { buildTestApp } from "../support/test-app";

const HANGUL = /[가-힣]/;
const dataDirs: string[] = [];
const closers: Array<() => Promise<void>> = [];

/** A fresh app over its own empty data folder; closed and removed after the file. */
function freshApp(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-web-chat-"));
  dataDirs.push(dataDir);
  const built = buildTestApp({ env: { DATA_DIR: dataDir, ...env }, now: "2026-12-03T10:00:00+09:00" });
  closers.push(built.runtime.close);
  return built.app;
}

afterAll(async () => {
  for (const close of closers) await close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});


const app = freshApp();
const question = (turn: Turn) => turn.messages.at(-1)?.text;

async function createSession(body: object = {}) {
  const res = await request(app).post("/api/chat/sessions").send(body);
  expect(res.status).toBe(201);
  return { sessionId: String(res.body.sessionId), turn: res.body.turn as Turn };
}

async function sendMessage(sessionId: string, body: object) {
  return request(app).post(`/api/chat/sessions/${sessionId}/messages`).send(body);
}

/** A session past consent, at the self-harm question: a yes/no choice with progress 1. */
async function sessionAtSafetyQuestion() {
  const { sessionId } = await createSession();
  const res = await sendMessage(sessionId, { optionId: "agree" });
  expect(res.status).toBe(200);
  return { sessionId, turn: res.body.turn as Turn };
}

function expectErrorBody(body: unknown, code: string) {
  expect(body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
}

describe("POST /api/chat/sessions", () => {
  it("when a session is created, then it answers 201 with a 22-character base64url id and a Korean first turn", async () => {
    const { sessionId, turn } = await createSession();
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(turn.messages.map((m) => m.text).join(" ")).toMatch(HANGUL);
    expect(turn.options.map((o) => o.id)).toEqual(["agree", "decline"]);
    expect(turn.input.kind).toBe("choice");
    expect(turn.done).toBe(false);
  });

  it("when two sessions are created, then their ids differ", async () => {
    const [a, b] = await Promise.all([createSession(), createSession()]);
    expect(a.sessionId).not.toBe(b.sessionId);
  });

  it.each([
    ["?lang=en", () => request(app).post("/api/chat/sessions?lang=en").send({})],
    ["a body lang", () => request(app).post("/api/chat/sessions").send({ lang: "en" })],
    ["Accept-Language", () => request(app).post("/api/chat/sessions").set("Accept-Language", "en-US,en;q=0.9").send({})],
  ])("when English is asked by %s, then the first turn is English", async (_how, create) => {
    const res = await create();
    expect(res.status).toBe(201);
    expect(res.body.turn.messages.map((m: { text: string }) => m.text).join(" ")).toMatch(/[A-Za-z]{4,}/);
    expect(res.body.turn.options.map((o: { label: string }) => o.label).join(" ")).not.toMatch(HANGUL);
  });

  it("when the body lang is not supported, then 422 names the field", async () => {
    const res = await request(app).post("/api/chat/sessions").send({ lang: "fr" });
    expect(res.status).toBe(422);
    expectErrorBody(res.body, "VALIDATION_FAILED");
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "lang" })]));
  });
});

describe("POST /api/chat/sessions/:id/messages", () => {
  it("when an option is tapped, then the next question comes with more progress", async () => {
    const { turn } = await sessionAtSafetyQuestion();
    expect(turn.progress?.answered).toBe(1);
    expect(turn.options.map((o) => o.id)).toEqual(["yes", "no"]);
  });

  it("when the answer is typed, then it is understood like the option", async () => {
    const { sessionId } = await createSession();
    const res = await sendMessage(sessionId, { text: "네, 동의해요" });
    expect(res.status).toBe(200);
    expect(res.body.turn.progress.answered).toBe(1);
  });

  it("when a multiple choice gets comma-separated ids, then all are taken", async () => {
    const { sessionId } = await sessionAtSafetyQuestion();
    for (const body of [{ optionId: "no" }, { optionId: "yes" }, { text: "3000만원" }, { optionId: "none" }]) {
      expect((await sendMessage(sessionId, body)).status).toBe(200);
    }
    const before = await request(app).get(`/api/chat/sessions/${sessionId}`);
    expect(before.body.turn.input.kind).toBe("multi");
    const res = await sendMessage(sessionId, { optionId: "card,bank" });
    expect(res.status).toBe(200);
    expect(res.body.turn.progress.answered).toBe(before.body.turn.progress.answered + 1);
  });
});

describe("commands and urgent help on the chat API", () => {
  it("when a command is sent, then it acts like the typed word: back undoes the last answer", async () => {
    const { sessionId } = await sessionAtSafetyQuestion();
    const back = await sendMessage(sessionId, { command: "back" });
    expect(back.status).toBe(200);
    expect(back.body.turn.progress.answered).toBe(0);
    expect(back.body.turn.options.map((o: { id: string }) => o.id)).toEqual(["agree", "decline"]);
    expect((await sendMessage(sessionId, { command: "shout" })).status).toBe(422);
  });

  it("when a crisis is typed, then every later turn and a resume carry the 109 call button, with the number from the rules", async () => {
    const { sessionId } = await sessionAtSafetyQuestion();
    const crisis = turnSchema.parse((await sendMessage(sessionId, { text: "요즘 그냥 죽고 싶어요" })).body.turn);
    expect(crisis.messages[0]?.text).toContain("109");
    expect(crisis.urgent).toEqual([{ code: "crisis_line_109", label: "자살예방상담 109", phone: "109" }]);
    const resumed = turnSchema.parse((await request(app).get(`/api/chat/sessions/${sessionId}`)).body.turn);
    expect(resumed.urgent.map((u) => u.phone)).toEqual(["109"]);
  });

  it("when the OpenAPI document is read, then the chat routes are in it, declared with their bodies and the Turn with urgent help", async () => {
    const doc = (await request(app).get("/api/openapi.json")).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/chat/sessions", "/api/chat/sessions/{id}/messages", "/api/chat/sessions/{id}"]));
    expect(Object.keys(doc.paths["/api/chat/sessions/{id}"])).toEqual(expect.arrayContaining(["get", "delete"]));
    const turn = JSON.stringify(doc.paths["/api/chat/sessions/{id}/messages"].post.responses["200"]);
    expect(turn).toContain("urgent");
    expect(JSON.stringify(doc.paths["/api/chat/sessions/{id}/messages"].post.requestBody)).toContain("command");
  });
});

describe("GET and DELETE /api/chat/sessions/:id", () => {
  it("when a session is resumed, then it shows the same question as before", async () => {
    const { sessionId, turn } = await sessionAtSafetyQuestion();
    const res = await request(app).get(`/api/chat/sessions/${sessionId}`);
    expect(res.status).toBe(200);
    expect(question(res.body.turn)).toBe(question(turn));
    expect(res.body.turn.options).toEqual(turn.options);
    expect(res.body.turn.progress).toEqual(turn.progress);
  });

  it("when a session is erased, then it answers 204 and the session is gone", async () => {
    const { sessionId } = await sessionAtSafetyQuestion();
    const erased = await request(app).delete(`/api/chat/sessions/${sessionId}`);
    expect(erased.status).toBe(204);
    expect(erased.text).toBe("");
    const after = await request(app).get(`/api/chat/sessions/${sessionId}`);
    expect(after.status).toBe(404);
    expectErrorBody(after.body, "SESSION_NOT_FOUND");
    expect((await sendMessage(sessionId, { text: "네" })).status).toBe(404);
    expect((await request(app).delete(`/api/chat/sessions/${sessionId}`)).status).toBe(404);
  });

  it.each([
    ["an unknown well-formed id", "AAAAAAAAAAAAAAAAAAAAAA"],
    ["a short id", "abc"],
    ["a long id", "a".repeat(300)],
    ["an id with symbols", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"],
    ["a path-like id", "..%2F..%2Fetc%2Fpasswd"],
  ])("when the session id is %s, then every verb answers 404 with the error body", async (_label, id) => {
    for (const res of [
      await request(app).get(`/api/chat/sessions/${id}`),
      await request(app).post(`/api/chat/sessions/${id}/messages`).send({ text: "네" }),
      await request(app).delete(`/api/chat/sessions/${id}`),
    ]) {
      expect(res.status).toBe(404);
      expectErrorBody(res.body, "SESSION_NOT_FOUND");
    }
  });
});

describe("bad input", () => {
  it("when the JSON is malformed, then 400", async () => {
    const { sessionId } = await createSession();
    const res = await request(app).post(`/api/chat/sessions/${sessionId}/messages`).set("Content-Type", "application/json").send('{"text": "네"');
    expect(res.status).toBe(400);
    expectErrorBody(res.body, "MALFORMED_JSON");
  });

  it.each([
    ["a number as text", { text: 5 }],
    ["both text and optionId", { text: "a", optionId: "b" }],
    ["an empty object", {}],
    ["an empty optionId", { optionId: "" }],
    ["an unknown field", { text: "네", extra: true }],
    ["an array", ["네"]],
    ["text over 2,000 characters", { text: "가".repeat(2001) }],
  ])("when the body has %s, then 422 with details", async (_label, body) => {
    const { sessionId } = await createSession();
    const res = await sendMessage(sessionId, body);
    expect(res.status).toBe(422);
    expectErrorBody(res.body, "VALIDATION_FAILED");
    expect(res.body.error.details.length).toBeGreaterThan(0);
  });

  it("when the body is about 1 MB, then 413", async () => {
    const { sessionId } = await createSession();
    const res = await sendMessage(sessionId, { text: "a".repeat(1_000_000) });
    expect(res.status).toBe(413);
    expectErrorBody(res.body, "PAYLOAD_TOO_LARGE");
  });

  it("when the body is text/plain, then 415", async () => {
    const { sessionId } = await createSession();
    const res = await request(app).post(`/api/chat/sessions/${sessionId}/messages`).set("Content-Type", "text/plain").send("네");
    expect(res.status).toBe(415);
    expectErrorBody(res.body, "UNSUPPORTED_MEDIA_TYPE");
  });

  it.each([
    ["empty text", ""],
    ["2,000 characters", "가".repeat(2000)],
    ["only emoji", "😀🙏😭"],
    ["an HTML script", "<script>alert(1)</script>"],
    ["an unknown option", "<img src=x onerror=alert(1)>"],
  ])("when the answer is %s, then the same question is asked again without losing progress", async (_label, text) => {
    const { sessionId, turn } = await sessionAtSafetyQuestion();
    const res = await sendMessage(sessionId, { text });
    expect(res.status).toBe(200);
    expect(question(res.body.turn)).toBe(question(turn));
    expect(res.body.turn.progress.answered).toBe(turn.progress?.answered);
    const next = await sendMessage(sessionId, { optionId: "no" });
    expect(next.status).toBe(200);
    expect(next.body.turn.progress.answered).toBe((turn.progress?.answered ?? 0) + 1);
    expect(question(next.body.turn)).not.toBe(question(turn));
  });

  it("when an unknown optionId is sent, then the question is asked again", async () => {
    const { sessionId, turn } = await sessionAtSafetyQuestion();
    const res = await sendMessage(sessionId, { optionId: "<script>" });
    expect(res.status).toBe(200);
    expect(question(res.body.turn)).toBe(question(turn));
  });
});

describe("rate limits", () => {
  it("when one session sends a 6th message within a minute at a limit of 5, then 429 with Retry-After", async () => {
    const limited = freshApp({ RATE_LIMIT_SESSION_PER_MINUTE: "5" });
    const created = await request(limited).post("/api/chat/sessions").send({});
    const id = String(created.body.sessionId);
    for (let i = 0; i < 5; i += 1) {
      expect((await request(limited).post(`/api/chat/sessions/${id}/messages`).send({ text: "?" })).status).toBe(200);
    }
    const res = await request(limited).post(`/api/chat/sessions/${id}/messages`).send({ text: "?" });
    expect(res.status).toBe(429);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expectErrorBody(res.body, "RATE_LIMITED");
    const other = await request(limited).post("/api/chat/sessions").send({});
    expect((await request(limited).post(`/api/chat/sessions/${String(other.body.sessionId)}/messages`).send({ text: "?" })).status).toBe(200);
  });

  it("when one address makes a 4th call within a minute at a limit of 3, then 429 with Retry-After", async () => {
    const limited = freshApp({ RATE_LIMIT_IP_PER_MINUTE: "3" });
    const created = await request(limited).post("/api/chat/sessions").send({});
    expect(created.status).toBe(201);
    const id = String(created.body.sessionId);
    expect((await request(limited).get(`/api/chat/sessions/${id}`)).status).toBe(200);
    expect((await request(limited).post(`/api/chat/sessions/${id}/messages`).send({ optionId: "agree" })).status).toBe(200);
    const res = await request(limited).get(`/api/chat/sessions/${id}`);
    expect(res.status).toBe(429);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expectErrorBody(res.body, "RATE_LIMITED");
  });
});

describe("the chat page", () => {
  it("when / is loaded, then it is HTML under a strict CSP with no inline script or style", async () => {
    const res = await request(app).get("/");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    const csp = String(res.headers["content-security-policy"]);
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain("unsafe-inline");
    const scripts = res.text.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\ssrc="\/[^"]+"/);
    expect(res.text).not.toMatch(/<script\b[^>]*>\s*[^<\s]/);
    expect(res.text).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
    expect(res.text).toMatch(/role="log"[^>]*aria-live="polite"/);
  });

  it.each([
    ["/chat.js", /javascript/],
    ["/chat-api.js", /javascript/],
    ["/chat-render.js", /javascript/],
    ["/chat-composer.js", /javascript/],
    ["/chat.css", /text\/css/],
  ])("when %s is fetched, then it is served with its type and the CSP", async (file, type) => {
    const res = await request(app).get(file);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(type);
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
  });

  it("when the page's code is read, then API text is never put in with innerHTML", async () => {
    for (const file of ["/chat.js", "/chat-api.js", "/chat-render.js", "/chat-composer.js"]) {
      const res = await request(app).get(file);
      expect(res.text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    }
  });

  it("when a missing asset is asked for, then the contract's 404 body answers", async () => {
    const res = await request(app).get("/nothing-here.js");
    expect(res.status).toBe(404);
    expectErrorBody(res.body, "NOT_FOUND");
  });
});

describe("GET /api/ui-strings", () => {
  it("when asked in each language, then the same keys come back, translated and filled in", async () => {
    const ko = await request(app).get("/api/ui-strings?lang=ko");
    const en = await request(app).get("/api/ui-strings?lang=en");
    expect(ko.status).toBe(200);
    expect(ko.body.lang).toBe("ko");
    expect(en.body.lang).toBe("en");
    expect(Object.keys(en.body.strings).sort()).toEqual(Object.keys(ko.body.strings).sort());
    expect(ko.body.strings["back.button"]).toBe("뒤로");
    expect(en.body.strings["back.button"]).toBe("Back");
    // The page fills its own params (the one message format); the server fills the center's details.
    expect(ko.body.strings["progress.remaining"]).toContain("{{n}}");
    const placeholders = [...JSON.stringify(ko.body.strings).matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]);
    expect([...new Set(placeholders)].sort()).toEqual(["apr", "i", "n", "s"]);
    expect(ko.body.strings["center.phone"]).toMatch(/^[0-9-]+$/);
  });

  it("when no language is asked, then Accept-Language decides, else Korean", async () => {
    expect((await request(app).get("/api/ui-strings").set("Accept-Language", "en")).body.lang).toBe("en");
    expect((await request(app).get("/api/ui-strings")).body.lang).toBe("ko");
  });
});
