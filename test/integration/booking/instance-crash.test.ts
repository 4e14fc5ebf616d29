import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { writeTestSchedule } from "../../support/booking-schedule";
import { createTestDatabase } from "../../support/postgres-database";
import { freePort, SHARED_REDIS_URL, uniquePrefix } from "../../support/redis-server";
import { GENEROUS_LIMITS } from "../../support/generous-limits";
import { TEST_DATA_KEY } from "../../support/test-app";

const ROOT = path.resolve(__dirname, "../../..");
const RESIDENTS = 120;
const CAPACITY = 2;

type Server = { url: string; child: ChildProcess };

/** The real server (server/main.ts) in a child process of its own, on the wall clock, ready when /readyz says so. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server/main.ts")], {
    cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "silent", NODE_ENV: "test" }, stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (await fetch(`${url}/readyz`).then((res) => res.status === 200, () => false)) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error("the server did not become ready");
}

type Attempt = { phone: string; key: string; slotId: string; status?: number; code?: string };

async function book(server: Server, attempt: Attempt): Promise<Attempt> {
  try {
    const res = await fetch(`${server.url}/api/bookings`, {
      method: "POST", headers: { "content-type": "application/json", "idempotency-key": attempt.key },
      body: JSON.stringify({ slotId: attempt.slotId, name: "주민", phone: attempt.phone, consent: true }),
    });
    const body: { booking?: { code: string } } = await res.json();
    return { ...attempt, status: res.status, code: body.booking?.code };
  } catch {
    return attempt; // no answer: the instance died with the request in flight
  }
}

/**
 * An instance killed with SIGKILL in the middle of a burst of bookings, then the residents who got
 * no answer retrying with the same Idempotency-Key on a second instance: nothing lost (every 201
 * is stored), nothing doubled (one booking per phone, no slot over capacity).
 */
describe("an instance killed (-9) during bookings", () => {
  const database = createTestDatabase("crash");
  const schedule = writeTestSchedule(CAPACITY);
  const env = { DATABASE_URL: database.url, REDIS_URL: SHARED_REDIS_URL, REDIS_KEY_PREFIX: uniquePrefix("crash"), SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false", ...GENEROUS_LIMITS, DATA_ENCRYPTION_KEY: TEST_DATA_KEY };
  const servers: Server[] = [];

  afterAll(async () => {
    for (const server of servers) server.child.kill("SIGKILL");
    await database.drop();
    schedule.remove();
  });

  it("when the second instance takes the retries, then every answered booking is stored once and no slot holds more than its capacity", async () => {
    const first = await startServer(env);
    servers.push(first);
    const slots: { id: string }[] = (await (await fetch(`${first.url}/api/slots?specialty=debt&days=14`)).json()).slots;
    expect(slots.length).toBeGreaterThan(5);
    const attempts: Attempt[] = Array.from({ length: RESIDENTS }, (_, i) => ({
      phone: `010-6${String(i).padStart(3, "0")}-${String(1000 + i)}`, key: `crash-${i}`, slotId: slots[i % 6]?.id ?? "",
    }));
    // Killed once some answers are out and others are still being served.
    let answered = 0;
    let tenAnswered: () => void = () => {};
    const enough = new Promise<void>((resolve) => { tenAnswered = resolve; });
    const inFlight = attempts.map((attempt) => book(first, attempt).then((result) => {
      if (result.status !== undefined && ++answered === 10) tenAnswered();
      return result;
    }));
    await Promise.race([enough, Promise.all(inFlight)]);
    first.child.kill("SIGKILL");
    const results = await Promise.all(inFlight);
    const unanswered = results.filter((r) => r.status === undefined);
    expect(unanswered.length).toBeGreaterThan(0);

    const second = await startServer(env);
    servers.push(second);
    const retried = await Promise.all(unanswered.map((attempt) => book(second, attempt)));
    const final = [...results.filter((r) => r.status !== undefined), ...retried];
    expect(final.every((r) => r.status === 200 || r.status === 201 || r.status === 409)).toBe(true);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const perPhone = await client.query<{ n: string }>("SELECT COUNT(*) AS n FROM bookings GROUP BY phone HAVING COUNT(*) > 1");
      expect(perPhone.rows).toEqual([]);
      const perSlot = await client.query<{ slot_id: string; n: string }>("SELECT slot_id, COUNT(*) AS n FROM bookings WHERE status <> 'cancelled' GROUP BY slot_id");
      expect(perSlot.rows.every((row) => Number(row.n) <= CAPACITY)).toBe(true);
      const stored = new Set((await client.query<{ code: string }>("SELECT code FROM bookings")).rows.map((row) => row.code));
      const answeredCodes = final.flatMap((r) => (r.code ? [r.code] : []));
      for (const code of answeredCodes) expect(stored.has(code)).toBe(true);
      expect(new Set(answeredCodes).size).toBe(stored.size);
    } finally {
      await client.end();
    }
  }, 60_000);
});
