import { readFileSync } from "node:fs";
import path from "node:path";
import type { Express } from "express";
import { Redis } from "ioredis";
import request from "supertest";
import type { UserInput } from "../../../bot/nodes/answer";
import type { SkillResponse } from "../../../server/channels/kakao/kakao-payload-schema";
import { skillResponseSchema } from "../../../server/channels/kakao/kakao-payload-schema";
import { writeTestSchedule } from "../../support/booking-schedule";
import { assertValidSkillResponse } from "../../support/check-kakao-response";
import { CARD_DEBTOR_ANSWERS, walkInputs } from "../../support/flow-harness";
import { createTestDatabase } from "../../support/postgres-database";
import { SHARED_REDIS_URL, uniquePrefix } from "../../support/redis-server";
import { signInAs } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

/** Thursday 2026-12-03, 10:00 in Seoul. */
const NOW = "2026-12-03T10:00:00+09:00";
const TRIAGE = walkInputs(CARD_DEBTOR_ANSWERS, { now: NOW });
const LIMITED_KO = "요청이 너무 많아 잠시 멈췄어요";

// Two instances behind a load balancer (one PostgreSQL, one Redis), on one clock the tests move.
let clock = Date.parse(NOW);
const prefix = uniquePrefix("limits");
const database = createTestDatabase("limits");
const schedule = writeTestSchedule(2);
const env = {
  DATABASE_URL: database.url, REDIS_URL: SHARED_REDIS_URL, REDIS_KEY_PREFIX: prefix, REMINDERS_ENABLED: "false", SCHEDULE_FILE: schedule.file,
  // One proxy in front: X-Forwarded-For names the client, so each test is its own address.
  TRUST_PROXY_HOPS: "1",
  RATE_LIMIT_HOLDS_PER_IP_PER_DAY: "2", RATE_LIMIT_BOOKINGS_PER_IP_PER_DAY: "2", RATE_LIMIT_WRONG_GUESSES: "5",
  RATE_LIMIT_GUESS_COOLDOWN_MINUTES: "15", FLOOD_BOOKINGS_PER_SOURCE: "3", RATE_LIMIT_SESSION_PER_MINUTE: "40",
};
const a = buildTestApp({ env, clock: () => new Date(clock) });
const b = buildTestApp({ env, clock: () => new Date(clock) });
const instances = [a.app, b.app];
// Kakao's servers carry every resident: behind its secret only users count, without it the address counts too.
const SECRET = { KAKAO_SECRET_HEADER: "X-Skill-Secret", KAKAO_SECRET: "a-shared-secret-of-thirty-two-chars" };
const behindSecret = buildTestApp({ env: { ...env, ...SECRET, RATE_LIMIT_IP_PER_MINUTE: "3" }, clock: () => new Date(clock) });
const open = buildTestApp({ env: { ...env, RATE_LIMIT_IP_PER_MINUTE: "3" }, clock: () => new Date(clock) });
const bookings = a.runtime.deps.bookings;

beforeAll(async () => {
  await Promise.all([a.runtime.ready(), b.runtime.ready()]);
  await Promise.all([behindSecret.runtime.ready(), open.runtime.ready()]);
});

afterAll(async () => {
  await Promise.all([a.runtime.close(), b.runtime.close(), behindSecret.runtime.close(), open.runtime.close()]);
  const redis = new Redis(SHARED_REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await database.drop();
  schedule.remove();
});

type Payload = { userRequest: { user: Record<string, unknown> } & Record<string, unknown>; action: Record<string, unknown> } & Record<string, unknown>;
const fixture: Payload = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "fixtures", "kakao", "first-message.json"), "utf8"));

/** A Kakao user at `ip`, each message to the next instance in turn: every answer must be HTTP 200 and a valid skill response. */
function kakaoUser(userId: string, ip: string) {
  let turn = 0;
  const post = async (utterance: string, clientExtra: unknown): Promise<SkillResponse> => {
    const body = { ...fixture, userRequest: { ...fixture.userRequest, utterance, user: { ...fixture.userRequest.user, id: userId } }, action: { ...fixture.action, clientExtra } };
    const app = instances[turn++ % instances.length] as Express;
    const res = await request(app).post("/kakao/skill").set("X-Forwarded-For", ip).send(body);
    expect(res.status).toBe(200);
    assertValidSkillResponse(res.body);
    return skillResponseSchema.parse(res.body);
  };
  return {
    say: (utterance: string) => post(utterance, null),
    send: (input: UserInput) => post(input.text ?? input.optionId ?? "", input.optionId !== undefined ? { optionId: input.optionId } : null),
    tap: (optionId: string) => post(optionId, { optionId }),
  };
}

