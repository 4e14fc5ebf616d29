import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { createApp } from "../../server/app";
import type { SkillResponse } from "../../server/channels/kakao/kakao-payload-schema";
import { composeRuntime } from "../../server/compose";
import { parseConfig } from "../../server/config";
import { createLogger } from "../../server/logging/create-logger";
import { writeTestSchedule } from "../support/booking-schedule";
import { kakaoFixture, kakaoUser } from "../support/kakao-user";
import { CARD_DEBTOR_ANSWERS, walkInputs } from "../support/flow-harness";

/** Thursday 2026-12-03, 10:00 in Seoul. */
const NOW = "2026-12-03T10:00:00+09:00";
const SECRET = "a-long-shared-secret-0123456789";
const dirs: string[] = [];
const closers: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const close of closers) await close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The app over its own SQLite folder, with every log line kept. */
function appWith(env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-kakao-hard-"));
  dirs.push(dir);
  const lines: string[] = [];
  const config = parseConfig({ NODE_ENV: "test", DATA_DIR: dir, REMINDERS_ENABLED: "false", ...env });
  const runtime = composeRuntime(config, createLogger("info", { write: (line: string) => lines.push(line) }), () => new Date(NOW));
  closers.push(runtime.close);
  return { app: createApp(runtime.deps), runtime, lines };
}

const kakaoText = (res: SkillResponse) => JSON.stringify(res.template);

describe("Kakao skill: the sender check", () => {
  it("when neither KAKAO_SECRET nor KAKAO_BOT_ID is set, then a warning is logged at start; with a secret, none, and the secret is never logged", () => {
    const open = appWith();
    const warning = open.lines.map((line) => JSON.parse(line) as { level: number; msg: string }).find((line) => line.msg.includes("KAKAO SKILL IS UNAUTHENTICATED"));
    expect(warning?.level).toBe(40);
    const guarded = appWith({ KAKAO_SECRET_HEADER: "X-Kakao-Secret", KAKAO_SECRET: SECRET, KAKAO_BOT_ID: "5f0e1d2c3b4a59687766554a" });
    expect(guarded.lines.join("\n")).not.toMatch(/UNAUTHENTICATED|KAKAO_SECRET is not set/);
    expect(guarded.lines.join("\n")).not.toContain(SECRET);
  });

  it("when production has neither, then it refuses to start naming the variable, unless KAKAO_ALLOW_UNAUTHENTICATED=true", () => {
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(() => parseConfig({ NODE_ENV: "production", DATA_ENCRYPTION_KEY: key })).toThrow(/KAKAO_SECRET: set KAKAO_SECRET_HEADER and KAKAO_SECRET/);
    expect(parseConfig({ NODE_ENV: "production", DATA_ENCRYPTION_KEY: key, KAKAO_ALLOW_UNAUTHENTICATED: "true" }).KAKAO_ALLOW_UNAUTHENTICATED).toBe(true);
    expect(parseConfig({ NODE_ENV: "production", DATA_ENCRYPTION_KEY: key, KAKAO_SECRET_HEADER: "X-Kakao-Secret", KAKAO_SECRET: SECRET }).KAKAO_SECRET).toBe(SECRET);
  });

  it("when a caller without the secret sends a malformed, oversized or non-JSON body, then 401 before the body is read", async () => {
    const { app } = appWith({ KAKAO_SECRET_HEADER: "X-Kakao-Secret", KAKAO_SECRET: SECRET });
    const malformed = await request(app).post("/kakao/skill").set("content-type", "application/json").send("{\"intent\":");
    const huge = await request(app).post("/kakao/skill").set("content-type", "application/json").send(`{"pad":"${"x".repeat(300_000)}"}`);
    const text = await request(app).post("/KAKAO/skill/").set("content-type", "text/plain").send("hello");
    expect([malformed.status, huge.status, text.status]).toEqual([401, 401, 401]);
    expect(malformed.body.error.code).toBe("UNAUTHORIZED");
    // With the secret, the body is read as before.
    const withSecret = await request(app).post("/kakao/skill").set("X-Kakao-Secret", SECRET).set("content-type", "application/json").send("{\"intent\":");
    expect(withSecret.status).toBe(400);
    const ok = await request(app).post("/kakao/skill").set("X-Kakao-Secret", SECRET).send(kakaoFixture("minimal"));
    expect(ok.status).toBe(200);
  });
});

describe("Kakao skill: a booking is reached only by its own user, and its code only with the phone", () => {
  const schedule = writeTestSchedule(2);
  afterAll(() => schedule.remove());

  it("when a booked resident (or someone replaying their taps) taps booking:* again, then the code comes only after the phone; another user's taps reach nothing", async () => {
    const { app } = appWith({ SCHEDULE_FILE: schedule.file });
    const resident = kakaoUser(app, "kakao-owner-0001", "quick-reply-tap");
    await resident.say("안녕하세요");
    for (const input of walkInputs(CARD_DEBTOR_ANSWERS, { now: NOW })) await resident.send(input);
    await resident.tap("상담 예약하기");
    await resident.tap("빚 상담");
    await resident.tap("12/7 (월)");
    await resident.tap("13:00");
    await resident.say("김민수");
    await resident.say("010-8888-9999");
    const booked = await resident.tap("예약하기");
    const code = /예약 번호는 ([A-Z0-9]{3}-[A-Z0-9]{3})/.exec(kakaoText(booked))?.[1] ?? "";
    expect(code).not.toBe("");

    // A stale or replayed tap on the booked dialog: the phone first, no code.
    const again = await resident.option("booking:confirm");
    expect(kakaoText(again)).not.toContain(code);
    expect(kakaoText(again)).toContain("휴대전화 번호가 필요해요");
    const wrong = await resident.say("010-1111-2222");
    expect(kakaoText(wrong)).not.toContain(code);
    expect(kakaoText(wrong)).toContain("번호와 달라요");
    const shown = await resident.say("010-8888-9999");
    expect(kakaoText(shown)).toContain(code);
    expect(kakaoText(await resident.option("booking:manage:cancel"))).not.toContain(code);
    expect(kakaoText(await resident.tap("그대로 두기"))).toContain("예약은 그대로 있어요");

    // Erasing names the booking's time, not its code.
    const erase = await resident.option("cmd:erase");
    expect(kakaoText(erase)).toContain("이 대화로 한 예약이 있어요");
    expect(kakaoText(erase)).not.toContain(code);

    // Another KakaoTalk user sending the same booking:* taps reaches nothing of the first one's.
    const stranger = kakaoUser(app, "kakao-stranger-0002", "quick-reply-tap");
    for (const id of ["booking:confirm", "booking:manage:cancel", "booking:cancel:yes", `booking:time:debt@2026-12-07T13:00+09:00`]) {
      expect(kakaoText(await stranger.option(id))).not.toContain(code);
    }
  });
});
