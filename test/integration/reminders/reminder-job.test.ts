import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { Booking, SlotClaim } from "../../../bot/booking/booking-types";
import type { BookingStore, Notifier, ReminderOutbox } from "../../../bot/ports";
import { composeRuntime } from "../../../server/compose";
import { parseConfig } from "../../../server/config";
import { centerParams } from "../../../server/i18n/center-params";
import { createTranslator } from "../../../server/i18n/create-translator";
import { loadLocales } from "../../../server/i18n/load-locales";
import { createLogger } from "../../../server/logging/create-logger";
import { LogNotifier } from "../../../server/reminders/log-notifier";
import type { ReminderJobDeps } from "../../../server/reminders/reminder-job";
import { runReminderCycle } from "../../../server/reminders/reminder-job";
import { WebhookNotifier } from "../../../server/reminders/webhook-notifier";
import { openDatabase } from "../../../server/storage/sql/open-database";
import { SqlBookingStore } from "../../../server/storage/sql/sql-booking-store";
import { SqlOutbox } from "../../../server/storage/sql/sql-outbox";
import { freePort } from "../../support/redis-server";
import { sqlBackends } from "../../support/sql-backends";

/** Two instances' views of one storage: each has its own connection, as two servers would. */
type Stores = { bookings: BookingStore; outbox: ReminderOutbox };
type Harness = { a: Stores; b: Stores; close: () => Promise<void> };

const failOnCorrupt = () => { throw new Error("no record should be corrupt here"); };
const implementations = sqlBackends("reminder-job").map(([name, backend]): [string, () => Harness] => [name, () => {
  const store = backend();
  const [a, b] = [store.open(), store.open()].map((sql) => ({ bookings: new SqlBookingStore(sql, failOnCorrupt), outbox: new SqlOutbox(sql) }));
  return { a: a ?? fail(), b: b ?? fail(), close: () => store.close() };
}]);

function fail(): never {
  throw new Error("harness not built");
}

type Behaviour = "ok" | "fail" | "slow";
type Received = { idempotencyKey: string | undefined; body: Record<string, unknown>; behaviour: Behaviour };

