import type { Server, Socket } from "node:net";
import { connect, createServer } from "node:net";
import request from "supertest";
import { THURSDAY_MORNING, writeTestSchedule } from "../../support/booking-schedule";
import { createTestDatabase, POSTGRES_ADMIN_URL } from "../../support/postgres-database";
import { freePort } from "../../support/redis-server";
import { signInAs } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

/** A TCP relay to the real PostgreSQL that can be cut (open sockets dropped, new ones refused) and restored. */
async function startCuttableRelay(target: { host: string; port: number }) {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const open = () => new Promise<void>((resolve) => {
    server = createServer((client) => {
      const upstream = connect(target.port, target.host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    server.listen(port, "127.0.0.1", resolve);
  });
  const cut = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    if (server) server.close(() => resolve());
    else resolve();
  });
  await open();
  return { port, cut, restore: open };
}

/**
 * PostgreSQL out of reach (the connection to it cut, new ones refused): every route that needs the
 * records answers 503 with Retry-After in the contract's shape, never 500; and all is well again
 * once it is back.
 */
describe("every route while PostgreSQL is out of reach", () => {
  const database = createTestDatabase("edgesoutage");
  const schedule = writeTestSchedule(3);
  const admin = new URL(POSTGRES_ADMIN_URL);
  let relay: Awaited<ReturnType<typeof startCuttableRelay>>;
  let built: ReturnType<typeof buildTestApp>;
  let staff = { cookie: "", csrf: "" };

  beforeAll(async () => {
    relay = await startCuttableRelay({ host: admin.hostname, port: Number(admin.port || 5432) });
    const url = new URL(database.url);
    url.hostname = "127.0.0.1";
    url.port = String(relay.port);
    built = buildTestApp({ env: { DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: "2", SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false" }, now: THURSDAY_MORNING });
    await built.runtime.ready();
    staff = await signInAs(built.app, built.runtime.deps.staffAuth, "admin", THURSDAY_MORNING);
  });
  afterAll(async () => {
    await built.runtime.close();
    await relay.cut();
    await database.drop();
    schedule.remove();
  });

  it("then no route answers 500, those that need the records answer 503 with Retry-After, and after it is back they answer again", async () => {
    await relay.cut();
    const app = built.app;
    const as = (url: string) => request(app).get(url).set("Cookie", staff.cookie);
    const answers = [
      ["slots", await request(app).get("/api/slots?specialty=debt")],
      ["book", await request(app).post("/api/bookings").send({ slotId: "debt@2026-12-03T14:00+09:00", name: "김하나", phone: "010-2222-3333", consent: true })],
      ["lookup", await request(app).post("/api/bookings/lookup").send({ code: "ABCD-1234", phone: "010-2222-3333" })],
      ["chat", await request(app).post("/api/chat/sessions").send({})],
      ["login", await request(app).post("/api/staff/login").send({ username: "boss", password: "correct horse battery" })],
      ["me", await as("/api/staff/me")],
      ["appointments", await as("/api/staff/appointments")],
      ["audit", await as("/api/admin/audit")],
      ["schedule", await as("/api/admin/schedule")],
    ] as const;
    const statuses = Object.fromEntries(answers.map(([name, res]) => [name, res.status]));
    expect(Object.entries(statuses).filter(([, status]) => status >= 500 && status !== 503)).toEqual([]);
    const unavailable = answers.filter(([, res]) => res.status === 503);
    expect(unavailable.map(([name]) => name)).toEqual(expect.arrayContaining(["slots", "book", "chat", "login", "me", "appointments", "audit", "schedule"]));
    for (const [name, res] of unavailable) {
      expect({ name, retryAfter: /^\d+$/.test(String(res.headers["retry-after"])), code: res.body.error?.code }).toEqual({ name, retryAfter: true, code: "DEPENDENCY_UNAVAILABLE" });
    }

    await relay.restore();
    let again = 0;
    for (let i = 0; i < 50 && again !== 200; i++) {
      again = (await as("/api/staff/appointments")).status;
      if (again !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(again).toBe(200);
  });
});
