import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Express } from "express";
import request from "supertest";
import type { ChatService } from "../../server/conversation/chat-service";
import { createApp } from "../../server/app";
import type { SkillResponse } from "../../server/channels/kakao/kakao-payload-schema";
import { skillResponseSchema } from "../../server/channels/kakao/kakao-payload-schema";
import { composeRuntime } from "../../server/compose";
import { parseConfig } from "../../server/config";
import { createManualTimers } from "../support/manual-timers";
import { createLogger } from "../../server/logging/create-logger";
import { assertValidSkillResponse } from "../support/check-kakao-response";
import { buildTestApp } from "../support/test-app";

const NOW = "2026-12-03T10:00:00+09:00";
const BOT_ID = "5f0e1d2c3b4a59687766554a";
const HANGUL = /[가-힣]/;
const dataDirs: string[] = [];
const closers: Array<() => Promise<void>> = [];

function newDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-kakao-"));
  dataDirs.push(dir);
  return dir;
}

/** A fresh app over its own empty data folder; closed and removed after the file. */
function freshApp(env: Record<string, string> = {}) {
  const dataDir = newDataDir();
  const built = buildTestApp({ env: { DATA_DIR: dataDir, ...env }, now: NOW });
  closers.push(built.runtime.close);
  return { ...built, dataDir };
}

