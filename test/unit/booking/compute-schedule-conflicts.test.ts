import type { Booking } from "../../../bot/booking/booking-types";
import { computeScheduleConflicts } from "../../../bot/booking/compute-schedule-conflicts";
import type { Specialty } from "../../../flows/schema/catalog";
import type { ScheduleInput } from "../../../flows/schema/schedule";
import { loadSchedule, parseSchedule } from "../../../flows/load-schedule";

/** The shipped schedule: Mon–Fri 09–12 and 13–18, debt 60 min × 2, legal 60 min × 1. */
const shipped = loadSchedule();
/** Thursday 3 December 2026, 08:00 in Seoul. */
const NOW = "2026-12-03T08:00+09:00";

function schedule(edit: Partial<ScheduleInput>) {
  const result = parseSchedule({ ...structuredClone(shipped), ...edit });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.schedule;
}

let counter = 0;
function booking(start: string, minutes = 60, specialty: Specialty = "debt", extra: Partial<Booking> = {}): Booking {
  counter += 1;
  const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
  return {
    id: `id-${counter}`, code: `AAA-${String(100 + counter)}`, slotId: `${specialty}@${start}`, specialty, start, end, status: "confirmed",
    name: "v1:sealed-name", phone: "blind-index", createdAt: `2026-12-01T0${counter % 10}:00:00.000Z`, updatedAt: "2026-12-01T00:00:00.000Z", ...extra,
  };
}

