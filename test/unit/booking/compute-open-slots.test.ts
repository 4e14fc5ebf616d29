import { computeOpenSlots, findSlot, toSlotClaim } from "../../../bot/booking/compute-open-slots";
import type { BookedTime } from "../../../bot/booking/count-off-grid-bookings";
import type { Slot } from "../../../bot/booking/booking-types";
import type { Specialty } from "../../../flows/schema/catalog";
import type { Closure, Schedule } from "../../../flows/schema/schedule";
import { loadSchedule, parseSchedule } from "../../../flows/load-schedule";

/** The shipped schedule: Mon–Fri 09–12 and 13–18, 2026/2027 holidays, debt 60 min × 2, job 30 min × 1. */
const shipped = loadSchedule();
const none: ReadonlyMap<string, number> = new Map();

function withClosures(closures: Closure[]): Schedule {
  const result = parseSchedule({ ...structuredClone(shipped), closures });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.schedule;
}

function starts(slots: Slot[]): string[] {
  return slots.map((slot) => slot.start);
}

function dates(slots: Slot[]): string[] {
  return [...new Set(slots.map((slot) => slot.start.slice(0, 10)))];
}

function open(now: string, from: string, days: number, specialty: Specialty = "debt", taken = none, schedule = shipped): Slot[] {
  return computeOpenSlots(schedule, taken, now, { specialty, from, days });
}

/** Tuesday 2026-04-07, seen from the evening before: no notice or horizon in the way. */
const MONDAY_EVENING = "2026-04-06T18:00+09:00";

