import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { IncomingMessage, Server } from "node:http";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { z } from "zod";
import { bot } from "../../bot/botpress/src/index";
import type { SessionKey } from "../../bot/ports";
import { parseConfig } from "../../server/config";
import { buildTestApp } from "../support/test-app";

const RELAY_TOKEN = "relay-token-for-tests-0123456789abcdef";
const OTHER_RELAY_TOKEN = "another-relay-token-0123456789abcdefgh";
const BOT_ID = "bot-hanbeon-test";
const BP_TOKEN = "bp-token-for-tests";
const HANGUL = /[가-힣]/;

type Created = { conversationId: string; userId: string; type: string; payload: Record<string, unknown> };
type Choice = { text: string; options: Array<{ label: string; value: string }> };
const cardSchema = z.object({ title: z.string(), subtitle: z.string().optional(), actions: z.array(z.object({ action: z.string(), label: z.string(), value: z.string() })) });
const carouselSchema = z.object({ items: z.array(cardSchema) });
const turnSchema = z.object({ input: z.object({ kind: z.string() }), messages: z.array(z.object({ text: z.string() })), done: z.boolean() });

const dataDirs: string[] = [];
const closers: Array<() => Promise<void>> = [];

function freshApp(env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-botpress-"));
  dataDirs.push(dataDir);
  const built = buildTestApp({ env: { DATA_DIR: dataDir, ...env }, now: "2026-12-03T10:00:00+09:00" });
  closers.push(built.runtime.close);
  return built;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
}

/** A local stand-in for the Botpress Cloud API: the routes @botpress/client 1.35 calls for messages and states. */
function startFakeBotpressApi() {
  const created: Created[] = [];
  const states = new Map<string, unknown>();
  const unauthorized: string[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readJson(req);
      const url = new URL(req.url ?? "/", "http://fake");
      const send = (status: number, json: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
      if (req.headers.authorization !== `Bearer ${BP_TOKEN}` || req.headers["x-bot-id"] !== BOT_ID) unauthorized.push(`${req.method} ${url.pathname}`);
      const now = new Date().toISOString();
      const state = /^\/v1\/chat\/states\/([^/]+)\/([^/]+)\/([^/]+)(\/get-or-set)?$/.exec(url.pathname);
      if (req.method === "POST" && url.pathname === "/v1/chat/messages") {
        const message = { conversationId: String(body.conversationId), userId: String(body.userId), type: String(body.type), payload: Object(body.payload) };
        created.push(message);
        return send(200, { message: { id: randomUUID(), createdAt: now, updatedAt: now, direction: "outgoing", tags: {}, ...message } });
      }
      if (state) {
        const [, type, id, name, getOrSet] = state;
        const key = `${type}/${id}/${name}`;
        const toState = (payload: unknown) => ({ state: { id: key, type, name, payload, createdAt: now, updatedAt: now } });
        if (req.method === "GET") return states.has(key) ? send(200, toState(states.get(key))) : send(404, { code: 404, type: "ResourceNotFound", message: "no state" });
        if (req.method === "POST" && (!getOrSet || !states.has(key))) states.set(key, body.payload);
        if (req.method === "POST") return send(200, toState(states.get(key)));
      }
      send(404, { code: 404, type: "ResourceNotFound", message: `no route ${req.method} ${url.pathname}` });
    })();
  });
  return { server, created, states, unauthorized };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("not listening on a port");
  return `http://127.0.0.1:${address.port}`;
}

const hanbeon = freshApp({ RELAY_TOKENS: `${RELAY_TOKEN},${OTHER_RELAY_TOKEN}` });
const fake = startFakeBotpressApi();
let hanbeonServer: Server;
let hanbeonUrl = "";
const savedEnv = { BP_API_URL: process.env.BP_API_URL, BP_TOKEN: process.env.BP_TOKEN };

beforeAll(async () => {
  hanbeonServer = createServer(hanbeon.app);
  hanbeonUrl = await listen(hanbeonServer);
  process.env.BP_API_URL = await listen(fake.server);
  process.env.BP_TOKEN = BP_TOKEN;
});

