import type { Server } from "node:http";
import { createServer } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEBT_SLOT, THURSDAY_MORNING, writeTestSchedule } from "../../support/booking-schedule";
import { postgresRedisBackend } from "../../support/store-backends";
import { GENEROUS_LIMITS } from "../../support/generous-limits";
import { buildTestApp } from "../../support/test-app";

const RESIDENTS = 200;

type Instance = { url: string; close: () => Promise<void>; runtime: ReturnType<typeof buildTestApp>["runtime"] };

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const { app, runtime } = buildTestApp({ env, now: THURSDAY_MORNING });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  for (let i = 0; i < 50 && (await fetch(`${url}/readyz`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
  return {
    url, runtime,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}

type Outcome = { status: number; code?: string; alternatives?: unknown };

/** Every resident posts at once, spread over the instances in turn; distinct phones. */
async function bookAtOnce(instances: Instance[]): Promise<Outcome[]> {
  return Promise.all(Array.from({ length: RESIDENTS }, async (_, i): Promise<Outcome> => {
    const instance = instances[i % instances.length];
    if (!instance) throw new Error("no instance");
    const res = await fetch(`${instance.url}/api/bookings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slotId: DEBT_SLOT, name: `주민 ${i}`, phone: `010-${String(2000 + Math.floor(i / 100))}-${String(1000 + i)}`, consent: true }),
    });
    const body: { error?: { code?: string; details?: { alternatives?: unknown } } } = await res.json();
    return { status: res.status, code: body.error?.code, alternatives: body.error?.details?.alternatives };
  }));
}

function expectExactly(outcomes: Outcome[], capacity: number): void {
  const booked = outcomes.filter((o) => o.status === 201);
  const refused = outcomes.filter((o) => o.status === 409);
  expect({ booked: booked.length, refused: refused.length }).toEqual({ booked: capacity, refused: RESIDENTS - capacity });
  for (const o of refused) {
    expect(o.code).toBe("SLOT_TAKEN");
    expect(Array.isArray(o.alternatives) && o.alternatives.length > 0).toBe(true);
  }
}

describe("POST /api/bookings under contention", () => {
  it.each([1, 3])("when %i place(s) are contested by 200 residents through two instances on one PostgreSQL and one Redis, then exactly that many are booked", async (capacity) => {
    const schedule = writeTestSchedule(capacity);
    const backend = postgresRedisBackend(`race${capacity}`);
    const env = { ...backend.env, SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false", ...GENEROUS_LIMITS };
    const instances = [await startInstance(env), await startInstance(env)];
    try {
      const outcomes = await bookAtOnce(instances);
      expectExactly(outcomes, capacity);
      const taken = await instances[0]?.runtime.deps.bookings.listSlots({ specialty: "debt", from: "2026-12-03", days: 1 });
      expect(taken?.some((slot) => slot.id === DEBT_SLOT)).toBe(false);
    } finally {
      for (const instance of instances) await instance.close();
      await backend.cleanup();
      schedule.remove();
    }
  });

  it.each([1, 3])("when %i place(s) are contested by 200 residents on SQLite, then exactly that many are booked", async (capacity) => {
    const schedule = writeTestSchedule(capacity);
    const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-race-"));
    const instance = await startInstance({ DATA_DIR: dataDir, SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false", ...GENEROUS_LIMITS });
    try {
      const outcomes = await bookAtOnce([instance]);
      expect(outcomes).toHaveLength(RESIDENTS);
      expectExactly(outcomes, capacity);
    } finally {
      await instance.close();
      rmSync(dataDir, { recursive: true, force: true });
      schedule.remove();
    }
  });

  it("when one resident's retries (one Idempotency-Key) and a second booking of the same phone hit two instances at once, then one booking is made and every retry answers it", async () => {
    const schedule = writeTestSchedule(5);
    const backend = postgresRedisBackend("idem");
    const env = { ...backend.env, SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false", ...GENEROUS_LIMITS };
    const instances = [await startInstance(env), await startInstance(env)];
    const post = (instance: Instance | undefined, slotId: string, key?: string) => fetch(`${instance?.url ?? ""}/api/bookings`, {
      method: "POST", headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
      body: JSON.stringify({ slotId, name: "주민 한 분", phone: "010-7777-1234", consent: true }),
    }).then(async (res) => ({ status: res.status, body: await res.json() as { booking?: { code: string }; error?: { code: string } } }));
    try {
      const retries = await Promise.all(Array.from({ length: 20 }, (_, i) => post(instances[i % 2], DEBT_SLOT, "retry-1")));
      expect(retries.filter((r) => r.status === 201)).toHaveLength(1);
      expect(retries.filter((r) => r.status === 200)).toHaveLength(19);
      expect(new Set(retries.map((r) => r.body.booking?.code)).size).toBe(1);
      const second = await Promise.all([post(instances[0], "debt@2026-12-03T14:00+09:00"), post(instances[1], "debt@2026-12-03T15:00+09:00")]);
      expect(second.map((r) => [r.status, r.body.error?.code])).toEqual([[409, "ACTIVE_BOOKING_EXISTS"], [409, "ACTIVE_BOOKING_EXISTS"]]);
      const day = await instances[1]?.runtime.deps.bookings.listBookings("2026-12-03T00:00:00+09:00", "2026-12-04T00:00:00+09:00");
      expect(day?.map((b) => b.code)).toEqual([retries[0]?.body.booking?.code]);
    } finally {
      for (const instance of instances) await instance.close();
      await backend.cleanup();
      schedule.remove();
    }
  });
});
