import { computeOpenSlots, findSlot, nearestSlots, toSlotClaim } from "../../../bot/booking/compute-open-slots";
import { loadSchedule, parseSchedule } from "../../../flows/load-schedule";
import type { Schedule } from "../../../flows/schema/schedule";

const shipped = loadSchedule();
const none: ReadonlyMap<string, number> = new Map();
const MONDAY_EVENING = "2026-04-06T18:00+09:00";

function withoutLegalCounsellors(): Schedule {
  const data = structuredClone(shipped);
  const result = parseSchedule({ ...data, specialties: { ...data.specialties, legal: { counsellors: 0, slotMinutes: 60 } } });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.schedule;
}

describe("findSlot", () => {
  it("when the slot is open, then it is returned with its end and remaining", () => {
    expect(findSlot(shipped, "debt@2026-04-07T10:00+09:00", new Map([["debt@2026-04-07T10:00+09:00", 1]]), MONDAY_EVENING)).toEqual({
      ok: true, slot: { id: "debt@2026-04-07T10:00+09:00", specialty: "debt", start: "2026-04-07T10:00+09:00", end: "2026-04-07T11:00+09:00", remaining: 1 },
    });
  });

  it("when every slot it lists is looked up, then each is found unchanged", () => {
    const taken = new Map([["job@2026-04-08T09:30+09:00", 0]]);
    for (const slot of computeOpenSlots(shipped, taken, MONDAY_EVENING, { specialty: "job", from: "2026-04-07", days: 3 })) {
      expect(findSlot(shipped, slot.id, taken, MONDAY_EVENING)).toEqual({ ok: true, slot });
    }
  });

  it.each([
    ["not an id", "tomorrow at ten"],
    ["an unknown specialty", "tax@2026-04-07T10:00+09:00"],
    ["off the 60-minute grid", "debt@2026-04-07T10:30+09:00"],
    ["in the lunch gap", "debt@2026-04-07T12:00+09:00"],
    ["on a Saturday", "debt@2026-04-11T10:00+09:00"],
  ])("when the id is %s, then the reason is unknown", (_why, id) => {
    expect(findSlot(shipped, id, none, MONDAY_EVENING)).toEqual({ ok: false, reason: "unknown" });
  });

  it("when the slot is on 추석 (2026-09-25), then the reason is closed", () => {
    expect(findSlot(shipped, "debt@2026-09-25T10:00+09:00", none, "2026-09-01T09:00+09:00")).toEqual({ ok: false, reason: "closed" });
  });

  it("when the specialty has no counsellors, then the reason is closed", () => {
    expect(findSlot(withoutLegalCounsellors(), "legal@2026-04-07T10:00+09:00", none, MONDAY_EVENING)).toEqual({ ok: false, reason: "closed" });
  });

  it("when the slot starts less than 120 minutes from now or has passed, then the reason is past_notice", () => {
    expect(findSlot(shipped, "debt@2026-04-07T11:00+09:00", none, "2026-04-07T09:01+09:00")).toEqual({ ok: false, reason: "past_notice" });
    expect(findSlot(shipped, "debt@2026-04-07T11:00+09:00", none, "2026-04-07T09:00+09:00").ok).toBe(true);
    expect(findSlot(shipped, "debt@2026-04-06T10:00+09:00", none, MONDAY_EVENING)).toEqual({ ok: false, reason: "past_notice" });
  });

  it("when the slot is after the 28-day horizon, then the reason is beyond_horizon", () => {
    expect(findSlot(shipped, "debt@2026-04-29T17:00+09:00", none, "2026-04-01T10:00+09:00").ok).toBe(true);
    expect(findSlot(shipped, "debt@2026-04-30T09:00+09:00", none, "2026-04-01T10:00+09:00")).toEqual({ ok: false, reason: "beyond_horizon" });
  });

  it("when every counsellor is taken, then the reason is full", () => {
    const taken = new Map([["debt@2026-04-07T10:00+09:00", 2]]);
    expect(findSlot(shipped, "debt@2026-04-07T10:00+09:00", taken, MONDAY_EVENING)).toEqual({ ok: false, reason: "full" });
  });
});

describe("toSlotClaim", () => {
  it("when a slot is claimed, then its capacity is the specialty's counsellors", () => {
    const found = findSlot(shipped, "debt@2026-04-07T10:00+09:00", new Map([["debt@2026-04-07T10:00+09:00", 1]]), MONDAY_EVENING);
    if (!found.ok) throw new Error(found.reason);
    expect(toSlotClaim(shipped, found.slot)).toEqual({
      slotId: "debt@2026-04-07T10:00+09:00", specialty: "debt", start: "2026-04-07T10:00+09:00", end: "2026-04-07T11:00+09:00", capacity: 2,
    });
  });
});

describe("nearestSlots", () => {
  const startsNear = (around: string, count?: number, taken = none) =>
    nearestSlots(shipped, taken, MONDAY_EVENING, around, count).map((slot) => slot.start);

  it("when the given slot is open, then the three nearest others come in start order, ties going to the earlier", () => {
    expect(startsNear("debt@2026-04-08T11:00+09:00")).toEqual(["2026-04-08T09:00+09:00", "2026-04-08T10:00+09:00", "2026-04-08T13:00+09:00"]);
  });

  it("when the given time is lunch, then slots on both sides are offered", () => {
    expect(startsNear("debt@2026-04-08T12:00+09:00")).toEqual(["2026-04-08T10:00+09:00", "2026-04-08T11:00+09:00", "2026-04-08T13:00+09:00"]);
  });

  it("when the neighbours are full, then they are skipped", () => {
    const taken = new Map([["debt@2026-04-08T10:00+09:00", 2], ["debt@2026-04-08T13:00+09:00", 2]]);
    expect(startsNear("debt@2026-04-08T11:00+09:00", 2, taken)).toEqual(["2026-04-08T09:00+09:00", "2026-04-08T14:00+09:00"]);
  });

  it("when the given day is a holiday run (추석 2026), then the alternatives cross into open days", () => {
    const near = nearestSlots(shipped, none, "2026-09-01T09:00+09:00", "debt@2026-09-28T09:00+09:00").map((slot) => slot.start);
    expect(near).toEqual(["2026-09-29T09:00+09:00", "2026-09-29T10:00+09:00", "2026-09-29T11:00+09:00"]);
  });

  it("when the slot is at the start of the window, then only later slots within the notice are offered", () => {
    expect(nearestSlots(shipped, none, "2026-04-07T09:01+09:00", "debt@2026-04-07T11:00+09:00", 2).map((slot) => slot.start))
      .toEqual(["2026-04-07T13:00+09:00", "2026-04-07T14:00+09:00"]);
  });

  it("when the id does not parse, then there are none", () => {
    expect(startsNear("debt@tomorrow")).toEqual([]);
  });

  it("when the slots are 30 minutes, then the specialty of the given id is used", () => {
    expect(startsNear("job@2026-04-08T10:00+09:00", 2)).toEqual(["2026-04-08T09:30+09:00", "2026-04-08T10:30+09:00"]);
  });
});