afterAll(async () => {
  process.env.BP_API_URL = savedEnv.BP_API_URL;
  process.env.BP_TOKEN = savedEnv.BP_TOKEN;
  await new Promise((resolve) => hanbeonServer.close(resolve));
  await new Promise((resolve) => fake.server.close(resolve));
  for (const close of closers) await close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** Sends one synthetic `message_created` event into the bot's handler; returns the messages it created. */
async function say(conversationId: string, type: string, payload: Record<string, unknown>): Promise<Created[]> {
  const before = fake.created.length;
  const now = new Date().toISOString();
  const userId = `user-${conversationId}`;
  const message = { id: randomUUID(), type, payload, conversationId, userId, direction: "incoming", tags: {}, createdAt: now, updatedAt: now };
  const configuration = Buffer.from(JSON.stringify({ payload: JSON.stringify({ hanbeonUrl, relayToken: RELAY_TOKEN }) })).toString("base64");
  const res = await bot.handler({
    method: "POST", path: "/", query: "",
    headers: { "x-bot-id": BOT_ID, "x-bp-operation": "event_received", "x-bp-type": "message_created", "x-bp-configuration": configuration },
    body: JSON.stringify({ event: {
      id: randomUUID(), type: "message_created", createdAt: now, conversationId, userId, messageId: message.id,
      payload: { message, user: { id: userId, tags: {}, createdAt: now, updatedAt: now }, conversation: { id: conversationId, channel: "channel", integration: "webchat", tags: {}, createdAt: now, updatedAt: now } },
    } }),
  });
  expect(res?.status ?? 200).toBe(200);
  const replies = fake.created.slice(before);
  for (const reply of replies) expect(reply).toEqual(expect.objectContaining({ conversationId, userId: BOT_ID }));
  return replies;
}
const typed = (conversationId: string, text: string) => say(conversationId, "text", { text });
const tapped = (conversationId: string, choice: Choice, value: string) => {
  const option = choice.options.find((o) => o.value === value);
  if (!option) throw new Error(`no option ${value} in ${JSON.stringify(choice.options)}`);
  return say(conversationId, "text", { text: option.label, value });
};

const texts = (replies: Created[]) => replies.filter((r) => r.type === "text").map((r) => String(r.payload.text));
function lastChoice(replies: Created[]): Choice {
  const last = replies.at(-1);
  if (last?.type !== "choice") throw new Error(`expected a choice last, got ${JSON.stringify(last)}`);
  return { text: String(last.payload.text), options: Array.isArray(last.payload.options) ? last.payload.options : [] };
}
const sessionOf = (conversationId: string) => {
  const state = fake.states.get(`conversation/${conversationId}/hanbeon`);
  return typeof state === "object" && state !== null && "sessionId" in state ? String(state.sessionId) : undefined;
};
/** What Hanbeon expects now, read as the relay would (bearer token). */
async function currentTurn(conversationId: string) {
  const res = await request(hanbeon.app).get(`/api/chat/sessions/${sessionOf(conversationId)}`).set("Authorization", `Bearer ${RELAY_TOKEN}`);
  expect(res.status).toBe(200);
  return turnSchema.parse(res.body.turn);
}

describe("the Botpress bot, relaying to a running Hanbeon", () => {
  it("when a resident goes through a whole triage, then every turn comes back as text, choice buttons and result cards", async () => {
    const conv = `conv-${randomUUID()}`;
    const welcome = await typed(conv, "안녕하세요");
    expect(texts(welcome).join(" ")).toMatch(HANGUL);
    const consent = lastChoice(welcome);
    expect(consent.options.map((o) => o.value)).toEqual(["agree", "decline"]);
    expect(consent.options.every((o) => o.label.length > 0)).toBe(true);
    const sessionId = sessionOf(conv);
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const safety = lastChoice(await tapped(conv, consent, "agree"));
    const hasDebt = lastChoice(await tapped(conv, safety, "no"));
    const moneyQuestion = await tapped(conv, hasDebt, "yes");
    expect(moneyQuestion.map((r) => r.type)).toEqual(["text"]);
    const asked = texts(moneyQuestion)[0] ?? "";

    // A bad answer is re-asked: Hanbeon's explanation first, then the same question again.
    const reasked = texts(await typed(conv, "많아요"));
    expect(reasked).toHaveLength(2);
    expect(reasked[1]).toBe(asked);
    expect(reasked[0]).not.toBe(asked);

    const creditors = lastChoice(await typed(conv, "300만원"));
    expect(creditors.options.length).toBeGreaterThan(10);
    const threats = lastChoice(await tapped(conv, creditors, "unregistered_lender"));

    // Threats come first: the 112 advice and its call button, and a first result, before the other questions.
    const afterThreats = await tapped(conv, threats, "yes");
    expect(texts(afterThreats)[0]).toMatch(/112/);
    const callCard = afterThreats.find((r) => r.type === "card");
    expect(cardSchema.parse(callCard?.payload).actions).toEqual(expect.arrayContaining([expect.objectContaining({ action: "url", value: "tel:112" })]));
    expect(afterThreats.some((r) => r.type === "carousel")).toBe(true);
    expect(lastChoice(afterThreats).options.map((o) => o.value)).toEqual(["booking:start", "triage:refine"]);

    // Answering the rest; the call button stays on every later turn.
    let replies = await tapped(conv, lastChoice(afterThreats), "triage:refine");
    expect(replies[0]?.type).toBe("card");
    for (let step = 0; step < 40; step++) {
      const turn = await currentTurn(conv);
      if (turn.done) break;
      const question = turn.messages.at(-1)?.text ?? "";
      const last = replies.at(-1);
      if (last?.type === "choice") {
        const values = lastChoice(replies).options.map((o) => o.value);
        replies = await tapped(conv, lastChoice(replies), values.includes("no") ? "no" : values[0] ?? "");
      } else {
        const answer = { money: "300만원", number: /나이|살/.test(question) ? "40" : "2" }[turn.input.kind] ?? "1년";
        replies = await typed(conv, answer);
      }
    }
    expect((await currentTurn(conv)).done).toBe(true);

    // The result: urgent help first (text, then phone buttons), the services as cards, the booking offer as a button.
    expect(texts(replies)[0]).toMatch(/112/);
    const phones = replies.findIndex((r) => r.type === "card");
    expect(cardSchema.parse(replies[phones]?.payload).actions).toEqual(expect.arrayContaining([expect.objectContaining({ action: "url", value: "tel:112" })]));
    const carousel = replies.findIndex((r) => r.type === "carousel");
    const { items } = carouselSchema.parse(replies[carousel]?.payload);
    expect(items.length).toBeGreaterThan(1);
    expect(items.length).toBeLessThanOrEqual(10);
    expect(items[0]?.title).toBe("불법사금융 피해구제");
    expect(items.every((i) => HANGUL.test(i.title) && (i.subtitle ?? "").length > 0)).toBe(true);
    expect(phones).toBeLessThan(carousel);
    expect(lastChoice(replies).options.map((o) => o.value)).toEqual(["booking:start"]);

    // One Hanbeon session for the whole conversation, filed under "botpress" with its intake.
    expect(sessionOf(conv)).toBe(sessionId);
    const key: SessionKey = { channel: "botpress", id: sessionId ?? "" };
    expect(await hanbeon.runtime.sessions.findSession(key)).toBeDefined();
    expect(await hanbeon.runtime.sessions.findSession({ channel: "web", id: key.id })).toBeUndefined();
    expect((await hanbeon.runtime.deps.intakes.findForSession(key))?.channel).toBe("botpress");
    expect(fake.unauthorized).toEqual([]);
  });

  it("when a second conversation starts, then it gets its own Hanbeon session", async () => {
    const [a, b] = [`conv-${randomUUID()}`, `conv-${randomUUID()}`];
    await typed(a, "hi");
    const first = sessionOf(a);
    await typed(b, "hi");
    expect(lastChoice(await typed(a, "네, 동의해요")).options.map((o) => o.value)).toEqual(["yes", "no"]);
    expect(sessionOf(a)).toBe(first);
    expect(sessionOf(b)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(sessionOf(b)).not.toBe(first);
    expect((await currentTurn(b)).messages.map((m) => m.text).join(" ")).toMatch(/동의/);
  });

  it("when Hanbeon has forgotten the session, then the next message starts a new one from the welcome", async () => {
    const conv = `conv-${randomUUID()}`;
    await typed(conv, "안녕");
    const first = sessionOf(conv);
    expect((await request(hanbeon.app).delete(`/api/chat/sessions/${first}`).set("Authorization", `Bearer ${RELAY_TOKEN}`)).status).toBe(204);
    const again = await typed(conv, "네");
    expect(lastChoice(again).options.map((o) => o.value)).toEqual(["agree", "decline"]);
    expect(sessionOf(conv)).not.toBe(first);
  });

  it("when the message is not text (an image), then the bot asks for text and Hanbeon's turn is unchanged", async () => {
    const conv = `conv-${randomUUID()}`;
    await typed(conv, "안녕");
    const replies = await say(conv, "image", { imageUrl: "https://example.org/a.png" });
    expect(replies.map((r) => r.type)).toEqual(["text"]);
    expect((await currentTurn(conv)).input.kind).toBe("choice");
  });
});

describe("the chat API for trusted relays", () => {
  const app = hanbeon.app;

  it("when a bearer token is not a relay token, then 401 with the error body", async () => {
    const res = await request(app).post("/api/chat/sessions").set("Authorization", "Bearer not-a-relay-token-at-all-0123456789").send({});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHORIZED");
  });

  it("when a relay creates a session, then only relays reach it, and the web's sessions stay the web's", async () => {
    const relay = await request(app).post("/api/chat/sessions").set("Authorization", `Bearer ${RELAY_TOKEN}`).send({});
    const web = await request(app).post("/api/chat/sessions").send({});
    expect([relay.status, web.status]).toEqual([201, 201]);
    expect(await hanbeon.runtime.sessions.findSession({ channel: "botpress", id: relay.body.sessionId })).toBeDefined();
    expect((await request(app).get(`/api/chat/sessions/${relay.body.sessionId}`)).status).toBe(404);
    expect((await request(app).get(`/api/chat/sessions/${web.body.sessionId}`).set("Authorization", `Bearer ${RELAY_TOKEN}`)).status).toBe(404);
    expect((await request(app).get(`/api/chat/sessions/${relay.body.sessionId}`).set("Authorization", `Bearer ${OTHER_RELAY_TOKEN}`)).status).toBe(200);
  });

  it("when the per-IP limit is spent, then relays still pass until their own limit, per token", async () => {
    const limited = freshApp({ RELAY_TOKENS: `${RELAY_TOKEN},${OTHER_RELAY_TOKEN}`, RATE_LIMIT_IP_PER_MINUTE: "2", RATE_LIMIT_RELAY_PER_MINUTE: "3" }).app;
    const create = (token?: string) => {
      const req = request(limited).post("/api/chat/sessions");
      return (token ? req.set("Authorization", `Bearer ${token}`) : req).send({});
    };
    expect([(await create()).status, (await create()).status, (await create()).status]).toEqual([201, 201, 429]);
    const relayed = [await create(RELAY_TOKEN), await create(RELAY_TOKEN), await create(RELAY_TOKEN), await create(RELAY_TOKEN)];
    expect(relayed.map((r) => r.status)).toEqual([201, 201, 201, 429]);
    expect(relayed[3]?.headers["retry-after"]).toBeDefined();
    expect((await create(OTHER_RELAY_TOKEN)).status).toBe(201);
  });

  it("when RELAY_TOKENS holds a short token, then the configuration is refused", () => {
    expect(() => parseConfig({ RELAY_TOKENS: `${RELAY_TOKEN},short` })).toThrow(/RELAY_TOKENS/);
    expect(parseConfig({}).RELAY_TOKENS).toEqual([]);
    expect(parseConfig({}).RATE_LIMIT_RELAY_PER_MINUTE).toBeGreaterThan(parseConfig({}).RATE_LIMIT_IP_PER_MINUTE);
  });
});