/** A webhook receiver on 127.0.0.1: answers each request as the next planned behaviour (default ok). */
async function startReceiver() {
  const received: Received[] = [];
  const waiting: (() => void)[] = [];
  const plan: Behaviour[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const behaviour = plan.shift() ?? "ok";
      const key = req.headers["idempotency-key"];
      received.push({ idempotencyKey: typeof key === "string" ? key : undefined, body: JSON.parse(Buffer.concat(chunks).toString("utf8")), behaviour });
      for (const waiter of waiting.splice(0)) waiter();
      const answer = () => res.writeHead(behaviour === "fail" ? 500 : 200, { "content-type": "application/json" }).end("{}");
      if (behaviour !== "slow") return answer();
      const timer = setTimeout(() => { timers.delete(timer); answer(); }, 4000);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/reminders`, received, plan,
    /** Resolves when the next request after this call has arrived. */
    nextRequest: () => new Promise<void>((resolve) => waiting.push(resolve)),
    /** Requests answered 2xx in time: what the resident would have been sent. */
    delivered: () => received.filter((r) => r.behaviour === "ok"),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const PHONE = "01098765432";
const translator = createTranslator(loadLocales(), centerParams(parseConfig({})));

function booking(n: number, start: string, phone = `0109876${String(5432 + n).padStart(4, "0")}`): { booking: Booking; claim: SlotClaim } {
  const end = new Date(Date.parse(start) + 50 * 60_000).toISOString();
  const slotId = `debt@${start}`;
  return {
    claim: { slotId, specialty: "debt", start, end, capacity: 4 },
    booking: {
      id: `bk-${n}`, code: `K7M-RX${n}`, slotId, specialty: "debt", start, end, status: "confirmed", name: "홍길동", phone,
      createdAt: "2026-03-01T15:00:00+09:00", updatedAt: "2026-03-01T15:00:00+09:00",
    },
  };
}

describe.each(implementations)("runReminderCycle (%s store, webhook receiver)", (_name, make) => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let clock: number;
  let logs: string[];
  const at = (time: string) => { clock = Date.parse(time); };

  beforeEach(async () => {
    h = make();
    receiver = await startReceiver();
    logs = [];
    at("2026-03-02T09:00:00+09:00");
  });
  afterEach(async () => {
    await receiver.close();
    await h.close();
  });

  const deps = (stores: Stores, overrides: Partial<ReminderJobDeps> = {}): ReminderJobDeps => ({
    ...stores,
    notifier: new WebhookNotifier({ url: receiver.url, timeoutMs: 1500 }),
    translator,
    now: () => new Date(clock),
    logger: createLogger("debug", new Writable({ write(chunk, _enc, done) { logs.push(String(chunk)); done(); } })),
    worker: "worker-a",
    ...overrides,
  });
  const cycle = (overrides: Partial<ReminderJobDeps> = {}) => runReminderCycle(deps(h.a, overrides));
  const book = async (n: number, start = "2026-03-03T14:00:00+09:00", phone?: string) => {
    const made = booking(n, start, phone);
    const result = await h.a.bookings.book({ ...made, now: "2026-03-01T15:00:00+09:00" });
    expect(result.ok).toBe(true);
    return made.booking;
  };

  it("when a booking is tomorrow, then it gets exactly one delivery across several cycles and two concurrent workers", async () => {
    await book(3, "2026-03-03T14:00:00+09:00", PHONE);
    await book(4, "2026-03-04T14:00:00+09:00");
    expect(await cycle()).toMatchObject({ enqueued: 1, sent: 0 });
    expect(receiver.received).toEqual([]);
    at("2026-03-02T10:00:00+09:00");
    const [first, second] = await Promise.all([cycle(), runReminderCycle(deps(h.b, { worker: "worker-b" }))]);
    expect((first?.sent ?? 0) + (second?.sent ?? 0)).toBe(1);
    for (const time of ["2026-03-02T10:00:30+09:00", "2026-03-02T10:05:00+09:00", "2026-03-02T13:00:00+09:00"]) {
      at(time);
      await Promise.all([cycle(), runReminderCycle(deps(h.b, { worker: "worker-b" }))]);
    }
    expect(receiver.received).toHaveLength(1);
    const [only] = receiver.received;
    expect(only?.idempotencyKey).toBe("bk-3:day_before:2026-03-03");
    expect(only?.body).toMatchObject({ reminderId: "bk-3:day_before:2026-03-03", bookingCode: "K7M-RX3", start: "2026-03-03T14:00:00+09:00", specialty: "debt", phone: PHONE, lang: "ko" });
    expect(String(only?.body.text)).toMatch(/^\[경기도 서민금융복지지원센터.*\] 내일 3월 3일 \(화\) 14:00에 채무조정 상담.*K7M-RX3.*☎ 1899-6014/);
    expect(logs.join("")).not.toMatch(/01098765432|010-9876-5432|홍길동/);
  });

  it("when a booking made after 10:00 is for tomorrow, then it is reminded in the same cycle", async () => {
    at("2026-03-02T16:20:00+09:00");
    await book(3);
    expect(await cycle()).toMatchObject({ enqueued: 1, sent: 1 });
  });

  it("when a booking is cancelled, before or after its reminder was queued, then it gets none", async () => {
    await book(3);
    await book(4);
    await book(6);
    await h.a.bookings.updateBookingStatus("K7M-RX3", "cancelled", "2026-03-02T08:00:00+09:00");
    expect(await cycle()).toMatchObject({ enqueued: 2 });
    await h.a.bookings.updateBookingStatus("K7M-RX4", "cancelled", "2026-03-02T09:30:00+09:00");
    at("2026-03-02T10:00:00+09:00");
    expect(await cycle()).toMatchObject({ sent: 1, skipped: 1 });
    at("2026-03-02T11:00:00+09:00");
    await cycle();
    expect(receiver.received.map((r) => r.body.bookingCode)).toEqual(["K7M-RX6"]);
  });

  it("when the receiver answers 500 the first time, then the reminder is retried a minute later and delivered once", async () => {
    await book(3);
    receiver.plan.push("fail");
    at("2026-03-02T10:00:00+09:00");
    expect(await cycle()).toMatchObject({ sent: 0, failed: 1 });
    at("2026-03-02T10:00:59+09:00");
    expect(await cycle()).toMatchObject({ sent: 0, failed: 0 });
    at("2026-03-02T10:01:00+09:00");
    expect(await cycle()).toMatchObject({ sent: 1 });
    at("2026-03-02T12:00:00+09:00");
    await cycle();
    expect(receiver.received.map((r) => r.behaviour)).toEqual(["fail", "ok"]);
    expect(receiver.delivered()).toHaveLength(1);
    expect(logs.join("")).toContain("webhook answered HTTP 500");
  });

  it("when the receiver is slower than the timeout, then it counts as a failure and the retry carries the same idempotency key", async () => {
    await book(3);
    receiver.plan.push("slow");
    at("2026-03-02T10:00:00+09:00");
    expect(await cycle()).toMatchObject({ sent: 0, failed: 1 });
    expect(logs.join("")).toContain("webhook timed out after 1500 ms");
    at("2026-03-02T10:01:00+09:00");
    expect(await cycle()).toMatchObject({ sent: 1 });
    at("2026-03-02T10:30:00+09:00");
    await cycle();
    expect(receiver.received.map((r) => r.behaviour)).toEqual(["slow", "ok"]);
    expect(new Set(receiver.received.map((r) => r.idempotencyKey))).toEqual(new Set(["bk-3:day_before:2026-03-03"]));
  });

  it("when nothing listens at the webhook, then it is a failure naming the network error, not the URL", async () => {
    await book(3);
    at("2026-03-02T10:00:00+09:00");
    const notifier = new WebhookNotifier({ url: `http://127.0.0.1:${await freePort()}/reminders?token=secret`, timeoutMs: 500 });
    expect(await cycle({ notifier })).toMatchObject({ failed: 1 });
    expect(logs.join("")).toContain("webhook unreachable (ECONNREFUSED)");
    expect(logs.join("")).not.toContain("token=secret");
  });

  it("when every attempt fails, then it backs off 1, 2, 4 minutes, gives up and logs an error", async () => {
    await book(3);
    receiver.plan.push("fail", "fail", "fail", "fail", "fail");
    const times = ["10:00:00", "10:01:00", "10:02:59", "10:03:00", "10:07:00", "10:30:00"];
    const outcomes = [];
    for (const time of times) {
      at(`2026-03-02T${time}+09:00`);
      outcomes.push(await cycle({ maxAttempts: 3 }));
    }
    expect(outcomes.map((o) => [o.failed, o.gaveUp])).toEqual([[1, 0], [1, 0], [0, 0], [0, 1], [0, 0], [0, 0]]);
    expect(receiver.received).toHaveLength(3);
    const gaveUp = logs.map((line) => JSON.parse(line)).find((line) => line.msg.includes("given up"));
    expect(gaveUp).toMatchObject({ level: 50, reminderId: "bk-3:day_before:2026-03-03", attempts: 3 });
  });

  it("when a booking moves to another day, then the old reminder is dropped and the new day gets its own", async () => {
    await book(3);
    expect(await cycle()).toMatchObject({ enqueued: 1 });
    const moved = booking(3, "2026-03-04T11:00:00+09:00").claim;
    expect((await h.a.bookings.moveBooking({ code: "K7M-RX3", claim: moved, now: "2026-03-02T09:10:00+09:00" })).ok).toBe(true);
    at("2026-03-02T10:00:00+09:00");
    expect(await cycle()).toMatchObject({ sent: 0, skipped: 1 });
    at("2026-03-03T10:00:00+09:00");
    expect(await cycle()).toMatchObject({ enqueued: 1, sent: 1 });
    expect(receiver.received.map((r) => [r.idempotencyKey, r.body.start])).toEqual([["bk-3:day_before:2026-03-04", "2026-03-04T11:00:00+09:00"]]);
  });

  it("when it is night in Seoul, then nothing is sent until 08:00", async () => {
    at("2026-03-02T21:30:00+09:00");
    await book(3);
    expect(await cycle()).toMatchObject({ enqueued: 1, sent: 0 });
    at("2026-03-03T07:59:00+09:00");
    expect(await cycle()).toMatchObject({ sent: 0 });
    at("2026-03-03T08:00:00+09:00");
    expect(await cycle()).toMatchObject({ sent: 1 });
  });

  it("when the log notifier is used, then it logs the reminder id, code and start, and never the phone or name", async () => {
    await book(3, "2026-03-03T14:00:00+09:00", PHONE);
    at("2026-03-02T10:00:00+09:00");
    const logger = createLogger("info", new Writable({ write(chunk, _enc, done) { logs.push(String(chunk)); done(); } }));
    const notifier: Notifier = new LogNotifier(logger);
    expect(await cycle({ notifier, logger })).toMatchObject({ sent: 1 });
    const line = logs.map((l) => JSON.parse(l)).find((l) => l.reminderId === "bk-3:day_before:2026-03-03");
    expect(line).toMatchObject({ bookingCode: "K7M-RX3", start: "2026-03-03T14:00:00+09:00" });
    expect(logs.join("")).not.toMatch(/01098765432|홍길동|14:00에/);
    expect(receiver.received).toEqual([]);
  });
});

