import type { Booking, SlotClaim } from "../../../bot/booking/booking-types";
import { createLogger } from "../../../server/logging/create-logger";
import { createOutboxWorker } from "../../../server/outbox/outbox-worker";
import { SqlBookingStore } from "../../../server/storage/sql/sql-booking-store";
import type { OutboxEvent } from "../../../server/storage/sql/sql-outbox";
import { SqlOutbox } from "../../../server/storage/sql/sql-outbox";
import { sqlBackends } from "../../support/sql-backends";

const NOW = "2026-12-01T09:00:00+09:00";
const claim: SlotClaim = { slotId: "debt@2026-12-03T10:00+09:00", specialty: "debt", start: "2026-12-03T10:00+09:00", end: "2026-12-03T11:00+09:00", capacity: 10 };
const booking = (n: number, sessionRef?: string): Booking => ({
  id: `id-${n}`, code: `AAA-CD${"EFHJKMNPRT"[n] ?? "E"}`, slotId: claim.slotId, specialty: "debt", start: claim.start, end: claim.end, status: "confirmed",
  name: "sealed", phone: `0101234${String(1000 + n)}`, ...(sessionRef ? { sessionRef } : {}), createdAt: NOW, updatedAt: NOW,
});
const logger = createLogger("silent");

describe.each(sqlBackends("outbox"))("the outbox worker on %s", (_name, backend) => {
  let store: ReturnType<typeof backend>;
  beforeEach(() => { store = backend(); });
  afterEach(async () => { await store.close(); });

  it("when a booking from a conversation commits, then its event waits in the outbox; one from no conversation leaves none", async () => {
    const sql = store.open();
    const bookings = new SqlBookingStore(sql, () => {});
    await bookings.book({ claim, booking: booking(1, "web:abc"), now: NOW });
    await bookings.book({ claim, booking: booking(2), now: NOW });
    const events = await new SqlOutbox(sql).claimEvents({ now: NOW, limit: 10, leaseSeconds: 60, worker: "w" });
    expect(events.map((e) => [e.topic, e.payload.code])).toEqual([["booking.booked", booking(1).code]]);
  });

  it("when the handler fails after the commit, then nothing throws, the event is retried after a minute and done exactly once", async () => {
    const sql = store.open();
    await new SqlBookingStore(sql, () => {}).book({ claim, booking: booking(1, "web:abc"), now: NOW });
    let clock = Date.parse(NOW);
    const handled: string[] = [];
    const worker = createOutboxWorker({
      outbox: new SqlOutbox(sql), logger, now: () => new Date(clock),
      handle: async (event: OutboxEvent) => {
        handled.push(event.payload.code);
        if (handled.length === 1) throw new Error("intake store away");
      },
    });
    await expect(worker.runFor(booking(1).code)).resolves.toBeUndefined();
    await worker.runSoon();
    expect(handled).toHaveLength(1);
    clock += 60_000;
    await worker.runSoon();
    clock += 3_600_000;
    await worker.runSoon();
    expect(handled).toEqual([booking(1).code, booking(1).code]);
  });

  it("when two instances run their workers at once, then every event is handled by exactly one", async () => {
    const [a, b] = [store.open(), store.open()];
    const bookings = new SqlBookingStore(a, () => {});
    for (let n = 1; n <= 8; n++) await bookings.book({ claim, booking: booking(n, `web:${n}`), now: NOW });
    const handled: string[] = [];
    const workerOn = (sql: typeof a, name: string) => createOutboxWorker({ outbox: new SqlOutbox(sql), logger, now: () => new Date(NOW), worker: name, batchSize: 3,
      handle: async (event) => { handled.push(event.payload.code); } });
    await Promise.all([workerOn(a, "a").runSoon(), workerOn(b, "b").runSoon(), workerOn(b, "c").runSoon()]);
    expect(handled.sort()).toEqual(Array.from({ length: 8 }, (_, i) => booking(i + 1).code).sort());
  });

  it("when a worker died holding a lease, then another takes the event only once the lease has ended", async () => {
    const sql = store.open();
    await new SqlBookingStore(sql, () => {}).book({ claim, booking: booking(1, "web:abc"), now: NOW });
    const outbox = new SqlOutbox(sql);
    expect(await outbox.claimEvents({ now: NOW, limit: 10, leaseSeconds: 60, worker: "dead" })).toHaveLength(1);
    let clock = Date.parse(NOW) + 59_000;
    const handled: number[] = [];
    const worker = createOutboxWorker({ outbox, logger, now: () => new Date(clock), handle: async (event) => { handled.push(event.attempts); } });
    await worker.runSoon();
    expect(handled).toEqual([]);
    clock += 1_000;
    await worker.runSoon();
    expect(handled).toEqual([2]);
  });
});
