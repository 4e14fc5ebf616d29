import { createServer } from "node:http";
import request from "supertest";
import { THURSDAY_MORNING, writeTestSchedule } from "../../support/booking-schedule";
import { storeBackends } from "../../support/store-backends";
import { turnSchema } from "../../../bot/contract/turn-schema";
import type { Turn } from "../../../bot/contract/turn-schema";
import type { UserInput } from "../../../bot/nodes/answer";
import { CARD_DEBTOR_ANSWERS, walkInputs } from "../../support/flow-harness";
import { signInAs } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

/** Thursday 3 and Friday 4 December 2026; the debt specialty has one counsellor in this schedule. */
const slot = (day: 3 | 4, hour: number) => `debt@2026-12-0${day}T${String(hour).padStart(2, "0")}:00+09:00`;
const VICTIM = "010-4444-0001";
const OTHER = "010-4444-0002";
/** Client addresses, told through X-Forwarded-For with TRUST_PROXY_HOPS=1. */
const VICTIM_ADDRESS = "203.0.113.5";
const ATTACKER_ADDRESS = "198.51.100.7";

type Sms = { kind: string; phone: string; pin: string; text: string; bookingCode: string };

/** The SMS relay a deployment points NOTIFIER=webhook at, on 127.0.0.1: answers 200, or 500 while `failing`. */
async function startSmsRelay() {
  const received: Sms[] = [];
  const state = { failing: false };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Sms);
      res.writeHead(state.failing ? 500 : 200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/sms`, received, state,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe.each(storeBackends("oracle", { tables: ["bookings"] }))("the phone oracle, without a notifier (%s)", (_name, makeBackend) => {
  const schedule = writeTestSchedule(1);
  const backend = makeBackend();
  const { app, runtime } = buildTestApp({ env: { ...backend.env, SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false", TRUST_PROXY_HOPS: "1" }, now: THURSDAY_MORNING });
  const book = (slotId: string, phone: string, from: string) =>
    request(app).post("/api/bookings").set("X-Forwarded-For", from).send({ slotId, name: "주민", phone, consent: true });

  beforeAll(async () => {
    for (let i = 0; i < 50 && (await request(app).get("/readyz")).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(async () => {
    await runtime.close();
    await backend.cleanup();
    schedule.remove();
  });

  it("when a slot is full, then the victim's phone and any other phone get the same status and body (capacity is decided first)", async () => {
    expect((await book(slot(4, 9), VICTIM, VICTIM_ADDRESS)).status).toBe(201);
    expect((await book(slot(4, 10), "010-4444-0003", VICTIM_ADDRESS)).status).toBe(201);
    const victim = await book(slot(4, 10), VICTIM, ATTACKER_ADDRESS);
    const other = await book(slot(4, 10), OTHER, ATTACKER_ADDRESS);
    expect(victim.status).toBe(409);
    expect(victim.body.error.code).toBe("SLOT_TAKEN");
    expect([victim.status, victim.body]).toEqual([other.status, other.body]);
    // Even from the victim's own address a full slot says nothing about the phone.
    const own = await book(slot(4, 10), VICTIM, VICTIM_ADDRESS);
    expect([own.status, own.body]).toEqual([other.status, other.body]);
  });

  it("when a free slot is booked with a phone that has a booking made elsewhere, then it is booked as for any phone and marked unconfirmed; its owner is told", async () => {
    const withVictim = await book(slot(4, 11), VICTIM, ATTACKER_ADDRESS);
    const withOther = await book(slot(4, 13), OTHER, ATTACKER_ADDRESS);
    expect([withVictim.status, withOther.status]).toEqual([201, 201]);
    expect(Object.keys(withVictim.body.booking).sort()).toEqual(Object.keys(withOther.body.booking).sort());
    expect(withVictim.body.booking).toMatchObject({ status: "confirmed", phoneConfirmed: false });
    expect(withVictim.body.booking.confirmBy).toBeUndefined();

    // The address that booked first is answered as the owner (the residual, limited case: docs/booking.md).
    const again = await book(slot(4, 14), VICTIM, VICTIM_ADDRESS);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ACTIVE_BOOKING_EXISTS");
  });
});

describe.each(storeBackends("confirm", { tables: ["bookings"] }))("phone confirmation through an SMS relay (%s)", (_name, makeBackend) => {
  let nowMs = Date.parse(THURSDAY_MORNING);
  const schedule = writeTestSchedule(1);
  const backend = makeBackend();
  let relay: Awaited<ReturnType<typeof startSmsRelay>>;
  let harness: ReturnType<typeof buildTestApp>;
  const app = () => harness.app;
  const book = (slotId: string, phone: string) => request(app()).post("/api/bookings").send({ slotId, name: "주민", phone, consent: true });
  const confirm = (code: string, phone: string, pin: string) => request(app()).post("/api/bookings/confirm").send({ code, phone, pin });
  const lastSms = () => {
    const sms = relay.received.at(-1);
    if (sms === undefined) throw new Error("no SMS sent");
    return sms;
  };
  const wrongPin = (pin: string) => (pin === "000000" ? "111111" : "000000");

  beforeAll(async () => {
    relay = await startSmsRelay();
    harness = buildTestApp({
      env: { ...backend.env, SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false", NOTIFIER: "webhook", REMINDER_WEBHOOK_URL: relay.url },
      clock: () => new Date(nowMs),
    });
    for (let i = 0; i < 50 && (await request(app()).get("/readyz")).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(async () => {
    await harness.runtime.close();
    await relay.close();
    await backend.cleanup();
    schedule.remove();
  });

  it("when a resident books, then a 6-digit code goes to the phone; a wrong code counts down, the right one confirms (twice: the same)", async () => {
    const res = await book(slot(4, 9), VICTIM);
    expect(res.status).toBe(201);
    expect(res.body.booking).toMatchObject({ status: "confirmed", phoneConfirmed: false, confirmBy: new Date(nowMs + 10 * 60_000).toISOString() });
    const sms = lastSms();
    expect(sms).toMatchObject({ kind: "phone_confirmation", phone: "01044440001", bookingCode: res.body.booking.code });
    expect(sms.pin).toMatch(/^\d{6}$/);
    expect(sms.text).toContain(sms.pin);

    const wrong = await confirm(res.body.booking.code, VICTIM, wrongPin(sms.pin));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details).toEqual([{ path: "pin", message: expect.stringContaining("2 tries left") }]);
    expect((await confirm(res.body.booking.code, OTHER, sms.pin)).status).toBe(404);
    const right = await confirm(res.body.booking.code, VICTIM, sms.pin);
    expect(right.status).toBe(200);
    expect(right.body.booking).toMatchObject({ code: res.body.booking.code, status: "confirmed", phoneConfirmed: true });
    expect(right.body.booking.confirmBy).toBeUndefined();
    expect((await confirm(res.body.booking.code, VICTIM, sms.pin)).body.booking).toEqual(right.body.booking);
  });

  it("when someone books with a phone that has a booking, then they get what any phone gets; wrong codes lapse it and free the place; the proven phone is told of its booking", async () => {
    const attack = await book(slot(4, 10), VICTIM);
    const fresh = await book(slot(4, 11), OTHER);
    expect([attack.status, fresh.status]).toEqual([201, 201]);
    expect(Object.keys(attack.body.booking).sort()).toEqual(Object.keys(fresh.body.booking).sort());
    const attackSms = relay.received.find((sms) => sms.bookingCode === attack.body.booking.code);
    if (attackSms === undefined) throw new Error("no code sent for the attack");
    const pin = wrongPin(attackSms.pin);
    expect((await confirm(attack.body.booking.code, VICTIM, pin)).status).toBe(422);
    expect((await confirm(attack.body.booking.code, VICTIM, pin)).status).toBe(422);
    const lapsed = await confirm(attack.body.booking.code, VICTIM, pin);
    expect(lapsed.status).toBe(409);
    expect(lapsed.body.error).toMatchObject({ code: "BOOKING_NOT_CHANGEABLE", details: { reason: "confirmation_lapsed" } });
    expect((await confirm(attack.body.booking.code, VICTIM, attackSms.pin)).status).toBe(409);
    const slots = await request(app()).get("/api/slots?specialty=debt&from=2026-12-04&days=1");
    expect(slots.body.slots.find((s: { id: string }) => s.id === slot(4, 10))?.remaining).toBe(1);

    // The resident, holding the phone, books again: told of the first booking only once the code proves the phone.
    const second = await book(slot(4, 15), VICTIM);
    expect(second.status).toBe(201);
    const told = await confirm(second.body.booking.code, VICTIM, lastSms().pin);
    expect(told.status).toBe(409);
    expect(told.body.error.code).toBe("ACTIVE_BOOKING_EXISTS");
    const after = await request(app()).post("/api/bookings/lookup").send({ code: second.body.booking.code, phone: VICTIM });
    expect(after.body.booking.status).toBe("cancelled");
  });

  it("when the code does not come back in time, then the booking lapses and its place is free", async () => {
    const res = await book(slot(4, 13), "010-4444-0005");
    const pin = lastSms().pin;
    nowMs += 11 * 60_000;
    const late = await confirm(res.body.booking.code, "010-4444-0005", pin);
    expect(late.status).toBe(409);
    expect(late.body.error.details.reason).toBe("confirmation_lapsed");
    expect((await book(slot(4, 13), "010-4444-0006")).status).toBe(201);
  });

  it("when the relay cannot send the code, then the booking is kept, marked unconfirmed for staff", async () => {
    relay.state.failing = true;
    try {
      const res = await book(slot(4, 14), "010-4444-0007");
      expect(res.status).toBe(201);
      expect(res.body.booking).toMatchObject({ status: "confirmed", phoneConfirmed: false });
      expect(res.body.booking.confirmBy).toBeUndefined();
      const raw = await backend.dumpRaw();
      expect(raw).not.toContain(lastSms().pin === "" ? "never" : `"${lastSms().pin}"`);
    } finally {
      relay.state.failing = false;
    }
  });

  it("when staff list the appointments, then each says whether its phone was proven, and one still waiting for its code says until when", async () => {
    const waiting = await book(slot(4, 16), "010-4444-0008");
    const staff = await signInAs(app(), harness.runtime.deps.staffAuth, "staff", new Date(nowMs).toISOString());
    const res = await request(app()).get("/api/staff/appointments?from=2026-12-04&to=2026-12-04").set("Cookie", staff.cookie).expect(200);
    const byCode = new Map<string, Record<string, unknown>>(res.body.appointments.map((a: Record<string, unknown>) => [a.code, a]));
    expect(byCode.get(waiting.body.booking.code)).toMatchObject({ phoneConfirmed: false, confirmBy: waiting.body.booking.confirmBy });
    const confirmed = [...byCode.values()].filter((a) => a.phoneConfirmed === true);
    expect(confirmed).toHaveLength(1);
    expect([...byCode.values()].filter((a) => a.phoneConfirmed === false && a.confirmBy === undefined && a.status === "confirmed").length).toBeGreaterThan(0);
  });

  it("when a resident books in the web chat, then the chat asks for the code sent to the phone; a wrong one counts down, the right one books", async () => {
    const created = await request(app()).post("/api/chat/sessions").send({ lang: "ko" });
    const sessionId = String(created.body.sessionId);
    const send = async (body: UserInput): Promise<Turn> => {
      const res = await request(app()).post(`/api/chat/sessions/${sessionId}/messages`).send(body);
      if (res.status !== 200) throw new Error(`${res.status}: ${JSON.stringify(res.body)}`);
      return turnSchema.parse(res.body.turn);
    };
    const text = (turn: Turn) => turn.messages.map((m) => m.text).join("\n");
    for (const input of walkInputs(CARD_DEBTOR_ANSWERS, { now: new Date(nowMs).toISOString() })) await send(input);
    await send({ optionId: "booking:start" });
    await send({ optionId: "booking:specialty:debt" });
    await send({ optionId: "booking:day:2026-12-07" });
    await send({ optionId: "booking:time:debt@2026-12-07T10:00+09:00" });
    await send({ text: "홍길동" });
    await send({ text: "010-4444-0009" });
    const asked = await send({ optionId: "booking:confirm" });
    expect(text(asked)).toContain("인증번호 6자리");
    expect(asked.booking).toBeUndefined();
    const sms = lastSms();
    expect(sms).toMatchObject({ kind: "phone_confirmation", phone: "01044440009" });
    expect(text(asked)).not.toContain(sms.bookingCode);

    expect(text(await send({ text: "12 34" }))).toContain("숫자 6자리");
    expect(text(await send({ text: wrongPin(sms.pin) }))).toContain("2번 더 입력할 수 있어요");
    const booked = await send({ text: sms.pin });
    expect(text(booked)).toContain(`예약 번호는 ${sms.bookingCode}`);
    expect(booked.booking).toMatchObject({ code: sms.bookingCode, status: "confirmed" });
    const stored = await harness.runtime.deps.bookings.lookup(sms.bookingCode, "010-4444-0009");
    expect(stored).toMatchObject({ phoneConfirmed: true, sessionRef: expect.stringMatching(/^web:/) });
  });
});
