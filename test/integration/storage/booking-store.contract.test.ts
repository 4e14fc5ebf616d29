import type { Booking, SlotClaim } from "../../../bot/booking/booking-types";
import type { BookingStore } from "../../../bot/ports";
import { SqlBookingStore } from "../../../server/storage/sql/sql-booking-store";
import { SqlRetention } from "../../../server/storage/sql/sql-retention";
import { sqlBackends } from "../../support/sql-backends";

type Harness = {
  store: BookingStore;
  /** The same store through a second connection, as another instance would have it. */
  other: BookingStore;
  corrupt: string[];
  retention: SqlRetention;
  /** Stores raw column values as booking `code` starting at `start`, to simulate a damaged record. */
  writeRaw: (code: string, start: string, phone: string) => Promise<void>;
  close: () => Promise<void>;
};

const implementations = sqlBackends("bookings").map(([name, backend]): [string, () => Promise<Harness>] => [name, async () => {
  const store = backend();
  const sql = store.open();
  const corrupt: string[] = [];
  return {
    store: new SqlBookingStore(sql, (w) => corrupt.push(w.key)),
    other: new SqlBookingStore(store.open(), (w) => corrupt.push(w.key)),
    corrupt, retention: new SqlRetention(sql, { bookingDays: 90 }),
    writeRaw: async (code, start, phone) => {
      const startMs = Date.parse(start);
      await (await sql.open()).insertInto("bookings").values({
        code, id: `raw-${code}`, slot_id: "x", specialty: "debt", start_at: start, end_at: start, start_ms: startMs, end_ms: startMs, status: "confirmed",
        name: "n", phone, sealed_phone: null, session_ref: null, created_at: "yesterday", updated_at: "yesterday",
      }).execute();
    },
    close: () => store.close(),
  };
}]);

const NOW = "2026-12-01T09:00:00+09:00";

function claim(hour: number, capacity = 1, day = "2026-12-03"): SlotClaim {
  const hh = String(hour).padStart(2, "0");
  const end = String(hour + 1).padStart(2, "0");
  return { slotId: `debt@${day}T${hh}:00+09:00`, specialty: "debt", start: `${day}T${hh}:00+09:00`, end: `${day}T${end}:00+09:00`, capacity };
}

let serial = 0;
function booking(slot: SlotClaim, phone = `0101234${String(serial).padStart(4, "0")}`): Booking {
  serial++;
  const code = `AAA-${"CDEFHJKMNPRTWXY34679"[Math.floor(serial / 20) % 20]}${"CDEFHJKMNPRTWXY34679"[serial % 20]}A`;
  return {
    id: `id-${serial}`, code, slotId: slot.slotId, specialty: slot.specialty, start: slot.start, end: slot.end, status: "confirmed",
    name: "홍길동", phone, createdAt: NOW, updatedAt: NOW,
  };
}

