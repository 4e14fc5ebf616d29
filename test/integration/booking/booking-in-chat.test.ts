import type { Express } from "express";
import request from "supertest";
import type { Turn } from "../../../bot/contract/turn-schema";
import { turnSchema } from "../../../bot/contract/turn-schema";
import type { UserInput } from "../../../bot/nodes/answer";
import { serviceSpecialty } from "../../../flows/schema/catalog";
import { pickParticle } from "../../../bot/i18n/korean-particle";
import { createApp } from "../../../server/app";
import type { SkillResponse } from "../../../server/channels/kakao/kakao-payload-schema";
import { composeRuntime } from "../../../server/compose";
import { parseConfig } from "../../../server/config";
import { createLogger } from "../../../server/logging/create-logger";
import { writeTestSchedule } from "../../support/booking-schedule";
import { kakaoUser } from "../../support/kakao-user";
import { CARD_DEBTOR_ANSWERS, walkInputs } from "../../support/flow-harness";
import { storeBackends } from "../../support/store-backends";

/** Thursday 2026-12-03, 10:00 in Seoul: today's afternoon and the next days have open slots. */
const NOW = "2026-12-03T10:00:00+09:00";

const backends = storeBackends("bookchat");

/** The inputs that take a card debtor, 45 days overdue, to the result. */
const TRIAGE = walkInputs(CARD_DEBTOR_ANSWERS, { now: NOW });

// ── Web ───────────────────────────────────────────────────────────────────────

async function sendTo(app: Express, sessionId: string, body: UserInput): Promise<Turn> {
  const res = await request(app).post(`/api/chat/sessions/${sessionId}/messages`).send(body);
  if (res.status !== 200) throw new Error(`${res.status}: ${JSON.stringify(res.body)}`);
  return turnSchema.parse(res.body.turn);
}

async function finishedTriageOn(app: Express): Promise<{ sessionId: string; turn: Turn }> {
  const created = await request(app).post("/api/chat/sessions").send({ lang: "ko" });
  const sessionId = String(created.body.sessionId);
  let turn = turnSchema.parse(created.body.turn);
  for (const input of TRIAGE) turn = await sendTo(app, sessionId, input);
  return { sessionId, turn };
}

const text = (turn: Turn) => turn.messages.map((m) => m.text).join("\n");
const ids = (turn: Turn) => turn.options.map((o) => o.id);
const timeIds = (turn: Turn) => ids(turn).filter((id) => id.startsWith("booking:time:"));

// ── Kakao ─────────────────────────────────────────────────────────────────────



const kakaoText = (res: SkillResponse) => res.template.outputs.flatMap((o) => ("simpleText" in o ? [o.simpleText.text] : [])).join("\n");
const labels = (res: SkillResponse) => (res.template.quickReplies ?? []).map((q) => q.label);