afterAll(async () => {
  for (const close of closers) await close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

type Payload = { userRequest: { utterance: string; lang?: string | null; user: { id: string } }; bot: { id: string }; action: { clientExtra: unknown } };
const fixture = (name: string): Payload => JSON.parse(readFileSync(path.join(__dirname, "..", "fixtures", "kakao", `${name}.json`), "utf8"));

function payloadFor(userId: string, utterance: string, clientExtra: unknown = null, lang: string | null = "ko"): Payload {
  const body = fixture("first-message");
  return { ...body, userRequest: { ...body.userRequest, utterance, lang, user: { ...body.userRequest.user, id: userId } }, action: { ...body.action, clientExtra } };
}

/** Posts a payload, checks HTTP 200 and every Kakao limit, and returns the typed response. */
async function post(app: Express, body: object): Promise<SkillResponse> {
  const res = await request(app).post("/kakao/skill").send(body);
  expect(res.status).toBe(200);
  assertValidSkillResponse(res.body);
  return skillResponseSchema.parse(res.body);
}

const textOf = (res: SkillResponse) => res.template.outputs.flatMap((o) => ("simpleText" in o ? [o.simpleText.text] : [])).join("\n");
const replyLabels = (res: SkillResponse) => (res.template.quickReplies ?? []).map((q) => q.messageText);

/** A KakaoTalk user: types text, or taps one of the quick replies the bot last offered. */
function kakaoUser(app: Express, userId: string, lang: string | null = "ko") {
  let last: SkillResponse | undefined;
  const shown: string[] = [];
  const send = async (utterance: string, clientExtra: unknown = null) => {
    last = await post(app, payloadFor(userId, utterance, clientExtra, lang));
    shown.push(textOf(last));
    return last;
  };
  return {
    say: (text: string) => send(text),
    tap: (messageText: string) => {
      const reply = last?.template.quickReplies?.find((q) => q.messageText === messageText);
      if (!reply) throw new Error(`no quick reply "${messageText}" offered; offered: ${last ? replyLabels(last).join(", ") : "nothing"}`);
      return send(reply.messageText, reply.extra);
    },
    /** The text of every answer so far. */
    shown,
    get last() {
      if (!last) throw new Error("nothing sent yet");
      return last;
    },
  };
}

const QUESTIONS = {
  consent: "동의하나요", safety: "스스로를 해치고", hasDebt: "갚아야 할 빚", total: "모두 합쳐서", creditors: "어디에서 빌린 돈",
  hasIllegal: "사채, 등록하지 않은", threats: "협박하거나", prior: "개인파산이나 개인회생",
};

const isResult = (res: SkillResponse) => res.template.outputs.some((o) => "carousel" in o);

/** After the creditors question, an answer per question (a tap when the bot offers options). */
const WALK: Array<[string, { tap: string } | { say: string }]> = [
  ["사채, 등록하지 않은", { tap: "아니요" }], ["가장 오래 밀린", { say: "45일" }], ["새로 빌린 돈이 있나요", { tap: "없어요" }],
  ["면책받은 적이", { tap: "아니요" }], ["채무조정을 하고 있나요", { tap: "아니요, 하고 있지 않아요" }], ["몇 명인가요", { say: "1명" }], ["한 달 소득", { say: "150만원" }], ["1년 동안", { say: "1800만원" }],
  ["기본 생활비", { tap: "네" }], ["어떤 형태인가요", { tap: "직장에 다녀요" }], ["얼마나 됐나요", { say: "2년" }], ["몇 살", { say: "45세" }],
  ["경기도에", { tap: "네" }], ["복지 자격", { tap: "해당 없어요" }], ["심한 장애", { tap: "아니요" }], ["신용점수를 알고", { tap: "아니요" }],
  ["이런 일이 있었나요", { tap: "없어요" }], ["가게나 개인사업을", { tap: "아니요" }], ["급한 생활비", { tap: "없어요" }], ["일자리 찾기", { tap: "아니요" }],
];

const main = freshApp();

describe("POST /kakao/skill: a whole triage", () => {
  it("when a resident taps the offered quick replies (typing only amounts and counts), then the result shows services in a carousel", async () => {
    const user = kakaoUser(main.app, "walker-0001");
    expect(textOf(await user.say("안녕하세요"))).toContain(QUESTIONS.consent);
    expect(replyLabels(user.last)).toEqual(["동의해요", "동의하지 않아요", "처음으로"]);
    await user.tap("동의해요");
    await user.tap("아니요");
    expect(textOf(await user.tap("네"))).toContain(QUESTIONS.total);
    // Collateral only refines the result: it comes after the first result, if the resident wants more.
    const creditors = await user.say("3000만원");
    expect(textOf(creditors)).toContain(QUESTIONS.creditors);
    expect(textOf(creditors)).toMatch(/1, 3/);
    expect(textOf(creditors)).toContain("12. 잘 모르겠어요");
    expect(replyLabels(creditors)).toHaveLength(10);
    expect(replyLabels(creditors)).toContain("더보기");
    const page2 = await user.tap("더보기");
    expect(replyLabels(page2)).toEqual(["세금·공공기관", "그 밖의 곳", "잘 모르겠어요", "더보기", "뒤로", "처음으로"]);
    expect(replyLabels(await user.tap("더보기"))).toContain("카드·카드론");
    await user.tap("카드·카드론");
    for (let step = 0; step < 40 && !isResult(user.last); step++) {
      const text = textOf(user.last);
      const answer = WALK.find(([question]) => text.includes(question))?.[1];
      if (!answer) throw new Error(`the walk has no answer for: ${text}`);
      await ("tap" in answer ? user.tap(answer.tap) : user.say(answer.say));
    }

    const result = user.last;
    expect(user.shown.some((text) => /질문이 \d+개쯤 남았어요/.test(text))).toBe(true);
    const carousel = result.template.outputs.flatMap((o) => ("carousel" in o ? [o.carousel] : []))[0];
    expect(carousel?.type).toBe("textCard");
    expect(carousel?.items.length).toBeGreaterThan(0);
    for (const item of carousel?.items ?? []) {
      expect(item.title).toMatch(HANGUL);
      expect(item.title).not.toMatch(/^services\./);
      expect(item.description?.length).toBeGreaterThan(0);
    }
    expect(replyLabels(result)[0]).toBe("상담 예약하기");
    expect(replyLabels(result)).toContain("몇 가지 더 답하기");
    expect(replyLabels(result)).toContain("처음으로");
    expect(textOf(await user.tap("처음으로"))).toContain(QUESTIONS.consent);
  });

  it("when answers are typed (label, 네, 2번, a number after paging), then they work like taps and numbers count in the full list", async () => {
    const typer = kakaoUser(main.app, "typer-0001");
    const tapper = kakaoUser(main.app, "tapper-0001");
    await typer.say("시작");
    await tapper.say("시작");
    expect(textOf(await typer.say("동의해요"))).toBe(textOf(await tapper.tap("동의해요")));
    expect(textOf(await typer.say("2번"))).toBe(textOf(await tapper.tap("아니요")));
    expect(textOf(await typer.say("네"))).toBe(textOf(await tapper.tap("네")));
    expect(textOf(await typer.say("3000만원"))).toContain(QUESTIONS.creditors);
    await typer.say("더보기");
    expect(textOf(await typer.say("2번"))).toContain(QUESTIONS.hasIllegal);
    expect(textOf(await typer.say("아니요"))).not.toContain(QUESTIONS.hasIllegal);
  });

  it("when the resident reports threats, then the next answer starts with an urgent textCard and a 112 phone button", async () => {
    const user = kakaoUser(main.app, "threatened-0001");
    await user.say("안녕하세요");
    for (const answer of ["동의해요", "아니요", "네"]) await user.tap(answer);
    await user.say("500만원");
    expect(textOf(await user.tap("사채·미등록 대부"))).toContain(QUESTIONS.threats);
    const [first] = (await user.tap("네")).template.outputs;
    const card = first && "textCard" in first ? first.textCard : undefined;
    expect(card?.buttons).toEqual(expect.arrayContaining([{ label: expect.any(String), action: "phone", phoneNumber: "112" }]));
  });
});

describe("POST /kakao/skill: payloads from the guide", () => {
  it.each([["minimal"], ["lang-null"], ["lang-kr"], ["emoji-only"], ["long-utterance"], ["first-message"]])(
    "when the first message is the %s fixture, then the Korean consent question comes back", async (name) => {
      const res = await post(main.app, fixture(name));
      expect(textOf(res)).toContain(QUESTIONS.consent);
    });

  it("when userRequest.lang is en, then the conversation is in English", async () => {
    const res = await post(main.app, payloadFor("english-0001", "hello", null, "en"));
    expect(textOf(res)).not.toMatch(HANGUL);
    expect(replyLabels(res)).toContain("Start over");
  });

  it("when an unknown user taps an old quick reply, then the conversation starts over and says so; the next tap counts", async () => {
    const fromFixture = fixture("quick-reply-tap");
    const tap = { ...fromFixture, userRequest: { ...fromFixture.userRequest, user: { ...fromFixture.userRequest.user, id: "stale-tap-0001" } } };
    expect(textOf(await post(main.app, tap))).toMatch(/처음부터 다시 시작할게요[\s\S]*동의하나요/);
    expect(textOf(await post(main.app, tap))).toContain(QUESTIONS.safety);
  });

  it("when the resident asks to delete their data, then the conversation is gone and the next message starts afresh", async () => {
    const user = kakaoUser(main.app, "erase-me-0001");
    await user.say("안녕");
    await user.tap("동의해요");
    const countSessions = () => {
      const db = new Database(path.join(main.dataDir, "hanbeon.sqlite"), { readonly: true });
      const rows: unknown[] = db.prepare("SELECT id FROM sessions").all();
      db.close();
      return rows.length;
    };
    const before = countSessions();
    const erased = await user.say("내 정보 삭제");
    assertValidSkillResponse(erased);
    expect(textOf(erased)).toContain("지웠어요");
    expect(replyLabels(erased)).toEqual(["처음으로"]);
    expect(countSessions()).toBe(before - 1);
    expect(textOf(await user.say("안녕"))).toContain(QUESTIONS.consent);
  });

  it("when sessions are stored, then their keys are keyed hashes (HMAC-SHA256), never the raw botUserKey", async () => {
    await post(main.app, payloadFor("raw-key-visible-0001", "안녕"));
    const db = new Database(path.join(main.dataDir, "hanbeon.sqlite"), { readonly: true });
    const rows: unknown[] = db.prepare("SELECT id FROM sessions").all();
    db.close();
    const ids = rows.map((row) => JSON.stringify(row));
    expect(ids.some((id) => id.includes("raw-key-visible"))).toBe(false);
    expect(ids.filter((id) => id.includes("kakao:")).every((id) => /kakao:[A-Za-z0-9_-]{43}"/.test(id))).toBe(true);
  });
});

describe("POST /kakao/skill: bad input", () => {
  it("when the resident sends empty, 2,000-character, emoji-only or script text, then the question is asked again and progress stays", async () => {
    const user = kakaoUser(main.app, "bad-input-0001");
    await user.say("안녕");
    await user.tap("동의해요");
    await user.tap("아니요");
    for (const text of ["", "가".repeat(2000), "😭😭🙏", "<script>alert(1)</script>"]) {
      const res = await user.say(text);
      expect(textOf(res)).toContain(QUESTIONS.hasDebt);
      const outsideText = JSON.stringify({ ...res, template: { ...res.template, outputs: res.template.outputs.filter((o) => !("simpleText" in o)) } });
      expect(outsideText).not.toContain("<script>");
    }
    // A long story is read like any story: what it says is shown for a yes or a fix, nothing is taken yet.
    const story = await user.say(fixture("long-utterance").userRequest.utterance);
    assertValidSkillResponse(story);
    expect(textOf(story)).toContain("이렇게 이해했어요");
    expect(textOf(await user.tap("수정할게요"))).toContain(QUESTIONS.hasDebt);
    expect(textOf(await user.tap("네"))).toContain(QUESTIONS.total);
  });

  it.each([
    { label: "malformed JSON", body: "{\"userRequest\": ", status: 400, code: "MALFORMED_JSON" },
    { label: "a JSON body that is not a skill payload", body: { hello: "world" }, status: 400, code: "MALFORMED_JSON" },
    { label: "a JSON array", body: [1, 2], status: 400, code: "MALFORMED_JSON" },
    { label: "a number utterance", body: { userRequest: { utterance: 42, user: { id: "u" } }, bot: { id: BOT_ID } }, status: 422, code: "VALIDATION_FAILED" },
    { label: "a user id over 70 characters", body: payloadFor("u".repeat(71), "안녕"), status: 422, code: "VALIDATION_FAILED" },
    { label: "without bot", body: { userRequest: { utterance: "안녕", user: { id: "u" } } }, status: 422, code: "VALIDATION_FAILED" },
  ])("when the body is $label, then $status with the contract's error body", async ({ body, status, code }) => {
    const req = request(main.app).post("/kakao/skill").set("Content-Type", "application/json");
    const res = await req.send(typeof body === "string" ? body : JSON.stringify(body));
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  });

  it("when the body is 1 MB, then 413; when it is not JSON, then 415", async () => {
    const big = await request(main.app).post("/kakao/skill").send(payloadFor("big-0001", "가".repeat(1_000_000)));
    expect(big.status).toBe(413);
    const text = await request(main.app).post("/kakao/skill").set("Content-Type", "text/plain").send("안녕");
    expect(text.status).toBe(415);
  });

  it("when OpenAPI is asked, then it documents POST /kakao/skill", async () => {
    const res = await request(main.app).get("/api/openapi.json");
    expect(res.body.paths["/kakao/skill"].post.responses["200"]).toBeDefined();
  });
});

describe("POST /kakao/skill: sender checks", () => {
  const SECRET = "a-long-shared-secret-0123456789";
  const guarded = freshApp({ KAKAO_SECRET_HEADER: "X-Kakao-Secret", KAKAO_SECRET: SECRET, KAKAO_BOT_ID: BOT_ID });
  const send = (secret: string | undefined, body: object = payloadFor("secret-user-0001", "안녕")) => {
    const req = request(guarded.app).post("/kakao/skill");
    return (secret === undefined ? req : req.set("X-Kakao-Secret", secret)).send(body);
  };

  it("when the secret header is missing or wrong, then 401", async () => {
    for (const secret of [undefined, "", "wrong", `${SECRET}x`, SECRET.toUpperCase()]) {
      const res = await send(secret);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHORIZED");
    }
  });

  it("when the secret is right and the bot is ours, then 200; when the bot is another, then 403", async () => {
    const ok = await send(SECRET);
    expect(ok.status).toBe(200);
    assertValidSkillResponse(ok.body);
    const other = payloadFor("secret-user-0001", "안녕");
    const res = await send(SECRET, { ...other, bot: { id: "another-bot", name: "남의 봇" } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });
});

describe("POST /kakao/skill: failures still answer a SkillResponse", () => {
  /** An app over its own store whose logs are kept, to check what is (not) logged. */
  function loggedApp(env: Record<string, string> = {}) {
    const lines: string[] = [];
    const config = parseConfig({ NODE_ENV: "test", DATA_DIR: newDataDir(), ...env });
    const timers = createManualTimers();
    const runtime = composeRuntime(config, createLogger("info", { write: (line: string) => lines.push(line) }), () => new Date(NOW), timers);
    closers.push(runtime.close);
    return { runtime, lines, timers };
  }

  it("when the store is down, then 200 with an apology and 처음으로 before the deadline, logged as warn with the hashed key only", async () => {
    const { runtime, lines, timers } = loggedApp();
    const app = createApp(runtime.deps);
    await post(app, payloadFor("store-down-0001", "안녕"));
    await runtime.close();
    const res = await post(app, payloadFor("store-down-0001", "동의해요"));
    // The deadline's timer never fired: the outage was answered on its own, not by waiting.
    expect(timers.scheduled().length).toBeGreaterThan(0);
    expect(timers.scheduled().some((timer) => timer.fired)).toBe(false);
    expect(textOf(res)).toContain("죄송해요");
    expect(replyLabels(res)).toEqual(["처음으로"]);
    const warning = lines.map((line) => JSON.parse(line)).find((entry) => /session store unavailable/.test(String(entry.msg)));
    expect(warning?.level).toBe(40);
    expect(warning?.session).toMatch(/^[0-9a-f]{64}$/);
    expect(lines.join("\n")).not.toContain("store-down-0001");
    expect(lines.join("\n")).not.toContain("동의해요");
  });

  it("when answering takes longer than KAKAO_DEADLINE_MS, then an apology comes in time and the overrun is counted", async () => {
    const { runtime, lines, timers } = loggedApp({ KAKAO_DEADLINE_MS: "200" });
    const real = runtime.deps.chat;
    let finished: Promise<unknown> = Promise.resolve();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The conversation answers only when the test releases it, after the deadline has passed.
    const slow: ChatService = new Proxy(real, {
      get: (target, prop, receiver) => (prop === "handle"
        ? (...args: Parameters<ChatService["handle"]>) => {
          const found = held.then(() => target.handle(...args));
          finished = found;
          return found;
        }
        : Reflect.get(target, prop, receiver)),
    });
    const app = createApp({ ...runtime.deps, chat: slow });
    const answering = post(app, payloadFor("slow-0001", "안녕"));
    const deadline = await timers.next();
    expect(deadline.ms).toBe(200);
    deadline.fire();
    const res = await answering;
    release();
    expect(textOf(res)).toContain("죄송해요");
    expect(await runtime.deps.metrics.registry.getSingleMetricAsString("hanbeon_events_total")).toMatch(/kind="kakao_overrun"} 1/);
    expect(lines.some((line) => line.includes("overran its deadline"))).toBe(true);
    await finished;
  });
});
