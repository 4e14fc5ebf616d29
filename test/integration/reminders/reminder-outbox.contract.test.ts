import type { ReminderOutbox } from "../../../bot/ports";
import { SqlOutbox } from "../../../server/storage/sql/sql-outbox";
import { sqlBackends } from "../../support/sql-backends";

/** `other` is a second client on the same storage, as another instance would have. */
type Harness = { outbox: ReminderOutbox; other: ReminderOutbox; close: () => Promise<void> };

const implementations = sqlBackends("reminder-outbox").map(([name, backend]): [string, () => Promise<Harness>] => [name, async () => {
  const store = backend();
  return { outbox: new SqlOutbox(store.open()), other: new SqlOutbox(store.open()), close: () => store.close() };
}]);

const entry = (n: number, dueAt = "2026-03-02T10:00:00+09:00") => ({
  id: `booking-${n}:day_before:2026-03-03`, bookingCode: `K7M-RX${n}`, dueAt, createdAt: "2026-03-02T09:00:00+09:00",
});
const claim = (outbox: ReminderOutbox, now: string, worker = "worker-a", limit = 10) => outbox.claimDue({ now, limit, leaseSeconds: 60, worker });

describe.each(implementations)("ReminderOutbox contract (%s)", (_name, make) => {
  let h: Harness;
  beforeEach(async () => { h = await make(); });
  afterEach(async () => { await h.close(); });

  it("when the same entry is enqueued twice, then the second says so and there is one entry", async () => {
    expect(await h.outbox.enqueue(entry(3))).toBe(true);
    expect(await h.outbox.enqueue({ ...entry(3), dueAt: "2026-03-02T09:30:00+09:00" })).toBe(false);
    const claimed = await claim(h.outbox, "2026-03-02T10:00:00+09:00");
    expect(claimed).toEqual([{ ...entry(3), attempts: 1, leaseUntil: expect.any(String) }]);
    expect(Date.parse(claimed[0]?.leaseUntil ?? "")).toBe(Date.parse("2026-03-02T10:01:00+09:00"));
  });

  it("when an entry is not due yet, then it is not claimed", async () => {
    await h.outbox.enqueue(entry(3));
    expect(await claim(h.outbox, "2026-03-02T09:59:59+09:00")).toEqual([]);
  });

  it("when a worker has leased an entry, then a second worker gets nothing", async () => {
    await h.outbox.enqueue(entry(3));
    expect(await claim(h.outbox, "2026-03-02T10:00:00+09:00", "worker-a")).toHaveLength(1);
    expect(await claim(h.other, "2026-03-02T10:00:30+09:00", "worker-b")).toEqual([]);
  });

  it("when two workers claim at the same moment, then each entry goes to exactly one", async () => {
    for (const n of [3, 4, 6, 7, 9]) await h.outbox.enqueue(entry(n));
    const [a, b] = await Promise.all([claim(h.outbox, "2026-03-02T10:00:00+09:00", "a", 3), claim(h.other, "2026-03-02T10:00:00+09:00", "b", 3)]);
    const ids = [...(a ?? []), ...(b ?? [])].map((e) => e.id).sort();
    expect(ids).toEqual([3, 4, 6, 7, 9].map((n) => entry(n).id));
  });

  it("when a lease has expired, then the entry can be claimed again with another attempt counted", async () => {
    await h.outbox.enqueue(entry(3));
    await claim(h.outbox, "2026-03-02T10:00:00+09:00", "worker-a");
    const again = await claim(h.other, "2026-03-02T10:01:01+09:00", "worker-b");
    expect(again.map((e) => [e.id, e.attempts])).toEqual([[entry(3).id, 2]]);
  });

  it("when an entry is marked sent, then it is never claimed again, even if later marked failed", async () => {
    await h.outbox.enqueue(entry(3));
    await claim(h.outbox, "2026-03-02T10:00:00+09:00");
    await h.outbox.markSent(entry(3).id, "2026-03-02T10:00:01+09:00");
    await h.outbox.markFailed(entry(3).id, "late failure from a lapsed lease", "2026-03-02T10:01:00+09:00");
    expect(await claim(h.outbox, "2026-03-02T12:00:00+09:00")).toEqual([]);
    expect(await h.outbox.enqueue(entry(3))).toBe(false);
  });

  it("when an entry is skipped, then it is never claimed again", async () => {
    await h.outbox.enqueue(entry(3));
    await h.outbox.markSkipped(entry(3).id, "cancelled", "2026-03-02T10:00:00+09:00");
    expect(await claim(h.outbox, "2026-03-02T12:00:00+09:00")).toEqual([]);
  });

  it("when a delivery failed, then the entry is due again at the next attempt and not before", async () => {
    await h.outbox.enqueue(entry(3));
    await claim(h.outbox, "2026-03-02T10:00:00+09:00");
    await h.outbox.markFailed(entry(3).id, "webhook answered HTTP 500", "2026-03-02T10:02:00+09:00");
    expect(await claim(h.outbox, "2026-03-02T10:01:59+09:00")).toEqual([]);
    expect((await claim(h.outbox, "2026-03-02T10:02:00+09:00")).map((e) => e.attempts)).toEqual([2]);
  });

  it("when more entries are due than the limit, then the earliest due are claimed first", async () => {
    await h.outbox.enqueue(entry(4, "2026-03-02T10:05:00+09:00"));
    await h.outbox.enqueue(entry(3, "2026-03-02T10:00:00+09:00"));
    await h.outbox.enqueue(entry(6, "2026-03-02T10:03:00+09:00"));
    expect((await claim(h.outbox, "2026-03-02T11:00:00+09:00", "a", 2)).map((e) => e.bookingCode)).toEqual(["K7M-RX3", "K7M-RX6"]);
  });
});