const textOf = (res: SkillResponse) => res.template.outputs.flatMap((o) => ("simpleText" in o ? [o.simpleText.text] : [])).join("\n");

/** A booking made by the service itself (no edge, no budget): the victim's. */
async function victimBooking(slotId: string, phone: string): Promise<string> {
  return (await bookings.book({ slotId, name: "피해자", phone, consent: true })).booking.code;
}

describe("limits on the public edges (two instances, one Redis)", () => {
  it("when Kakao users from one address guess a booking's phone through '예약 확인', then after five wrong guesses even the right phone gets an apology until the cool-down ends", async () => {
    const code = await victimBooking("debt@2026-12-08T10:00+09:00", "010-1234-5678");
    const ip = "203.0.113.7";
    const guess = async (user: string, phone: string) => {
      const kakao = kakaoUser(user, ip);
      await kakao.say("안녕하세요");
      expect(textOf(await kakao.say("예약 확인"))).toContain("예약 번호를 알려 주세요");
      await kakao.say(code);
      return textOf(await kakao.say(phone));
    };
    for (let i = 0; i < 5; i++) expect(await guess(`guesser-${i}`, `010-5555-000${i}`)).toContain("찾지 못했어요");

    const refused = await guess("guesser-5", "010-1234-5678");
    expect(refused).toContain(LIMITED_KO);
    expect(refused).not.toContain(code);

    clock += 15 * 60_000;
    expect(await guess("guesser-6", "010-1234-5678")).toContain(`예약 ${code}`);
  });

  it("when one Kakao user tries codes for a known phone, then that user cools down after five wrong codes, right code included, while the resident elsewhere still finds the booking", async () => {
    const phone = "010-2468-1357";
    const code = await victimBooking("debt@2026-12-08T11:00+09:00", phone);
    const kakao = kakaoUser("code-guesser", "203.0.113.8");
    await kakao.say("안녕하세요");
    for (const wrong of ["AAA-AAA", "CCC-CCC", "DDD-DDD", "EEE-EEE", "FFF-FFF"]) {
      await kakao.say("예약 확인");
      await kakao.say(wrong);
      expect(textOf(await kakao.say(phone))).toContain("찾지 못했어요");
    }
    await kakao.say("예약 확인");
    await kakao.say(code);
    expect(textOf(await kakao.say(phone))).toContain("잠시 멈췄어요");
    // Knowing a resident's phone is not enough to lock them out of their own booking.
    const res = await request(a.app).post("/api/bookings/lookup").set("X-Forwarded-For", "198.51.100.200").send({ code, phone });
    expect(res.status).toBe(200);
  });

  it("when many addresses guess codes for one phone, then the phone cools down for everyone at the addresses' share", async () => {
    const phone = "010-1357-2468";
    const code = await victimBooking("debt@2026-12-08T14:00+09:00", phone);
    const wrongFrom = (n: number, i: number) => request(a.app).post("/api/bookings/lookup").set("X-Forwarded-For", `198.51.100.${10 + n}`)
      .send({ code: `${"MNPR"[n] ?? "M"}${"STUVW"[i] ?? "S"}M-MMM`, phone });
    for (let n = 0; n < 4; n++) for (let i = 0; i < 5; i++) expect((await wrongFrom(n, i)).status).toBe(404);
    const res = await request(a.app).post("/api/bookings/lookup").set("X-Forwarded-For", "198.51.100.200").send({ code, phone });
    expect(res.status).toBe(429);
    expect(Number(res.get("Retry-After"))).toBe(15 * 60);
  });

  it("when wrong code+phone pairs are tried at /confirm, then they count as guesses like a lookup", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await request(a.app).post("/api/bookings/confirm").set("X-Forwarded-For", "192.0.2.77").send({ code: "XYZ-XYZ", phone: `010-6000-100${i}`, pin: "123456" })).status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
  });

  it("when wrong code+phone pairs arrive over the API through both instances, then the sixth answers 429 with Retry-After, and the cool-down ends on the clock", async () => {
    const phone = "010-3333-4444";
    const code = await victimBooking("debt@2026-12-08T13:00+09:00", phone);
    const lookup = (i: number, body: object) => request(instances[i % 2] as Express).post("/api/bookings/lookup").set("X-Forwarded-For", "192.0.2.10").send(body);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await lookup(i, { code, phone: `010-7777-000${i}` })).status);
    const locked = await lookup(5, { code, phone });
    expect([...statuses, locked.status]).toEqual([404, 404, 404, 404, 404, 429]);
    expect(locked.get("Retry-After")).toBe(String(15 * 60));
    expect(locked.body).toEqual({ error: { code: "RATE_LIMITED", message: expect.any(String), details: { retryAfterSeconds: 900 } } });

    clock += 10 * 60_000;
    expect(Number((await lookup(6, { code, phone })).get("Retry-After"))).toBe(5 * 60);
    clock += 5 * 60_000;
    expect((await lookup(7, { code, phone })).status).toBe(200);
  });

  it("when anonymous Kakao users from one address hold slot after slot, then the third hold of the day is refused with an apology and holds nothing, and the next Seoul day it goes through", async () => {
    const ip = "198.51.100.9";
    const holdAs = async (user: string, time: string) => {
      const kakao = kakaoUser(user, ip);
      await kakao.say("안녕하세요");
      for (const input of TRIAGE) await kakao.send(input);
      await kakao.tap("booking:start");
      await kakao.tap("booking:specialty:debt");
      await kakao.tap("booking:day:2026-12-09");
      return { kakao, text: textOf(await kakao.tap(`booking:time:debt@2026-12-09T${time}+09:00`)) };
    };
    expect((await holdAs("holder-1", "13:00")).text).toContain("이름을 알려 주세요");
    expect((await holdAs("holder-2", "14:00")).text).toContain("이름을 알려 주세요");
    const third = await holdAs("holder-3", "15:00");
    expect(third.text).toContain(LIMITED_KO);
    const remaining = async (slotId: string) => (await bookings.listSlots({ specialty: "debt", from: "2026-12-09", days: 1 })).find((s) => s.id === slotId)?.remaining;
    expect(await remaining("debt@2026-12-09T15:00+09:00")).toBe(2);
    expect(await remaining("debt@2026-12-09T14:00+09:00")).toBe(1);

    clock = Date.parse("2026-12-04T00:00:00+09:00");
    expect(textOf(await third.kakao.tap("booking:time:debt@2026-12-09T15:00+09:00"))).toContain("이름을 알려 주세요");
  });

  it("when one address books over the API through both instances, then the third booking of the day is 429 until Seoul midnight, staff see the flood, and the next day it books", async () => {
    clock = Date.parse("2026-12-04T21:00:00+09:00");
    const ip = "192.0.2.44";
    const book = (i: number, time: string, from = ip) => request(instances[i % 2] as Express).post("/api/bookings").set("X-Forwarded-For", from)
      .send({ slotId: `debt@2026-12-10T${time}+09:00`, name: `주민${i}`, phone: `010-4000-100${i}`, consent: true });
    expect((await book(0, "09:00")).status).toBe(201);
    expect((await book(1, "10:00")).status).toBe(201);
    const third = await book(2, "11:00");
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe("RATE_LIMITED");
    expect(third.get("Retry-After")).toBe(String(3 * 3600));
    expect((await book(3, "13:00", "192.0.2.45")).status).toBe(201);

    clock = Date.parse("2026-12-05T00:00:01+09:00");
    const nextDay = await book(4, "11:00");
    expect(nextDay.status).toBe(201);
    const stored = await bookings.findByCode(String(nextDay.body.booking.code));
    expect(stored?.sourceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(ip);

    const staff = await signInAs(a.app, a.runtime.deps.staffAuth, "staff", new Date(clock).toISOString());
    const listed = await request(b.app).get("/api/staff/appointments?from=2026-12-10&to=2026-12-10").set("Cookie", staff.cookie).expect(200);
    const byTime = new Map<string, { flood: boolean; sameSource: number }>(listed.body.appointments.map((x: { start: string; flood: boolean; sameSource: number }) => [x.start.slice(11, 16), x]));
    expect(byTime.get("09:00")).toMatchObject({ flood: true, sameSource: 3 });
    expect(byTime.get("11:00")).toMatchObject({ flood: true, sameSource: 3 });
    expect(byTime.get("13:00")).toMatchObject({ flood: false, sameSource: 1 });
  });

  it("when one Kakao user sends more messages in a minute than the limit, then the extra one gets an apology (HTTP 200), and the next minute answers again", async () => {
    clock = Date.parse("2026-12-05T10:00:30+09:00");
    const kakao = kakaoUser("chatty", "203.0.113.50");
    for (let i = 0; i < 40; i++) expect(textOf(await kakao.say("안녕하세요"))).not.toContain(LIMITED_KO);
    expect(textOf(await kakao.say("안녕하세요"))).toContain(LIMITED_KO);
    clock += 30_000;
    expect(textOf(await kakao.say("안녕하세요"))).not.toContain(LIMITED_KO);
  });

  it("when web chats from one address hold slot after slot, then the third hold of the day answers 429 with Retry-After until Seoul midnight, and the conversation stays where it was", async () => {
    clock = Date.parse("2026-12-07T10:00:00+09:00");
    const ip = "192.0.2.77";
    const chatTo = async (time: string) => {
      const created = await request(a.app).post("/api/chat/sessions").set("X-Forwarded-For", ip).send({ lang: "ko" }).expect(201);
      const id = String(created.body.sessionId);
      const send = (i: number, body: UserInput) => request(instances[i % 2] as Express).post(`/api/chat/sessions/${id}/messages`).set("X-Forwarded-For", ip).send(body);
      for (const [i, input] of TRIAGE.entries()) await send(i, input).expect(200);
      for (const optionId of ["booking:start", "booking:specialty:debt", "booking:day:2026-12-11"]) await send(0, { optionId }).expect(200);
      return { send, res: await send(1, { optionId: `booking:time:debt@2026-12-11T${time}+09:00` }) };
    };
    expect((await chatTo("09:00")).res.status).toBe(200);
    expect((await chatTo("10:00")).res.status).toBe(200);
    const third = await chatTo("11:00");
    expect(third.res.status).toBe(429);
    expect(third.res.body.error.code).toBe("RATE_LIMITED");
    expect(third.res.get("Retry-After")).toBe(String(14 * 3600));

    clock = Date.parse("2026-12-08T09:00:00+09:00");
    const next = await third.send(0, { optionId: "booking:time:debt@2026-12-11T11:00+09:00" });
    expect(next.status).toBe(200);
    expect(next.body.turn.messages.map((m: { text: string }) => m.text).join("\n")).toContain("이름을 알려 주세요");
  });

  it("when a booking is retried with its Idempotency-Key, then the replays spend nothing of the address's budget", async () => {
    clock = Date.parse("2026-12-08T10:00:00+09:00");
    const ip = "192.0.2.88";
    const book = (i: number, time: string, key?: string) => request(instances[i % 2] as Express).post("/api/bookings").set("X-Forwarded-For", ip)
      .set(key ? { "Idempotency-Key": key } : {}).send({ slotId: `debt@2026-12-14T${time}+09:00`, name: "주민", phone: `010-4100-${time.replace(":", "")}`, consent: true });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await book(i, "09:00", "retry-key-0001")).status);
    statuses.push((await book(4, "10:00")).status, (await book(5, "11:00")).status);
    expect(statuses).toEqual([201, 200, 200, 200, 201, 429]);
  });

  it("when Kakao's secret proves the sender, then many residents from Kakao's one address are not limited together; without it the address is", async () => {
    clock = Date.parse("2026-12-08T11:00:30+09:00");
    const hello = (app: Express, user: string, headers: Record<string, string>) => request(app).post("/kakao/skill").set("X-Forwarded-For", "211.249.40.1").set(headers)
      .send({ ...fixture, userRequest: { ...fixture.userRequest, utterance: "안녕하세요", user: { ...fixture.userRequest.user, id: user } } });
    const seen = async (app: Express, prefix: string, headers: Record<string, string>) => {
      const texts: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await hello(app, `${prefix}-${i}`, headers);
        expect(res.status).toBe(200);
        assertValidSkillResponse(res.body);
        texts.push(textOf(skillResponseSchema.parse(res.body)));
      }
      return texts.map((text) => text.includes(LIMITED_KO));
    };
    expect(await seen(behindSecret.app, "kakao-resident", { "X-Skill-Secret": SECRET.KAKAO_SECRET })).toEqual([false, false, false, false, false]);
    expect(await seen(open.app, "anyone", {})).toEqual([false, false, false, true, true]);
  });
});
