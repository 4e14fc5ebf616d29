import type { Express } from "express";
import request from "supertest";
import type { Turn } from "../../../bot/contract/turn-schema";
import { turnSchema } from "../../../bot/contract/turn-schema";
import type { UserInput } from "../../../bot/nodes/answer";
import { createApp } from "../../../server/app";
import { composeRuntime } from "../../../server/compose";
import { parseConfig } from "../../../server/config";
import { createLogger } from "../../../server/logging/create-logger";
import { writeTestSchedule } from "../../support/booking-schedule";
import { CARD_DEBTOR_ANSWERS, walkInputs } from "../../support/flow-harness";
import { storeBackends } from "../../support/store-backends";
import { kakaoDriver } from "../../support/channel-drivers";

/** Thursday 2026-12-03, 10:00 in Seoul. */
const NOW = "2026-12-03T10:00:00+09:00";
const TRIAGE = walkInputs(CARD_DEBTOR_ANSWERS, { now: NOW });
const text = (turn: Turn) => turn.messages.map((m) => m.text).join("\n");

describe.each(storeBackends("erasebk"))("erasing a conversation that booked (%s)", (_name, makeBackend) => {
  const backend = makeBackend();
  const schedule = writeTestSchedule(2);
  const config = parseConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false", BOOKING_RETENTION_DAYS: "60", INTAKE_RETENTION_AFTER_APPOINTMENT_DAYS: "30", ...backend.env });
  const runtime = composeRuntime(config, createLogger(config.LOG_LEVEL), () => new Date(NOW));
  const app: Express = createApp(runtime.deps);

  beforeAll(() => runtime.ready());
  afterAll(async () => {
    await runtime.close();
    await backend.cleanup();
    schedule.remove();
  });

  async function send(sessionId: string, body: UserInput | { command: string }): Promise<Turn> {
    const res = await request(app).post(`/api/chat/sessions/${sessionId}/messages`).send(body);
    if (res.status !== 200) throw new Error(`${res.status}: ${JSON.stringify(res.body)}`);
    return turnSchema.parse(res.body.turn);
  }

  /** A card debtor who finished the triage and booked 12/4 at `hour` with `phone` in the chat, typing as people do. */
  async function bookedResident(hour: string, phone: string): Promise<{ sessionId: string; code: string }> {
    const created = await request(app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201);
    const sessionId = String(created.body.sessionId);
    for (const input of TRIAGE) await send(sessionId, input);
    await send(sessionId, { text: "상담 예약하기" });
    await send(sessionId, { optionId: "booking:specialty:debt" });
    await send(sessionId, { optionId: "booking:day:2026-12-04" });
    await send(sessionId, { optionId: `booking:time:debt@2026-12-04T${hour}+09:00` });
    await send(sessionId, { text: "김예시" });
    await send(sessionId, { text: phone });
    const booked = await send(sessionId, { optionId: "booking:confirm" });
    const code = booked.booking?.code;
    if (code === undefined) throw new Error(`not booked: ${text(booked)}`);
    return { sessionId, code };
  }

  it("when the resident erases and keeps the booking, then the conversation is gone, the booking and its intake stay for the counsellor, and they are told for how long", async () => {
    const { sessionId, code } = await bookedResident("10:00", "010-5550-0101");
    const asked = await send(sessionId, { text: "내 정보 삭제해 주세요" });
    expect(text(asked)).toContain(`예약 번호 ${code}`);
    expect(text(asked)).toContain("12월 4일 (금) 10:00");
    expect(asked.options.map((o) => o.id)).toEqual(["erase:cancel", "erase:keep", "erase:stay"]);
    expect(asked.erased).toBeUndefined();

    const erased = await send(sessionId, { text: "예약은 둘게요" });
    expect(erased.erased).toBe(true);
    expect(text(erased)).toContain("60일 안에");
    await request(app).get(`/api/chat/sessions/${sessionId}`).expect(404);
    expect((await runtime.deps.bookings.findByCode(code))?.status).toBe("confirmed");
    const intake = await runtime.deps.intakes.findForSession({ channel: "web", id: sessionId });
    expect(intake?.bookingCode).toBe(code);
  });

  it("when the resident erases and cancels the booking too, then the store holds neither the booking (name, phone) nor the intake", async () => {
    const { sessionId, code } = await bookedResident("11:00", "010-5550-0202");
    await send(sessionId, { command: "erase" });
    const erased = await send(sessionId, { text: "네 예약도 취소해 주세요" });
    expect(erased.erased).toBe(true);
    expect(text(erased)).toContain("예약을 취소했어요");
    expect(await runtime.deps.bookings.findByCode(code)).toBeUndefined();
    expect(await runtime.deps.intakes.findForSession({ channel: "web", id: sessionId })).toBeUndefined();
    await request(app).get(`/api/chat/sessions/${sessionId}`).expect(404);
  });

  it("when the resident says not to erase, then nothing is erased and the booking is untouched", async () => {
    const { sessionId, code } = await bookedResident("13:00", "010-5550-0303");
    await send(sessionId, { text: "내 정보 삭제" });
    const stayed = await send(sessionId, { text: "지우지 마세요" });
    expect(stayed.erased).toBeUndefined();
    expect(text(stayed)).toContain("지우지 않았어요");
    await request(app).get(`/api/chat/sessions/${sessionId}`).expect(200);
    expect((await runtime.deps.bookings.findByCode(code))?.status).toBe("confirmed");
  });

  it("when a KakaoTalk user who booked erases, then the question and its three answers fit Kakao, and cancelling takes the booking too", async () => {
    const user = await kakaoDriver(app, "erase-booked-kakao-0001");
    for (const input of TRIAGE) await user.act(input.optionId !== undefined ? { tap: input.optionId } : { say: input.text ?? "" });
    await user.act({ say: "상담 예약하기" });
    await user.act({ tap: "booking:specialty:debt" });
    await user.act({ tap: "booking:day:2026-12-04" });
    await user.act({ tap: "booking:time:debt@2026-12-04T15:00+09:00" });
    await user.act({ say: "김예시" });
    await user.act({ say: "010-5550-0505" });
    const booked = await user.act({ tap: "booking:confirm" });
    const code = /[A-Z0-9]{3}-[A-Z0-9]{3}/.exec(booked.text)?.[0];
    expect(code).toBeDefined();

    const asked = await user.act({ say: "내 정보 삭제해 주세요" });
    // Kakao names the booking by its time: its code is shown again only with the phone (docs/booking.md).
    expect(asked.text).toContain("12월 4일 (금) 15:00");
    expect(asked.text).toContain("예약 번호 •••-•••");
    expect(asked.text).not.toContain(String(code));
    expect(asked.optionIds).toEqual(["erase:cancel", "erase:keep", "erase:stay"]);
    const erased = await user.act({ tap: "erase:cancel" });
    expect(erased.text).toContain("예약을 취소했어요");
    expect(await runtime.deps.bookings.findByCode(String(code))).toBeUndefined();
    expect(await runtime.deps.intakes.findForSession(user.key)).toBeUndefined();
  });

  it("when the web page erases with DELETE, then the conversation goes without a question and the booked intake stays, as the contract says", async () => {
    const { sessionId, code } = await bookedResident("14:00", "010-5550-0404");
    await request(app).delete(`/api/chat/sessions/${sessionId}`).expect(204);
    await request(app).get(`/api/chat/sessions/${sessionId}`).expect(404);
    expect((await runtime.deps.intakes.findForSession({ channel: "web", id: sessionId }))?.bookingCode).toBe(code);
  });
});
