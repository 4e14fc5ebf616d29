import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import type { Booking, SlotClaim } from "../../../bot/booking/booking-types";
import type { BookingStore } from "../../../bot/ports";
import { RedisBookingStore } from "../../../server/storage/redis/redis-booking-store";
import { openSqlite } from "../../../server/storage/sqlite/open-sqlite";
import { SqliteBookingStore } from "../../../server/storage/sqlite/sqlite-booking-store";
import { storageKeys } from "../../../server/storage/storage-keys";
import { SHARED_REDIS_URL, uniquePrefix } from "../../support/redis-server";

type Harness = {
  store: BookingStore;
  corrupt: string[];
  /** Stores raw text as booking `code` starting at `start`, to simulate a damaged record. */
  writeRaw: (code: string, start: string, text: string) => Promise<void>;
  close: () => Promise<void>;
};

const implementations: Array<[string, () => Promise<Harness>]> = [
  ["redis", async () => {
    const redis = new Redis(SHARED_REDIS_URL);
    const prefix = uniquePrefix("bookings");
    const corrupt: string[] = [];
    return {
      store: new RedisBookingStore(redis, prefix, (w) => corrupt.push(w.key)),
      corrupt,
      writeRaw: async (code, start, text) => {
        await redis.set(storageKeys.booking(prefix, code), text);
        await redis.zadd(storageKeys.bookingsByStart(prefix), Date.parse(start), code);
      },
      close: async () => {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length) await redis.del(...keys);
        await redis.quit();
      },
    };
  }],
  ["sqlite", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-bookings-"));
    const db = openSqlite(path.join(dir, "test.sqlite"));
    const corrupt: string[] = [];
    return {
      store: new SqliteBookingStore(db, (w) => corrupt.push(w.key)),
      corrupt,
      writeRaw: async (code, start, text) => {
        db.prepare("INSERT INTO bookings (code, slot_id, phone, status, start_ms, data) VALUES (?, 'x', '01000000000', 'confirmed', ?, ?)").run(code, Date.parse(start), text);
      },
      close: async () => { db.close(); rmSync(dir, { recursive: true, force: true }); },
    };
  }],
];

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

  it("when the phone has a confirmed booking that has not started, then a second one is refused", async () => {
    const a = booking(claim(10));
    await h.store.book({ claim: claim(10), booking: a, now: NOW });
    const second = booking(claim(11), a.phone);
    expect(await h.store.book({ claim: claim(11), booking: second, now: NOW })).toEqual({ ok: false, reason: "ACTIVE_BOOKING_EXISTS", existing: a });

    await h.store.updateBookingStatus(a.code, "cancelled", NOW);
    expect((await h.store.book({ claim: claim(11), booking: second, now: NOW })).ok).toBe(true);
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
    await h.writeRaw("CCC-CCC", "2026-12-03T11:00:00+09:00", "{{{");
    await h.writeRaw("DDD-DDD", "2026-12-03T12:00:00+09:00", JSON.stringify({ ...good, code: "DDD-DDD", phone: "not a phone" }));

    expect(await h.store.findBookingByCode("CCC-CCC")).toBeUndefined();
    expect(await h.store.listBookings({ from: "2026-12-03T00:00:00+09:00", to: "2026-12-04T00:00:00+09:00" })).toEqual([good]);
    expect(h.corrupt).toEqual(["booking:CCC-CCC", "booking:CCC-CCC", "booking:DDD-DDD"]);
  });
});