describe.each(backends)("booking in the chats (%s)", (_name, makeBackend) => {
  const backend = makeBackend();
  const schedule = writeTestSchedule(2);
  let clock = Date.parse(NOW);
  const config = parseConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false", ...backend.env });
  const runtime = composeRuntime(config, createLogger(config.LOG_LEVEL), () => new Date(clock));
  const app = createApp(runtime.deps);
  const bookings = runtime.deps.bookings;
  const send = (sessionId: string, body: UserInput) => sendTo(app, sessionId, body);
  const finishedTriage = () => finishedTriageOn(app);
  const kakaoUserOf = (userId: string) => kakaoUser(app, userId);

  beforeAll(async () => {
    await runtime.ready();
  });
  afterAll(async () => {
    await runtime.close();
    await backend.cleanup();
    schedule.remove();
  });

  describe("booking in the web chat", () => {
    let sessionId = "";
    let code = "";

    it("when a resident books after the result, then a wrong phone is asked again, a taken slot is offered kindly with the nearest others, and confirming gives a code", async () => {
      const finished = await finishedTriage();
      sessionId = finished.sessionId;
      expect(finished.turn.done).toBe(true);
      expect(ids(finished.turn)[0]).toBe("booking:start");
      const top = finished.turn.evaluation?.recommendations[0]?.service;
      if (top === undefined) throw new Error("no recommendation");

      const specialty = await send(sessionId, { optionId: "booking:start" });
      expect(text(specialty)).toContain("가장 잘 맞아요");
      expect(ids(specialty)[0]).toBe(`booking:specialty:${serviceSpecialty[top]}`);
      expect(specialty.options[0]?.label).toBe("빚 상담");

      const days = await send(sessionId, { optionId: "booking:specialty:debt" });
      expect(ids(days).slice(0, 3)).toEqual(["booking:day:2026-12-03", "booking:day:2026-12-04", "booking:day:2026-12-07"]);
      expect(days.options[1]?.label).toBe("12/4 (금)");

      const times = await send(sessionId, { optionId: "booking:day:2026-12-04" });
      expect(text(times)).toContain("12월 4일 (금)");
      expect(timeIds(times)[0]).toBe("booking:time:debt@2026-12-04T09:00+09:00");
      const resumed = await request(app).get(`/api/chat/sessions/${sessionId}`);
      expect(ids(turnSchema.parse(resumed.body.turn))).toEqual(ids(times));

      const name = await send(sessionId, { optionId: "booking:time:debt@2026-12-04T10:00+09:00" });
      expect(text(name)).toContain("잠시 잡아 둘게요");
      expect(name.input.kind).toBe("text");
      const phone = await send(sessionId, { text: "홍길동" });
      expect(phone.input).toEqual({ kind: "phone", hint: "예: 010-1234-5678" });
      const again = await send(sessionId, { text: "02-123-4567" });
      expect(again.input.kind).toBe("phone");
      expect(text(again)).toContain("휴대전화 번호(010…)로 알려 주세요");
      const confirm = await send(sessionId, { text: "010-1234-5678" });
      expect(text(confirm)).toContain("이름: 홍길동\n휴대전화: 010-1234-5678");
      expect(ids(confirm)[0]).toBe("booking:confirm");

      // The hold lapses while the resident hesitates, and two others fill the slot meanwhile.
      clock += 6 * 60_000;
      for (const other of ["010-2222-3333", "010-4444-5555"]) {
        await bookings.book({ slotId: "debt@2026-12-04T10:00+09:00", name: "다른 분", phone: other, consent: true });
      }
      const taken = await send(sessionId, { optionId: "booking:confirm" });
      expect(text(taken)).toContain("방금 다른 분이 먼저 예약했어요");
      expect(timeIds(taken)).toEqual(expect.arrayContaining(["booking:time:debt@2026-12-04T09:00+09:00", "booking:time:debt@2026-12-04T11:00+09:00"]));
      expect(timeIds(taken)).not.toContain("booking:time:debt@2026-12-04T10:00+09:00");

      const reconfirm = await send(sessionId, { optionId: "booking:time:debt@2026-12-04T11:00+09:00" });
      expect(ids(reconfirm)[0]).toBe("booking:confirm");
      const key = { channel: "web" as const, id: sessionId };
      const beforeConfirm = await runtime.sessions.findSession(key);
      const booked = await send(sessionId, { optionId: "booking:confirm" });
      expect(booked.booking).toMatchObject({ start: "2026-12-04T11:00+09:00", specialty: "debt", status: "confirmed" });
      expect(booked.booking?.location).toContain("의정부");
      code = booked.booking?.code ?? "";
      expect(code).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
      const shown = text(booked);
      expect(shown).toContain(`예약 번호는 ${code}`);
      expect(shown).toContain("12월 4일 (금) 11:00");
      expect(shown).toContain("주소:");
      expect(shown).toContain("• 사전채무조정 (프리워크아웃): 신분증, 금융회사별 부채증명서");
      expect(shown).toContain("'예약 취소'");
      expect(booked.done).toBe(true);

      const retried = await send(sessionId, { optionId: "booking:confirm" });
      expect(retried.booking).toEqual(booked.booking);
      // As if the booked session had never been saved: the retry books nothing new (the session is the idempotency key).
      if (beforeConfirm === undefined) throw new Error("no session before confirming");
      await runtime.sessions.saveSession(key, beforeConfirm, 600);
      const replayed = await send(sessionId, { optionId: "booking:confirm" });
      // A second booking for this phone would have been refused as ACTIVE_BOOKING_EXISTS, not answered with the same code.
      expect(replayed.booking).toEqual(booked.booking);
      expect(text(replayed)).toContain(`예약 번호는 ${code}`);
      const stored = await bookings.lookup(code, "01012345678");
      expect(stored).toMatchObject({ status: "confirmed", start: "2026-12-04T11:00+09:00" });
      expect(bookings.openPersonal(stored).name).toBe("홍길동");
      const resumedBooked = turnSchema.parse((await request(app).get(`/api/chat/sessions/${sessionId}`)).body.turn);
      expect(resumedBooked.booking?.code).toBe(code);
    });

    it("when '예약 확인' is typed with the code and phone, then the booking is shown; '예약 취소' cancels it", async () => {
      const askCode = await send(sessionId, { text: "예약 확인" });
      expect(text(askCode)).toContain("예약 번호를 알려 주세요");
      await send(sessionId, { text: code.toLowerCase().replace("-", " ") });
      const wrong = await send(sessionId, { text: "010-9999-9999" });
      expect(text(wrong)).toContain("찾지 못했어요");
      await send(sessionId, { text: code });
      const shown = await send(sessionId, { text: "01012345678" });
      expect(text(shown)).toContain(`예약 ${code}: 12월 4일 (금) 11:00`);
      expect(ids(shown)).toEqual(["booking:manage:change", "booking:manage:cancel", "booking:quit"]);
      expect(text(await send(sessionId, { optionId: "booking:quit" }))).toContain("그대로 둘게요");

      await send(sessionId, { text: "예약 취소" });
      await send(sessionId, { text: code });
      const ask = await send(sessionId, { text: "010-1234-5678" });
      expect(ids(ask)).toEqual(["booking:cancel:yes", "booking:cancel:no"]);
      const cancelled = await send(sessionId, { optionId: "booking:cancel:yes" });
      expect(cancelled.booking).toMatchObject({ code, status: "cancelled" });
      expect(text(cancelled)).toContain("취소했어요");
      expect(ids(cancelled)[0]).toBe("booking:start");
      expect((await bookings.lookup(code, "01012345678")).status).toBe("cancelled");
    });

    it("when an English resident types 'my booking' mid-triage, then the code is asked in English, and stopping returns to the question", async () => {
      const created = await request(app).post("/api/chat/sessions").send({ lang: "en" });
      const id = String(created.body.sessionId);
      const question = turnSchema.parse(created.body.turn);
      const ask = await send(id, { text: "My booking" });
      expect(text(ask)).toContain("Your booking code, please");
      expect(ask.options.map((o) => o.label)).toEqual(["Stop booking"]);
      const back = await send(id, { optionId: "booking:quit" });
      expect(text(back)).toContain("The booking stays as it is.");
      expect(ids(back)).toEqual(ids(question));
    });

    it("when the time was taken before the tap, then the chat says so and offers the nearest open times", async () => {
      const { sessionId: id } = await finishedTriage();
      await send(id, { optionId: "booking:start" });
      await send(id, { optionId: "booking:specialty:legal" });
      const times = await send(id, { optionId: "booking:day:2026-12-07" });
      const [first] = timeIds(times);
      if (first === undefined) throw new Error("no time offered");
      await bookings.book({ slotId: first.slice("booking:time:".length), name: "먼저 온 분", phone: "010-6666-7777", consent: true });
      const taken = await send(id, { optionId: first });
      expect(text(taken)).toContain("방금 다른 분이 먼저 예약했어요");
      expect(timeIds(taken).length).toBeGreaterThan(0);
      expect(timeIds(taken)).not.toContain(first);
      const stop = await send(id, { text: "그만" });
      expect(text(stop)).toContain("예약은 하지 않았어요");
    });
  });

  describe("booking in KakaoTalk", () => {
    it("when a resident books with quick replies only (typing just the name and phone), then every answer is a valid skill response and the code comes back", async () => {
      const user = kakaoUserOf("booking-kakao-0001");
      await user.say("안녕하세요");
      let result: SkillResponse | undefined;
      for (const input of TRIAGE) result = await user.send(input);
      expect(result && labels(result)[0]).toBe("상담 예약하기");
      expect(result && kakaoText(result)).toContain("'상담 예약하기'를 누르면");

      expect(labels(await user.tap("상담 예약하기"))[0]).toBe("빚 상담");
      const days = await user.tap("빚 상담");
      expect(labels(days).length).toBeLessThanOrEqual(10);
      expect(labels(days)).toContain("12/7 (월)");
      const times = await user.tap("12/7 (월)");
      expect(labels(times).slice(0, 2)).toEqual(["09:00", "10:00"]);
      expect(kakaoText(await user.tap("13:00"))).toContain("이름을 알려 주세요");
      expect(kakaoText(await user.say("김민수"))).toContain("(예: 010-1234-5678)");
      expect(kakaoText(await user.say("010-12-34"))).toContain("휴대전화 번호를 알려 주세요");
      expect(labels(await user.say("010-8888-9999"))[0]).toBe("예약하기");
      const booked = await user.tap("예약하기");
      const shown = kakaoText(booked);
      expect(shown).toMatch(/예약 번호는 [A-Z0-9]{3}-[A-Z0-9]{3}(이에요|예요)/);
      expect(shown).toContain("12월 7일 (월) 13:00");
      expect(labels(booked)).toContain("처음으로");
      const code = /예약 번호는 ([A-Z0-9-]{7})/.exec(shown)?.[1] ?? "";
      // The particle fits how the code ends when read aloud: "…-CT3이에요", "…-CTX예요".
      expect(shown).toContain(`예약 번호는 ${code}${pickParticle(code, "이에요/예요")}`);
      expect((await bookings.lookup(code, "01088889999")).start).toBe("2026-12-07T13:00+09:00");

      expect(kakaoText(await user.say("예약 변경"))).toContain("예약 번호");
      await user.say(code);
      const changeDays = await user.say("01088889999");
      expect(kakaoText(changeDays)).toContain(code);
      await user.tap("12/8 (화)");
      await user.tap("14:00");
      const moved = await user.tap("이 시간으로 변경");
      expect(kakaoText(moved)).toContain(`12월 8일 (화) 14:00으로 바꿨어요`);
      expect((await bookings.lookup(code, "01088889999")).start).toBe("2026-12-08T14:00+09:00");
    });
  });
});
