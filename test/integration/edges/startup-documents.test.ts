import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import request from "supertest";
import { loadSchedule } from "../../../flows/load-schedule";
import { THURSDAY_MORNING } from "../../support/booking-schedule";
import { SHARED_REDIS_URL, uniquePrefix } from "../../support/redis-server";
import { signInAs } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

const CLOSED_DAY = "2026-12-04";

/**
 * A restarted instance serves what admins published from its first request, with REDIS_URL set
 * too: start-up waits for the connections and reads every published document; one that cannot be
 * read fails the start instead of serving the shipped schedule.
 */
describe("published documents at start", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-startup-docs-"));
  const env = { DATA_DIR: dir, REDIS_URL: SHARED_REDIS_URL, REDIS_KEY_PREFIX: uniquePrefix("startup-docs"), REMINDERS_ENABLED: "false", STARTUP_WAIT_SECONDS: "1" };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const slotsOnClosedDay = async (app: ReturnType<typeof buildTestApp>["app"]) =>
    (await request(app).get(`/api/slots?specialty=debt&from=${CLOSED_DAY}&days=1`).expect(200)).body.slots.length;

  it("when an admin closed a day and the instance restarts, then from ready() on the day has no slots", async () => {
    const first = buildTestApp({ env, now: THURSDAY_MORNING });
    await first.runtime.ready();
    expect(await slotsOnClosedDay(first.app)).toBeGreaterThan(0);
    const admin = await signInAs(first.app, first.runtime.deps.staffAuth, "admin", THURSDAY_MORNING);
    const schedule = { ...structuredClone(loadSchedule()), closures: [{ date: CLOSED_DAY, reason: "교육" }] };
    await request(first.app).put("/api/admin/schedule").set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send({ schedule }).expect(200);
    await first.runtime.close();

    const restarted = buildTestApp({ env, now: THURSDAY_MORNING });
    await restarted.runtime.ready();
    const closedAtOnce = await slotsOnClosedDay(restarted.app);
    await restarted.runtime.close();
    expect(closedAtOnce).toBe(0);
  });

  it("when the published documents cannot be read at start, then ready() fails instead of serving the shipped schedule", async () => {
    const file = path.join(dir, "hanbeon.sqlite");
    const database = new Database(file);
    database.exec("ALTER TABLE document_versions RENAME TO document_versions_away");
    database.close();
    const restarted = buildTestApp({ env, now: THURSDAY_MORNING });
    const outcome = await restarted.runtime.ready().then(() => "served", () => "refused");
    await restarted.runtime.close();
    expect(outcome).toBe("refused");
  });
});