describe("computeOpenSlots", () => {
  describe("opening hours", () => {
    it("when a weekday is listed, then 60-minute slots fill the morning and afternoon but not the 12–13 lunch gap", () => {
      expect(starts(open(MONDAY_EVENING, "2026-04-07", 1))).toEqual([
        "2026-04-07T09:00+09:00", "2026-04-07T10:00+09:00", "2026-04-07T11:00+09:00",
        "2026-04-07T13:00+09:00", "2026-04-07T14:00+09:00", "2026-04-07T15:00+09:00",
        "2026-04-07T16:00+09:00", "2026-04-07T17:00+09:00",
      ]);
    });

    it("when the specialty has 30-minute slots, then the last morning slot ends at 12:00 and the last one at 18:00", () => {
      const slots = open(MONDAY_EVENING, "2026-04-07", 1, "job");
      expect(slots).toHaveLength(16);
      expect(slots.find((slot) => slot.start === "2026-04-07T11:30+09:00")?.end).toBe("2026-04-07T12:00+09:00");
      expect(starts(slots)).not.toContain("2026-04-07T12:00+09:00");
      expect(starts(slots)).not.toContain("2026-04-07T12:30+09:00");
      expect(slots.at(-1)).toEqual({
        id: "job@2026-04-07T17:30+09:00", specialty: "job", start: "2026-04-07T17:30+09:00", end: "2026-04-07T18:00+09:00", remaining: 1,
      });
    });

    it("when the days span a weekend, then Saturday and Sunday have no slots", () => {
      expect(open(MONDAY_EVENING, "2026-04-11", 2)).toEqual([]);
      expect(dates(open(MONDAY_EVENING, "2026-04-10", 4))).toEqual(["2026-04-10", "2026-04-13"]);
    });

    it("when slots are listed over several days, then they come sorted by start", () => {
      const slots = open(MONDAY_EVENING, "2026-04-07", 5);
      expect(starts(slots)).toEqual([...starts(slots)].sort());
      expect(slots[0]?.start).toBe("2026-04-07T09:00+09:00");
    });

    it("when the query has no days or a bad date, then there are no slots", () => {
      expect(open(MONDAY_EVENING, "2026-04-07", 0)).toEqual([]);
      expect(open(MONDAY_EVENING, "2026-04-31", 3)).toEqual([]);
    });
  });

  describe("holidays", () => {
    it("when the week holds 추석 (2026-09-24..26) and its 대체공휴일 (09-28), then only the 23rd and 29th are open", () => {
      expect(dates(open("2026-09-01T09:00+09:00", "2026-09-23", 7))).toEqual(["2026-09-23", "2026-09-29"]);
    });

    it.each([
      ["2026-03-02", "삼일절 on a Sunday", "2026-03-03"],
      ["2027-02-09", "설날 over a weekend", "2027-02-10"],
      ["2027-12-27", "성탄절 on a Saturday", "2027-12-28"],
    ])("when %s is the 대체공휴일 for %s, then it is closed and %s is open", (holiday, _why, nextDay) => {
      const now = `${holiday.slice(0, 8)}01T09:00+09:00`;
      expect(open(now, holiday, 1)).toEqual([]);
      expect(open(now, nextDay, 1)[0]?.start).toBe(`${nextDay}T09:00+09:00`);
    });

    it("when the month ends on a Thursday (2026-04-30), then Friday 05-01 is open from 09:00", () => {
      const slots = open("2026-04-29T18:00+09:00", "2026-04-30", 2);
      expect(dates(slots)).toEqual(["2026-04-30", "2026-05-01"]);
      expect(slots.find((slot) => slot.start.startsWith("2026-05-01"))?.start).toBe("2026-05-01T09:00+09:00");
    });

    it("when the year ends (2026-12-31), then 신정 2027-01-01 and the weekend are closed and Monday 01-04 is open", () => {
      const slots = open("2026-12-30T18:00+09:00", "2026-12-31", 5);
      expect(dates(slots)).toEqual(["2026-12-31", "2027-01-04"]);
      expect(slots.find((slot) => slot.start.startsWith("2027"))?.start).toBe("2027-01-04T09:00+09:00");
    });
  });

  describe("minimum notice (120 minutes)", () => {
    it("when now is 10:30, then the first slot today is 13:00 (12:30 is lunch)", () => {
      expect(open("2026-04-07T10:30+09:00", "2026-04-07", 1)[0]?.start).toBe("2026-04-07T13:00+09:00");
    });

    it("when now is exactly 09:00, then the 11:00 slot is allowed", () => {
      expect(open("2026-04-07T09:00:00.000+09:00", "2026-04-07", 1)[0]?.start).toBe("2026-04-07T11:00+09:00");
    });

    it("when now is 09:01, then 11:00 is too soon and the next slot is 13:00 after lunch", () => {
      expect(open("2026-04-07T09:01+09:00", "2026-04-07", 1)[0]?.start).toBe("2026-04-07T13:00+09:00");
    });

    it("when now is given in UTC, then it is read as the same instant (00:00Z is 09:00 in Seoul)", () => {
      expect(open("2026-04-07T00:00:00.000Z", "2026-04-07", 1)[0]?.start).toBe("2026-04-07T11:00+09:00");
      expect(open("2026-04-07T00:00:01.000Z", "2026-04-07", 1)[0]?.start).toBe("2026-04-07T13:00+09:00");
    });

    it("when the slots are 30 minutes and now is 09:01, then the first is 11:30", () => {
      expect(open("2026-04-07T09:01+09:00", "2026-04-07", 1, "job")[0]?.start).toBe("2026-04-07T11:30+09:00");
    });

    it("when the query starts before today, then past days are skipped", () => {
      expect(open("2026-04-07T16:00+09:00", "2026-04-01", 8)[0]?.start).toBe("2026-04-08T09:00+09:00");
    });
  });

  describe("horizon (28 days)", () => {
    it("when now is Wednesday 2026-04-01, then 04-29 (day 28) is the last day offered and 04-30 is not", () => {
      const slots = open("2026-04-01T10:00+09:00", "2026-04-01", 60);
      expect(slots.at(-1)?.start).toBe("2026-04-29T17:00+09:00");
      expect(open("2026-04-01T10:00+09:00", "2026-04-29", 1)).toHaveLength(8);
      expect(open("2026-04-01T10:00+09:00", "2026-04-30", 1)).toEqual([]);
    });

    it("when now is 00:30 on 04-01 in Seoul (still 03-31 in UTC), then the horizon counts from the Seoul date", () => {
      expect(open("2026-03-31T15:30:00Z", "2026-04-01", 60).at(-1)?.start).toBe("2026-04-29T17:00+09:00");
      expect(open("2026-03-31T14:30:00Z", "2026-04-01", 60).at(-1)?.start).toBe("2026-04-28T17:00+09:00");
    });
  });

  describe("capacity", () => {
    it("when one of two debt counsellors is taken, then the slot remains with 1", () => {
      const taken = new Map([["debt@2026-04-07T10:00+09:00", 1]]);
      const slots = open(MONDAY_EVENING, "2026-04-07", 1, "debt", taken);
      expect(slots.find((slot) => slot.start === "2026-04-07T10:00+09:00")?.remaining).toBe(1);
      expect(slots.find((slot) => slot.start === "2026-04-07T09:00+09:00")?.remaining).toBe(2);
    });

    it("when every counsellor is taken, then the slot is not listed", () => {
      const taken = new Map([["debt@2026-04-07T10:00+09:00", 2], ["job@2026-04-07T10:00+09:00", 1]]);
      expect(starts(open(MONDAY_EVENING, "2026-04-07", 1, "debt", taken))).not.toContain("2026-04-07T10:00+09:00");
      expect(starts(open(MONDAY_EVENING, "2026-04-07", 1, "job", taken))).not.toContain("2026-04-07T10:00+09:00");
      expect(starts(open(MONDAY_EVENING, "2026-04-07", 1, "job", taken))).toContain("2026-04-07T10:30+09:00");
    });

    it("when another specialty's slot at the same time is taken, then it does not count", () => {
      const taken = new Map([["legal@2026-04-07T10:00+09:00", 1]]);
      expect(open(MONDAY_EVENING, "2026-04-07", 1, "debt", taken).find((s) => s.start === "2026-04-07T10:00+09:00")?.remaining).toBe(2);
    });
  });

  describe("closures", () => {
    const partial = withClosures([{ date: "2026-04-07", from: "10:30", to: "14:00", reason: "staff training" }]);

    it("when a closure runs 10:30–14:00, then every 60-minute slot overlapping it is removed", () => {
      expect(starts(open(MONDAY_EVENING, "2026-04-07", 1, "debt", none, partial))).toEqual([
        "2026-04-07T09:00+09:00", "2026-04-07T14:00+09:00", "2026-04-07T15:00+09:00", "2026-04-07T16:00+09:00", "2026-04-07T17:00+09:00",
      ]);
    });

    it("when a closure runs 10:30–14:00, then 30-minute slots end right before it and start right after it", () => {
      const slots = starts(open(MONDAY_EVENING, "2026-04-07", 1, "job", none, partial));
      expect(slots).toContain("2026-04-07T10:00+09:00");
      expect(slots).not.toContain("2026-04-07T10:30+09:00");
      expect(slots).not.toContain("2026-04-07T13:30+09:00");
      expect(slots).toContain("2026-04-07T14:00+09:00");
    });

    it("when a closure gives no times, then the whole day is closed and the next day is not", () => {
      const schedule = withClosures([{ date: "2026-04-07" }]);
      expect(dates(open(MONDAY_EVENING, "2026-04-07", 2, "debt", none, schedule))).toEqual(["2026-04-08"]);
    });

    it("when a closure gives only from 16:00, then it runs to the end of the day", () => {
      const schedule = withClosures([{ date: "2026-04-07", from: "16:00" }]);
      expect(starts(open(MONDAY_EVENING, "2026-04-07", 1, "debt", none, schedule)).at(-1)).toBe("2026-04-07T15:00+09:00");
    });
  });

  describe("bookings left off the grid by a schedule change", () => {
    /** debt with 90-minute sessions: 09:00–10:30, 10:30–12:00, 13:00–14:30 … */
    const ninety = (counsellors: number): Schedule => {
      const result = parseSchedule({ ...structuredClone(shipped), specialties: { ...shipped.specialties, debt: { counsellors, slotMinutes: 90 } } });
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      return result.schedule;
    };
    /** Booked on the old 60-minute grid, Tuesday 10:00–11:00. */
    const old: BookedTime = { code: "AAA-111", slotId: "debt@2026-04-07T10:00+09:00", specialty: "debt", start: "2026-04-07T10:00+09:00", end: "2026-04-07T11:00+09:00", status: "confirmed" };
    const slotsOf = (schedule: Schedule, bookings: BookedTime[]) =>
      computeOpenSlots(schedule, none, MONDAY_EVENING, { specialty: "debt", from: "2026-04-07", days: 1 }, bookings).map((slot) => [slot.start, slot.remaining]);

    it("when one counsellor has an old booking overlapping two new slots, then neither is offered, and the claim for one has no capacity", () => {
      expect(slotsOf(ninety(1), [old]).slice(0, 1)).toEqual([["2026-04-07T13:00+09:00", 1]]);
      expect(findSlot(ninety(1), "debt@2026-04-07T09:00+09:00", none, MONDAY_EVENING, [old])).toEqual({ ok: false, reason: "full" });
      const found = findSlot(ninety(1), "debt@2026-04-07T09:00+09:00", none, MONDAY_EVENING);
      if (!found.ok) throw new Error("the 09:00 slot should be on the grid");
      expect(toSlotClaim(ninety(1), found.slot, [old]).capacity).toBe(0);
      expect(toSlotClaim(ninety(1), found.slot).capacity).toBe(1);
    });

    it("when two counsellors share it, then each overlapping slot has 1 place left and the later ones 2", () => {
      expect(slotsOf(ninety(2), [old]).slice(0, 3)).toEqual([["2026-04-07T09:00+09:00", 1], ["2026-04-07T10:30+09:00", 1], ["2026-04-07T13:00+09:00", 2]]);
    });

    it("when the old booking is cancelled, of another specialty, or on the slot's own id, then it takes no place here (the store counts its own id)", () => {
      const cancelled = { ...old, status: "cancelled" as const };
      const legal = { ...old, specialty: "legal" as const, slotId: "legal@2026-04-07T10:00+09:00" };
      const sameId = { ...old, slotId: "debt@2026-04-07T09:00+09:00", start: "2026-04-07T09:00+09:00", end: "2026-04-07T10:00+09:00" };
      expect(slotsOf(ninety(1), [cancelled, legal]).slice(0, 2)).toEqual([["2026-04-07T09:00+09:00", 1], ["2026-04-07T10:30+09:00", 1]]);
      expect(slotsOf(ninety(1), [sameId]).slice(0, 2)).toEqual([["2026-04-07T09:00+09:00", 1], ["2026-04-07T10:30+09:00", 1]]);
    });

    it("when an old booking only touches a slot's edge, then it takes no place in it", () => {
      const nineToTenThirty = { ...old, slotId: "debt@2026-04-07T09:00+09:00", start: "2026-04-07T09:00+09:00", end: "2026-04-07T10:00+09:00" };
      const shifted = parseSchedule({ ...structuredClone(shipped), weeklyHours: { ...shipped.weeklyHours, tue: [{ from: "10:00", to: "12:00" }] } });
      if (!shifted.ok) throw new Error("schedule");
      expect(computeOpenSlots(shifted.schedule, none, MONDAY_EVENING, { specialty: "debt", from: "2026-04-07", days: 1 }, [nineToTenThirty]).map((slot) => slot.remaining)).toEqual([2, 2]);
    });
  });
});