describe("computeScheduleConflicts", () => {
  it("when the schedule still offers every booking, then there are no conflicts", () => {
    const bookings = [booking("2026-12-04T10:00+09:00"), booking("2026-12-07T13:00+09:00", 60, "legal")];
    expect(computeScheduleConflicts(shipped, bookings, NOW)).toEqual([]);
  });

  it("when a day becomes a holiday or a closure covers a booking, then that booking is listed with why, and one outside the closed hours is not", () => {
    const friday = booking("2026-12-04T10:00+09:00");
    const mondayMorning = booking("2026-12-07T10:00+09:00");
    const mondayAfternoon = booking("2026-12-07T15:00+09:00");
    const edited = schedule({
      holidays: [...shipped.holidays, { date: "2026-12-04", name: "임시공휴일" }],
      closures: [{ date: "2026-12-07", from: "14:00", reason: "건물 점검" }],
    });
    expect(computeScheduleConflicts(edited, [friday, mondayMorning, mondayAfternoon], NOW)).toEqual([
      { code: friday.code, slotStart: "2026-12-04T10:00+09:00", specialty: "debt", reason: "holiday" },
      { code: mondayAfternoon.code, slotStart: "2026-12-07T15:00+09:00", specialty: "debt", reason: "closure" },
    ]);
  });

  it("when hours shrink or a specialty has no counsellors, then the bookings outside them are listed", () => {
    const late = booking("2026-12-04T17:00+09:00");
    const legal = booking("2026-12-04T10:00+09:00", 60, "legal");
    const kept = booking("2026-12-04T09:00+09:00");
    const fri = [{ from: "09:00", to: "12:00" }, { from: "13:00", to: "16:00" }];
    const edited = schedule({
      weeklyHours: { ...shipped.weeklyHours, fri },
      specialties: { ...shipped.specialties, legal: { counsellors: 0, slotMinutes: 60 } },
    });
    expect(computeScheduleConflicts(edited, [late, legal, kept], NOW).map((c) => [c.code, c.reason])).toEqual([
      [legal.code, "no_counsellors"], [late.code, "outside_hours"],
    ]);
  });

  it("when a slot holds more bookings than counsellors, then the latest booked beyond the count are listed", () => {
    const first = booking("2026-12-04T10:00+09:00", 60, "debt", { createdAt: "2026-12-01T01:00:00.000Z" });
    const second = booking("2026-12-04T10:00+09:00", 60, "debt", { createdAt: "2026-12-01T02:00:00.000Z" });
    const edited = schedule({ specialties: { ...shipped.specialties, debt: { counsellors: 1, slotMinutes: 60 } } });
    expect(computeScheduleConflicts(edited, [second, first], NOW)).toEqual([
      { code: second.code, slotStart: "2026-12-04T10:00+09:00", specialty: "debt", reason: "over_capacity" },
    ]);
  });

  it("when a booking is cancelled or already started, then it is not listed", () => {
    const edited = schedule({ closures: [{ date: "2026-12-03" }, { date: "2026-12-04" }] });
    const cancelled = booking("2026-12-04T10:00+09:00", 60, "debt", { status: "cancelled" });
    const started = booking("2026-12-03T07:30+09:00");
    expect(computeScheduleConflicts(edited, [cancelled, started], NOW)).toEqual([]);
  });

  it("when the grid moves (90-minute sessions) and a booking no longer starts a slot but is inside the hours, then it is listed off_grid", () => {
    const onGrid = booking("2026-12-04T09:00+09:00", 90);
    const offGrid = booking("2026-12-04T10:00+09:00");
    const edited = schedule({ specialties: { ...shipped.specialties, debt: { counsellors: 2, slotMinutes: 90 } } });
    expect(computeScheduleConflicts(edited, [onGrid, offGrid], NOW)).toEqual([
      { code: offGrid.code, slotStart: "2026-12-04T10:00+09:00", specialty: "debt", reason: "off_grid" },
    ]);
  });

  it("when sessions change length but a booking's start is still on the grid, then it is listed off_grid (60→30 and 30→60)", () => {
    const sixtyMinutes = booking("2026-12-04T10:00+09:00", 60);
    const thirtyMinutes = booking("2026-12-07T10:00+09:00", 30);
    const thirty = schedule({ specialties: { ...shipped.specialties, debt: { counsellors: 2, slotMinutes: 30 } } });
    const sixty = schedule({ specialties: { ...shipped.specialties, debt: { counsellors: 2, slotMinutes: 60 } } });
    expect(computeScheduleConflicts(thirty, [sixtyMinutes], NOW)).toEqual([{ code: sixtyMinutes.code, slotStart: "2026-12-04T10:00+09:00", specialty: "debt", reason: "off_grid" }]);
    expect(computeScheduleConflicts(sixty, [thirtyMinutes], NOW)).toEqual([{ code: thirtyMinutes.code, slotStart: "2026-12-07T10:00+09:00", specialty: "debt", reason: "off_grid" }]);
    expect(computeScheduleConflicts(sixty, [sixtyMinutes], NOW)).toEqual([]);
  });

  it("when bookings of different slot ids overlap in time beyond the counsellors, then the latest booked is over_capacity, and touching ones are not", () => {
    const first = booking("2026-12-04T09:00+09:00", 90, "debt", { createdAt: "2026-12-01T01:00:00.000Z" });
    const overlapping = booking("2026-12-04T10:00+09:00", 60, "debt", { createdAt: "2026-12-01T02:00:00.000Z" });
    const touching = booking("2026-12-04T10:30+09:00", 90, "debt", { createdAt: "2026-12-01T03:00:00.000Z" });
    const edited = schedule({ specialties: { ...shipped.specialties, debt: { counsellors: 1, slotMinutes: 90 } } });
    expect(computeScheduleConflicts(edited, [touching, overlapping, first], NOW)).toEqual([
      { code: overlapping.code, slotStart: "2026-12-04T10:00+09:00", specialty: "debt", reason: "over_capacity" },
    ]);
  });

  it("when two counsellors each have one of two overlapping bookings, then neither is over capacity", () => {
    const a = booking("2026-12-04T09:00+09:00", 90, "debt", { createdAt: "2026-12-01T01:00:00.000Z" });
    const b = booking("2026-12-04T10:00+09:00", 60, "debt", { createdAt: "2026-12-01T02:00:00.000Z" });
    const edited = schedule({ specialties: { ...shipped.specialties, debt: { counsellors: 2, slotMinutes: 90 } } });
    expect(computeScheduleConflicts(edited, [a, b], NOW).map((c) => c.reason)).toEqual(["off_grid"]);
  });
});
