import request from "supertest";
import { THURSDAY_MORNING, writeTestSchedule } from "../support/booking-schedule";
import { createTestDatabase } from "../support/postgres-database";
import type { DedicatedRedis } from "../support/redis-server";
import { startDedicatedRedis } from "../support/redis-server";
import { buildTestApp } from "../support/test-app";

/**
 * Redis goes away and comes back (a real redis-server without persistence, killed and restarted)
 * while records live in PostgreSQL: chats answer 503 meanwhile and their sessions are gone after,
 * but no booking is lost or doubled, and booking goes on throughout.
 */
describe("when Redis goes away", () => {
  let redis: DedicatedRedis;
  let built: ReturnType<typeof buildTestApp>;
  const database = createTestDatabase("outage");
  const schedule = writeTestSchedule(3);
  const book = (hour: number, n: number) => request(built.app).post("/api/bookings")
    .send({ slotId: `legal@2026-12-03T${hour}:00+09:00`, name: `주민${n}`, phone: `010-4444-${1000 + n}`, consent: true });

  beforeAll(async () => {
    redis = await startDedicatedRedis();
    built = buildTestApp({ env: { DATABASE_URL: database.url, REDIS_URL: redis.url, REDIS_KEY_PREFIX: "outage:", SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false" }, now: THURSDAY_MORNING });
    await built.runtime.ready();
  });
  afterAll(async () => {
    await built.runtime.close();
    await redis.stop();
    await database.drop();
    schedule.remove();
  });

  it("then chats answer 503 with Retry-After and /readyz says not ready, bookings go on, and after the restart nothing is lost or doubled", async () => {
    const created = await request(built.app).post("/api/chat/sessions").send({});
    expect(created.status).toBe(201);
    const id: string = created.body.sessionId;
    expect((await request(built.app).post(`/api/chat/sessions/${id}/messages`).send({ optionId: "yes" })).status).toBe(200);
    const before = await Promise.all([book(10, 1), book(11, 2)]);
    expect(before.map((r) => r.status)).toEqual([201, 201]);

    await redis.stop();
    const during = await request(built.app).post(`/api/chat/sessions/${id}/messages`).send({ optionId: "yes" });
    expect(during.status).toBe(503);
    expect(during.headers["retry-after"]).toMatch(/^\d+$/);
    expect(during.body.error.code).toBe("DEPENDENCY_UNAVAILABLE");
    expect((await request(built.app).post("/api/chat/sessions").send({})).status).toBe(503);
    const ready = await request(built.app).get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.headers["retry-after"]).toBeDefined();
    // Records do not depend on Redis: booking goes on (rate limits count per instance meanwhile).
    const meanwhile = await book(13, 3);
    expect(meanwhile.status).toBe(201);
    // The same client again with the same phone on a free slot: told of its booking (a full slot says SLOT_TAKEN first).
    expect((await book(14, 3)).body.error?.code).toBe("ACTIVE_BOOKING_EXISTS");

    await redis.start();
    expect(await built.runtime.storesReachable()).toBe(true);
    expect((await request(built.app).get("/readyz")).status).toBe(200);
    // This Redis keeps nothing on disk: the old conversation is gone (404) and the restart is counted; new ones work.
    expect((await request(built.app).get(`/api/chat/sessions/${id}`)).status).toBe(404);
    expect(await built.runtime.deps.metrics.registry.getSingleMetricAsString("hanbeon_events_total")).toMatch(/hanbeon_events_total\{kind="redis_restarted"\} 1/);
    const again = await request(built.app).post("/api/chat/sessions").send({});
    expect(again.status).toBe(201);
    expect((await request(built.app).post(`/api/chat/sessions/${again.body.sessionId}/messages`).send({ optionId: "yes" })).status).toBe(200);
    const stored = await built.runtime.deps.bookings.listBookings("2026-12-03T00:00:00+09:00", "2026-12-04T00:00:00+09:00");
    expect(stored.map((b) => b.code).sort()).toEqual([before[0]?.body.booking.code, before[1]?.body.booking.code, meanwhile.body.booking.code].sort());
  });
});
