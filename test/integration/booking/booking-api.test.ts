import request from "supertest";
import { THURSDAY_MORNING, writeTestSchedule } from "../../support/booking-schedule";
import { storeBackends } from "../../support/store-backends";
import { GENEROUS_LIMITS } from "../../support/generous-limits";
import { buildTestApp } from "../../support/test-app";

const backends = storeBackends("bookapi", { tables: ["bookings", "holds", "idempotency_keys"] });

/** Thursday 3 and Friday 4 December 2026; the debt specialty has one counsellor in this schedule. */
const slot = (day: 3 | 4, hour: number) => `debt@2026-12-0${day}T${String(hour).padStart(2, "0")}:00+09:00`;
const person = (n: number) => ({ name: `주민${n}`, phone: `010-3333-${String(1000 + n)}` });

describe.each(backends)("booking API (%s)", (_name, makeBackend) => {
  const schedule = writeTestSchedule(1);
  const backend = makeBackend();
  const { app, runtime } = buildTestApp({ env: { ...backend.env, SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false", ...GENEROUS_LIMITS }, now: THURSDAY_MORNING });
  const book = (slotId: string, n: number, extra: Record<string, unknown> = {}) =>
    request(app).post("/api/bookings").send({ slotId, ...person(n), consent: true, ...extra });

  beforeAll(async () => {
    await runtime.ready();
  });
  afterAll(async () => {
    await runtime.close();
    await backend.cleanup();
    schedule.remove();
  });

  it("when slots are listed, then open slots from the notice time come in Seoul time with what remains", async () => {
    const res = await request(app).get("/api/slots?specialty=legal&from=2026-12-03&days=1");
    expect(res.status).toBe(200);
    expect(res.body.slots[0]).toEqual({ id: "legal@2026-12-03T10:00+09:00", start: "2026-12-03T10:00+09:00", end: "2026-12-03T11:00+09:00", specialty: "legal", remaining: 1 });
    expect(res.body.slots.map((s: { start: string }) => s.start.slice(11, 16))).toEqual(["10:00", "11:00", "13:00", "14:00", "15:00", "16:00", "17:00"]);
  });

  it.each([
    ["an unknown specialty", "specialty=tax", "specialty"],
    ["no specialty", "days=2", "specialty"],
    ["a bad date", "specialty=debt&from=2026-02-30", "from"],
    ["zero days", "specialty=debt&days=0", "days"],
    ["an unknown parameter", "specialty=debt&size=3", "size"],
  ])("when the slot query has %s, then 422 names it", async (_label, query, at) => {
    const res = await request(app).get(`/api/slots?${query}`);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: at })]));
  });

  it("when a resident books, then 201 gives the public booking only, and lookup accepts any spelling of code and phone", async () => {
    const res = await book(slot(4, 9), 1);
    expect(res.status).toBe(201);
    const { booking } = res.body;
    expect(Object.keys(booking).sort()).toEqual(["code", "end", "id", "location", "phoneConfirmed", "specialty", "start", "status"]);
    expect(booking.phoneConfirmed).toBe(false);
    expect(booking).toMatchObject({ start: "2026-12-04T09:00+09:00", end: "2026-12-04T10:00+09:00", specialty: "debt", status: "confirmed" });
    expect(booking.code).toMatch(/^[ACDEFHJKMNPRTWXY34679]{3}-[ACDEFHJKMNPRTWXY34679]{3}$/);
    expect(booking.location).toContain("의정부");

    const found = await request(app).post("/api/bookings/lookup?lang=en").send({ code: booking.code.replace("-", " ").toLowerCase(), phone: "01033331001" });
    expect(found.status).toBe(200);
    expect(found.body.booking).toMatchObject({ id: booking.id, code: booking.code });
    expect(found.body.booking.location).toContain("Uijeongbu");
  });

  it("when the code or the phone is wrong, then the same 404 answers both", async () => {
    const { body } = await book(slot(4, 10), 2);
    const wrongPhone = await request(app).post("/api/bookings/lookup").send({ code: body.booking.code, phone: "010-9999-9999" });
    const wrongCode = await request(app).post("/api/bookings/lookup").send({ code: "XXX-XXX", phone: person(2).phone });
    expect(wrongPhone.status).toBe(404);
    expect(wrongCode.status).toBe(404);
    expect(wrongPhone.body).toEqual(wrongCode.body);
    expect((await request(app).post("/api/bookings/cancel").send({ code: body.booking.code, phone: "010-9999-9999" })).status).toBe(404);
    expect((await request(app).post("/api/bookings/ics").send({ code: body.booking.code, phone: "010-9999-9999" })).status).toBe(404);
  });

  it("when a request is retried with the same Idempotency-Key, then the first booking comes back and nothing more is booked", async () => {
    const first = await book(slot(4, 11), 3).set("Idempotency-Key", "retry-3");
    const retry = await book(slot(4, 11), 3).set("Idempotency-Key", "retry-3");
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.body.booking).toEqual(first.body.booking);
    expect((await book(slot(4, 11), 3)).status).toBe(409);
  });

  it("when an Idempotency-Key comes again after its booking was cancelled, or with another phone, then it books anew instead of answering the old booking", async () => {
    // Another specialty's slots: the other tests fill the debt calendar.
    const legal = (hour: number) => `legal@2026-12-04T${hour}:00+09:00`;
    const first = await book(legal(16), 21).set("Idempotency-Key", "reused-21");
    expect(first.status).toBe(201);
    const code = String(first.body.booking.code);
    expect((await request(app).post("/api/bookings/cancel").send({ code, phone: person(21).phone })).status).toBe(200);
    const again = await book(legal(16), 21).set("Idempotency-Key", "reused-21");
    expect(again.status).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBeUndefined();
    expect(again.body.booking.status).toBe("confirmed");
    expect(again.body.booking.code).not.toBe(code);
    // Someone else's phone under the same key is never answered with this booking.
    const other = await book(legal(17), 22).set("Idempotency-Key", "reused-21");
    expect(other.status).toBe(201);
    expect(other.body.booking.code).not.toBe(again.body.booking.code);
  });

  it("when the phone already has an upcoming booking, then 409 ACTIVE_BOOKING_EXISTS says how to change it", async () => {
    expect((await book(slot(4, 13), 4)).status).toBe(201);
    const again = await book(slot(4, 14), 4, { phone: "+82 10 3333 1004" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ACTIVE_BOOKING_EXISTS");
    expect(again.body.error.details.howToChange).toEqual(expect.objectContaining({ reschedule: expect.any(String), cancel: expect.any(String) }));
    expect(JSON.stringify(again.body)).not.toMatch(/[A-Z0-9]{3}-[A-Z0-9]{3}/);
  });

  it("when a booking is cancelled, then it answers cancelled (twice too) and the slot and phone are free to book again", async () => {
    const { body } = await book(slot(4, 15), 5);
    const cancelled = await request(app).post("/api/bookings/cancel").send({ code: body.booking.code, phone: person(5).phone });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booking).toMatchObject({ id: body.booking.id, status: "cancelled" });
    expect((await request(app).post("/api/bookings/cancel").send({ code: body.booking.code, phone: person(5).phone })).body.booking.status).toBe("cancelled");
    const rebooked = await book(slot(4, 15), 5);
    expect(rebooked.status).toBe(201);
    expect(rebooked.body.booking.id).not.toBe(body.booking.id);
  });

  it("when a slot is full, then booking or rescheduling into it is 409 SLOT_TAKEN with the nearest alternatives", async () => {
    const a = await book(slot(4, 16), 6);
    expect((await book(slot(4, 17), 7)).status).toBe(201);
    const taken = await book(slot(4, 17), 8);
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("SLOT_TAKEN");
    const alternatives: Array<{ id: string; specialty: string }> = taken.body.error.details.alternatives;
    expect(alternatives.length).toBeGreaterThan(0);
    expect(alternatives.every((s) => s.specialty === "debt" && s.id !== slot(4, 17))).toBe(true);

    const moveToFull = await request(app).post("/api/bookings/reschedule").send({ code: a.body.booking.code, phone: person(6).phone, slotId: slot(4, 17) });
    expect(moveToFull.status).toBe(409);
    expect(moveToFull.body.error.code).toBe("SLOT_TAKEN");
    expect(moveToFull.body.error.details.alternatives.length).toBeGreaterThan(0);

    const moved = await request(app).post("/api/bookings/reschedule").send({ code: a.body.booking.code, phone: person(6).phone, slotId: slot(3, 16) });
    expect(moved.status).toBe(200);
    expect(moved.body.booking).toMatchObject({ id: a.body.booking.id, start: "2026-12-03T16:00+09:00", status: "confirmed" });
    const friday = await request(app).get("/api/slots?specialty=debt&from=2026-12-04&days=1");
    expect(friday.body.slots.map((s: { id: string }) => s.id)).toContain(slot(4, 16));
  });

  it("when the slot starts before the notice time, then 409 SLOT_TAKEN says why and offers others", async () => {
    const res = await book(slot(3, 9), 9);
    expect(res.status).toBe(409);
    expect(res.body.error.details.reason).toBe("past_notice");
    expect(res.body.error.details.alternatives[0].id).toBe(slot(3, 10));
  });

  it("when the calendar file is asked for, then it is iCalendar at the right instant without name or phone", async () => {
    const { body } = await book(slot(3, 11), 10, { name: "  김영희  " });
    const res = await request(app).post("/api/bookings/ics?lang=en").send({ code: body.booking.code, phone: person(10).phone });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/calendar/);
    const ics = res.text;
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r?\n/);
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toMatch(/DTSTART:20261203T020000Z/);
    expect(ics).toMatch(/DTEND:20261203T030000Z/);
    expect(ics).toContain(body.booking.code);
    expect(ics).toMatch(/SUMMARY:debt adjustment counselling/);
    for (const secret of ["김영희", "01033331010", "3333-1010", "33331010"]) expect(ics).not.toContain(secret);
  });

  it("when the store is read directly, then it holds the normalized phone and trimmed name only, sealed", async () => {
    const res = await book(slot(3, 13), 11, { phone: "+82 (10) 3333-1011", name: "  박철수 " });
    const raw = await backend.dumpRaw();
    expect(raw).toContain(String(res.body.booking.code));
    for (const plain of ["01033331011", "3333-1011", "33331011", "박철수", "+82"]) expect(raw).not.toContain(plain);
    const stored = await runtime.deps.bookings.findByCode(String(res.body.booking.code));
    if (!stored) throw new Error("the booking was not stored");
    expect(runtime.deps.bookings.openPersonal(stored)).toEqual({ name: "박철수", phone: "01033331011" });
  });

  it.each([
    ["no consent", { consent: false }, "consent"],
    ["consent left out", { consent: undefined }, "consent"],
    ["an unknown field", { email: "a@b.c" }, "email"],
    ["an empty name", { name: "   " }, "name"],
    ["a long name", { name: "가".repeat(41) }, "name"],
    ["a control character in the name", { name: "홍\u0007길동" }, "name"],
    ["a landline", { phone: "02-123-4567" }, "phone"],
    ["a slot not on the schedule", { slotId: "debt@2026-12-03T10:30+09:00" }, "slotId"],
    ["a malformed session id", { sessionId: "x" }, "sessionId"],
  ])("when the booking has %s, then 422 names the field", async (_label, change, at) => {
    const res = await book(slot(3, 14), 12, change);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: at })]));
  });

  it("when the Idempotency-Key is not usable or the lookup has an unknown field, then 422", async () => {
    expect((await book(slot(3, 14), 13).set("Idempotency-Key", "x".repeat(201))).status).toBe(422);
    expect((await request(app).post("/api/bookings/lookup").send({ code: "AAA-AAA", phone: "01012345678", name: "x" })).status).toBe(422);
    expect((await request(app).post("/api/bookings/reschedule").send({ code: "AAA-AAA", phone: "01012345678" })).status).toBe(422);
  });

  it("when the OpenAPI document is read, then it lists the booking endpoints", async () => {
    const res = await request(app).get("/api/openapi.json");
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining([
      "/api/slots", "/api/bookings", "/api/bookings/lookup", "/api/bookings/cancel", "/api/bookings/reschedule", "/api/bookings/ics",
    ]));
  });
});