describe.each(implementations)("BookingStore contract (%s)", (_name, make) => {
  let h: Harness;
  beforeEach(async () => { h = await make(); });
  afterEach(async () => { await h.close(); });

  it("when a booking is made, then it reads back by code and is listed", async () => {
    const b = booking(claim(10));
    expect(await h.store.book({ claim: claim(10), booking: b, now: NOW })).toEqual({ ok: true, booking: b, replayed: false });
    expect(await h.store.findBookingByCode(b.code)).toEqual(b);
    expect(await h.store.findBookingByCode("ZZZ-ZZZ")).toBeUndefined();
    expect(await h.store.listBookings({ from: "2026-12-03T00:00:00+09:00", to: "2026-12-04T00:00:00+09:00" })).toEqual([b]);
    expect(await h.store.listBookings({ from: "2026-12-03T10:00:01+09:00", to: "2026-12-04T00:00:00+09:00" })).toEqual([]);
  });

  it("when bookings carry a source hash, then it reads back, and the confirmed ones not yet ended are counted per source", async () => {
    const [flood, other] = ["a".repeat(64), "b".repeat(64)];
    const made = [
      { ...booking(claim(10)), sourceHash: flood }, { ...booking(claim(11)), sourceHash: flood }, { ...booking(claim(12)), sourceHash: flood },
      { ...booking(claim(13)), sourceHash: other }, booking(claim(14)), { ...booking(claim(9, 1, "2026-11-30")), sourceHash: flood },
    ];
    for (const b of made) expect((await h.store.book({ claim: { slotId: b.slotId, specialty: b.specialty, start: b.start, end: b.end, capacity: 1 }, booking: b, now: "2026-11-29T09:00:00+09:00" })).ok).toBe(true);
    expect(await h.store.findBookingByCode(made[0]?.code ?? "")).toEqual(made[0]);
    await h.store.updateBookingStatus(made[2]?.code ?? "", "cancelled", NOW);
    expect(await h.store.countActiveBySource([flood, other, "c".repeat(64), flood], NOW)).toEqual(new Map([[flood, 2], [other, 1]]));
    expect(await h.store.countActiveBySource([], NOW)).toEqual(new Map());
  });

  it("when a slot is full, then SLOT_TAKEN; when a booking is cancelled, then its place is free again", async () => {
    const slot = claim(10, 2);
    const [a, b, c] = [booking(slot), booking(slot), booking(slot)];
    expect((await h.store.book({ claim: slot, booking: a, now: NOW })).ok).toBe(true);
    expect((await h.store.book({ claim: slot, booking: b, now: NOW })).ok).toBe(true);
    expect(await h.store.book({ claim: slot, booking: c, now: NOW })).toEqual({ ok: false, reason: "SLOT_TAKEN" });
    expect((await h.store.countTaken({ from: slot.start, to: slot.end, now: NOW })).get(slot.slotId)).toBe(2);

    const cancelled = await h.store.updateBookingStatus(a.code, "cancelled", "2026-12-01T10:00:00+09:00");
    expect(cancelled).toEqual({ ...a, status: "cancelled", updatedAt: "2026-12-01T10:00:00+09:00" });
    expect(await h.store.listBookings({ from: slot.start, to: slot.end })).toEqual([b]);
    expect((await h.store.listBookings({ from: slot.start, to: slot.end, statuses: ["confirmed", "cancelled"] })).map((x) => x.code).sort())
      .toEqual([a.code, b.code].sort());
    expect((await h.store.book({ claim: slot, booking: c, now: NOW })).ok).toBe(true);
    expect(await h.store.updateBookingStatus("ZZZ-ZZZ", "cancelled", NOW)).toBeUndefined();
    expect((await h.store.updateBookingStatus(a.code, "confirmed", NOW))?.status).toBe("cancelled");
  });

  it("when a booking is moved, then the old slot frees and the new one fills; a full or unknown target is refused", async () => {
    const [ten, eleven, noon] = [claim(10), claim(11), claim(12)];
    const a = booking(ten);
    const b = booking(noon);
    await h.store.book({ claim: ten, booking: a, now: NOW });
    await h.store.book({ claim: noon, booking: b, now: NOW });

    const moved = await h.store.moveBooking({ code: a.code, claim: eleven, now: "2026-12-01T11:00:00+09:00" });
    expect(moved).toEqual({ ok: true, booking: { ...a, slotId: eleven.slotId, start: eleven.start, end: eleven.end, updatedAt: "2026-12-01T11:00:00+09:00" } });
    expect(await h.store.findBookingByCode(a.code)).toMatchObject({ slotId: eleven.slotId, start: eleven.start });
    const taken = await h.store.countTaken({ from: "2026-12-03T00:00:00+09:00", to: "2026-12-04T00:00:00+09:00", now: NOW });
    expect(Object.fromEntries(taken)).toEqual({ [eleven.slotId]: 1, [noon.slotId]: 1 });

    expect(await h.store.moveBooking({ code: a.code, claim: noon, now: NOW })).toEqual({ ok: false, reason: "SLOT_TAKEN" });
    expect(await h.store.moveBooking({ code: "ZZZ-ZZZ", claim: ten, now: NOW })).toEqual({ ok: false, reason: "NOT_FOUND" });
    await h.store.updateBookingStatus(a.code, "cancelled", NOW);
    expect(await h.store.moveBooking({ code: a.code, claim: ten, now: NOW })).toEqual({ ok: false, reason: "NOT_FOUND" });
  });

  it("when another holder holds the last place, then booking is refused; the holder's own booking consumes its hold", async () => {
    const slot = claim(10);
    const expiresAt = "2026-12-01T09:10:00+09:00";
    expect(await h.store.hold({ claim: slot, holderId: "h1", expiresAt, now: NOW })).toBe(true);
    expect(await h.store.hold({ claim: slot, holderId: "h2", expiresAt, now: NOW })).toBe(false);
    expect(await h.store.hold({ claim: slot, holderId: "h1", expiresAt: "2026-12-01T09:12:00+09:00", now: NOW })).toBe(true);
    expect(await h.store.book({ claim: slot, booking: booking(slot), holderId: "h2", now: NOW })).toEqual({ ok: false, reason: "SLOT_TAKEN" });
    expect(await h.store.book({ claim: slot, booking: booking(slot), now: NOW })).toEqual({ ok: false, reason: "SLOT_TAKEN" });

    const range = { from: slot.start, to: slot.end, now: NOW };
    expect((await h.store.countTaken(range)).get(slot.slotId)).toBe(1);
    expect((await h.store.countTaken({ ...range, excludeHolder: "h1" })).get(slot.slotId)).toBeUndefined();

    expect((await h.store.book({ claim: slot, booking: booking(slot), holderId: "h1", now: NOW })).ok).toBe(true);
    expect((await h.store.countTaken(range)).get(slot.slotId)).toBe(1);
  });

  it("when a hold expires or is released, then it no longer counts", async () => {
    const slot = claim(10);
    await h.store.hold({ claim: slot, holderId: "h1", expiresAt: "2026-12-01T09:10:00+09:00", now: NOW });
    const later = "2026-12-01T09:10:00+09:00";
    expect((await h.store.countTaken({ from: slot.start, to: slot.end, now: later })).get(slot.slotId)).toBeUndefined();
    expect(await h.store.hold({ claim: slot, holderId: "h2", expiresAt: "2026-12-01T09:20:00+09:00", now: later })).toBe(true);
    await h.store.releaseHold(slot.slotId, "h2");
    expect((await h.store.book({ claim: slot, booking: booking(slot), now: later })).ok).toBe(true);
  });

  it("when the idempotency key was used before, then the first booking is returned and nothing is booked", async () => {
    const first = booking(claim(10, 5));
    expect(await h.store.book({ claim: claim(10, 5), booking: first, idempotencyKey: "k-1", now: NOW })).toEqual({ ok: true, booking: first, replayed: false });
    const retry = booking(claim(10, 5), first.phone);
    expect(await h.store.book({ claim: claim(10, 5), booking: retry, idempotencyKey: "k-1", now: NOW })).toEqual({ ok: true, booking: first, replayed: true });
    expect(await h.store.findBookingByCode(retry.code)).toBeUndefined();
    expect((await h.store.countTaken({ from: NOW, to: "2026-12-04T00:00:00+09:00", now: NOW })).get(claim(10).slotId)).toBe(1);
  });

  it("when the phone has a confirmed booking that has not started, then its owner's second one is refused", async () => {
    const a = { ...booking(claim(10)), sessionRef: "web:owner" };
    await h.store.book({ claim: claim(10), booking: a, now: NOW });
    const second = { ...booking(claim(11), a.phone), sessionRef: "web:owner" };
    expect(await h.store.book({ claim: claim(11), booking: second, now: NOW })).toEqual({ ok: false, reason: "ACTIVE_BOOKING_EXISTS", existing: a });

    await h.store.updateBookingStatus(a.code, "cancelled", NOW);
    expect((await h.store.book({ claim: claim(11), booking: second, now: NOW })).ok).toBe(true);
  });

  it("when the phone's booking belongs to another conversation or source, then the new one is written beside it (nothing told)", async () => {
    const a = { ...booking(claim(10)), sessionRef: "web:owner", sourceIndex: "a".repeat(64) };
    await h.store.book({ claim: claim(10), booking: a, now: NOW });
    const stranger = { ...booking(claim(11), a.phone), sourceIndex: "b".repeat(64), phoneConfirmed: false };
    const result = await h.store.book({ claim: claim(11), booking: stranger, now: NOW });
    expect(result).toEqual({ ok: true, booking: stranger, replayed: false });
    expect(await h.store.findBookingByCode(stranger.code)).toEqual(stranger);
    const sameSource = { ...booking(claim(14), a.phone), sourceIndex: "a".repeat(64) };
    expect(await h.store.book({ claim: claim(14), booking: sameSource, now: NOW })).toMatchObject({ ok: false, reason: "ACTIVE_BOOKING_EXISTS" });
  });

  it("when the slot is full, then SLOT_TAKEN answers before the phone is looked at, its owner included", async () => {
    const a = { ...booking(claim(10)), sessionRef: "web:owner" };
    await h.store.book({ claim: claim(10), booking: a, now: NOW });
    const owner = { ...booking(claim(10), a.phone), sessionRef: "web:owner" };
    expect(await h.store.book({ claim: claim(10), booking: owner, now: NOW })).toEqual({ ok: false, reason: "SLOT_TAKEN" });
    expect(await h.store.book({ claim: claim(10), booking: booking(claim(10)), now: NOW })).toEqual({ ok: false, reason: "SLOT_TAKEN" });
  });

  it("when a booking waits for its phone's code, then it holds its place until the deadline, lapses after it, and confirms with the right code only", async () => {
    const pending = { ...booking(claim(12)), phoneConfirmed: false, confirmBy: "2026-12-03T08:10:00.000Z" };
    expect((await h.store.book({ claim: claim(12), booking: pending, pinIndex: "p".repeat(64), now: NOW })).ok).toBe(true);
    expect((await h.store.book({ claim: claim(12), booking: booking(claim(12)), now: NOW })).ok).toBe(false);
    expect(await h.store.confirmPhone({ code: pending.code, pinIndex: "q".repeat(64), maxAttempts: 3, now: NOW })).toEqual({ ok: false, reason: "WRONG_CODE", triesLeft: 2 });
    const confirmed = await h.store.confirmPhone({ code: pending.code, pinIndex: "p".repeat(64), maxAttempts: 3, now: NOW });
    expect(confirmed).toMatchObject({ ok: true, booking: { code: pending.code, phoneConfirmed: true } });
    expect((await h.store.findBookingByCode(pending.code))?.confirmBy).toBeUndefined();

    const late = { ...booking(claim(13)), phoneConfirmed: false, confirmBy: "2026-12-03T08:10:00.000Z" };
    await h.store.book({ claim: claim(13), booking: late, pinIndex: "p".repeat(64), now: NOW });
    const after = "2026-12-03T08:11:00.000Z";
    expect((await h.store.countTaken({ from: NOW, to: "2026-12-04T00:00:00+09:00", now: after })).get(claim(13).slotId)).toBeUndefined();
    expect((await h.store.book({ claim: claim(13), booking: booking(claim(13)), now: after })).ok).toBe(true);
    expect((await h.store.findBookingByCode(late.code))?.status).toBe("cancelled");
  });

  it("when the phone's booking has already started, then it does not block a new one", async () => {
    const past = booking(claim(10, 1, "2026-12-01"));
    await h.store.book({ claim: claim(10, 1, "2026-12-01"), booking: past, now: NOW });
    const next = booking(claim(10), past.phone);
    expect((await h.store.book({ claim: claim(10), booking: next, now: "2026-12-01T10:00:00+09:00" })).ok).toBe(true);
  });

  it("when a record does not parse, then it is reported and skipped", async () => {
    const good = booking(claim(10));
    await h.store.book({ claim: claim(10), booking: good, now: NOW });
    await h.writeRaw("CCC-CCC", "2026-12-03T11:00:00+09:00", "01000000000");
    await h.writeRaw("DDD-DDD", "2026-12-03T12:00:00+09:00", "not a phone");

    expect(await h.store.findBookingByCode("CCC-CCC")).toBeUndefined();
    expect(await h.store.listBookings({ from: "2026-12-03T00:00:00+09:00", to: "2026-12-04T00:00:00+09:00" })).toEqual([good]);
    expect(h.corrupt).toEqual(["booking:CCC-CCC", "booking:CCC-CCC", "booking:DDD-DDD"]);
  });

  it("when a booking under another id overlaps the slot (left off the grid), then it takes a place in the same step", async () => {
    const hour = claim(10);
    await h.store.book({ claim: hour, booking: booking(hour), now: NOW });
    const halfPast: SlotClaim = { slotId: "debt@2026-12-03T10:30+09:00", specialty: "debt", start: "2026-12-03T10:30+09:00", end: "2026-12-03T11:00+09:00", capacity: 1 };
    expect(await h.store.book({ claim: halfPast, booking: booking(halfPast), now: NOW })).toEqual({ ok: false, reason: "SLOT_TAKEN" });
    expect(await h.store.hold({ claim: halfPast, holderId: "h1", expiresAt: "2026-12-01T09:10:00+09:00", now: NOW })).toBe(false);
    expect((await h.store.book({ claim: { ...halfPast, capacity: 2 }, booking: booking(halfPast), now: NOW })).ok).toBe(true);
    const legal: SlotClaim = { ...halfPast, slotId: "legal@2026-12-03T10:30+09:00", specialty: "legal" };
    expect((await h.store.book({ claim: legal, booking: booking(legal), now: NOW })).ok).toBe(true);
  });

  it("when 40 residents race for the last place on two connections, then exactly one is booked", async () => {
    const slot = claim(14, 1);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? h.other : h.store).book({ claim: slot, booking: booking(slot), now: NOW })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "SLOT_TAKEN")).toHaveLength(39);
    expect(await h.store.listBookings({ from: slot.start, to: slot.end })).toHaveLength(1);
  });

  it("when one phone books two slots at once on two connections, then one booking is made and the other names it", async () => {
    const first = { ...booking(claim(15)), sessionRef: "web:owner" };
    const second = { ...booking(claim(16), first.phone), sessionRef: "web:owner" };
    const results = await Promise.all([h.store.book({ claim: claim(15), booking: first, now: NOW }), h.other.book({ claim: claim(16), booking: second, now: NOW })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "ACTIVE_BOOKING_EXISTS")).toHaveLength(1);
  });

  it("when a retry with the same idempotency key races the first attempt, then both answer the same booking", async () => {
    const slot = claim(17, 5);
    const first = booking(slot);
    const retry = booking(slot, first.phone);
    const results = await Promise.all([h.store.book({ claim: slot, booking: first, idempotencyKey: "k", now: NOW }), h.other.book({ claim: slot, booking: retry, idempotencyKey: "k", now: NOW })]);
    const codes = results.map((r) => (r.ok ? r.booking.code : r.reason));
    expect(new Set(codes).size).toBe(1);
    expect(results.filter((r) => r.ok && r.replayed)).toHaveLength(1);
  });

  it("when retention runs, then bookings whose appointment ended more than the period ago go; erasing a conversation takes its cancelled and past ones", async () => {
    const old = { ...booking(claim(10, 1, "2026-12-01")), sessionRef: "web:abc" };
    const cancelled = { ...booking(claim(11)), sessionRef: "web:abc" };
    const upcoming = { ...booking(claim(12)), sessionRef: "web:abc" };
    await h.store.book({ claim: claim(10, 1, "2026-12-01"), booking: old, now: "2026-11-30T09:00:00+09:00" });
    await h.store.book({ claim: claim(11), booking: cancelled, now: NOW });
    await h.store.updateBookingStatus(cancelled.code, "cancelled", NOW);
    await h.store.book({ claim: claim(12), booking: upcoming, now: NOW });
    expect(await h.retention.eraseBookingsOfSession("web:abc", Date.parse("2026-12-02T09:00:00+09:00"))).toBe(2);
    expect(await h.store.findBookingByCode(old.code)).toBeUndefined();
    expect(await h.store.findBookingByCode(cancelled.code)).toBeUndefined();
    expect(await h.store.findBookingByCode(upcoming.code)).toBeDefined();
    expect((await h.retention.purge(Date.parse("2027-03-03T13:00:00+09:00"))).bookings).toBe(0);
    expect((await h.retention.purge(Date.parse("2027-03-04T13:00:00+09:00"))).bookings).toBe(1);
    expect(await h.store.findBookingByCode(upcoming.code)).toBeUndefined();
  });
});