describe("reminder job wiring (composeRuntime, SQLite, webhook)", () => {
  it("when NOTIFIER=webhook has no URL, then configuration fails naming the variable", () => {
    expect(() => parseConfig({ NOTIFIER: "webhook" })).toThrow(/REMINDER_WEBHOOK_URL: required when NOTIFIER=webhook/);
  });

  it("when the runtime's jobs start, then a cycle runs at once and stop ends them", async () => {
    const receiver = await startReceiver();
    const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-reminder-wiring-"));
    const env = { NODE_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: dir, NOTIFIER: "webhook", REMINDER_WEBHOOK_URL: receiver.url, REMINDER_INTERVAL_SECONDS: "3600" };
    const runtime = composeRuntime(parseConfig(env), createLogger("silent"), () => new Date("2026-03-02T10:00:00+09:00"));
    const db = openDatabase({ dataDir: dir });
    await new SqlBookingStore(db, failOnCorrupt).book({ ...booking(3, "2026-03-03T14:00:00+09:00"), now: "2026-03-01T15:00:00+09:00" });
    const arrived = receiver.nextRequest();
    const stop = runtime.startJobs();
    await arrived;
    await stop();
    expect(receiver.received.map((r) => r.body.bookingCode)).toEqual(["K7M-RX3"]);
    await db.close();
    await runtime.close();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
