import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { THURSDAY_MORNING, writeTestSchedule } from "../../support/booking-schedule";
import type { DedicatedRedis } from "../../support/redis-server";
import { startDedicatedRedis } from "../../support/redis-server";
import { signInAs } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

/**
 * Redis (a real redis-server, killed) is away: every route that needs it answers 503 with
 * Retry-After in the contract's shape, never 500; routes that do not need it go on.
 */
describe("every route while Redis is away", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-store-outage-"));
  const schedule = writeTestSchedule(3);
  let redis: DedicatedRedis;
  let built: ReturnType<typeof buildTestApp>;
  let staff = { cookie: "", csrf: "" };
  let admin = { cookie: "", csrf: "" };

  beforeAll(async () => {
    redis = await startDedicatedRedis();
    built = buildTestApp({ env: { DATA_DIR: dir, REDIS_URL: redis.url, REDIS_KEY_PREFIX: "edges-outage:", SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false" }, now: THURSDAY_MORNING });
    await built.runtime.ready();
    staff = await signInAs(built.app, built.runtime.deps.staffAuth, "staff", THURSDAY_MORNING);
    admin = await signInAs(built.app, built.runtime.deps.staffAuth, "admin", THURSDAY_MORNING);
    await redis.stop();
  });
  afterAll(async () => {
    await redis.start();
    await built.runtime.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
    schedule.remove();
  });

  const as = (who: { cookie: string; csrf: string }) => ({
    get: (url: string) => request(built.app).get(url).set("Cookie", who.cookie),
    post: (url: string, body: object) => request(built.app).post(url).set("Cookie", who.cookie).set("X-CSRF-Token", who.csrf).send(body),
  });

  it("then no route answers 500, and those that need Redis answer 503 with Retry-After", async () => {
    const answers = [
      ["login", await request(built.app).post("/api/staff/login").send({ username: "kim", password: "wrong password here" })],
      ["login ok", await request(built.app).post("/api/staff/login").send({ username: "kim", password: "correct horse battery" })],
      ["me", await as(staff).get("/api/staff/me")],
      ["appointments", await as(staff).get("/api/staff/appointments")],
      ["audit", await as(admin).get("/api/admin/audit")],
      ["flows", await as(admin).get("/api/admin/flows/debt-triage")],
      ["rules", await as(admin).get("/api/admin/rules")],
      ["schedule", await as(admin).get("/api/admin/schedule")],
      ["logout", await as(staff).post("/api/staff/logout", {})],
      ["chat", await request(built.app).post("/api/chat/sessions").send({})],
      ["slots", await request(built.app).get("/api/slots?specialty=debt")],
      ["kakao", await request(built.app).post("/kakao/skill").send({ userRequest: { user: { id: "u1" }, utterance: "안녕" }, bot: { id: "b" }, action: { clientExtra: {} } })],
      ["triage", await request(built.app).post("/api/triage/evaluate").send({})],
    ] as const;
    const statuses = Object.fromEntries(answers.map(([name, res]) => [name, res.status]));
    expect(Object.entries(statuses).filter(([, status]) => status >= 500 && status !== 503)).toEqual([]);
    for (const [name, res] of answers) {
      if (res.status !== 503) continue;
      expect({ name, retryAfter: /^\d+$/.test(String(res.headers["retry-after"])), code: res.body.error?.code }).toEqual({ name, retryAfter: true, code: "DEPENDENCY_UNAVAILABLE" });
    }
    // The login counts failures in Redis: it cannot tell a right password from a wrong one safely meanwhile.
    expect([statuses.login, statuses["login ok"]]).toEqual([503, 503]);
    expect(statuses.chat).toBe(503);
  });
});
