import { isGridSlot, isOnGrid } from "../../../bot/booking/compute-open-slots";
import type { Schedule } from "../../../flows/schema/schedule";
import { loadSchedule, parseSchedule } from "../../../flows/load-schedule";

/** The shipped schedule: Mon–Fri 09–12 and 13–18, debt 60-minute sessions. */
const shipped = loadSchedule();

function debtSessions(slotMinutes: number): Schedule {
  const result = parseSchedule({ ...structuredClone(shipped), specialties: { ...shipped.specialties, debt: { counsellors: 1, slotMinutes } } });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.schedule;
}

const SIXTY = debtSessions(60);
const THIRTY = debtSessions(30);
const TEN = "debt@2026-12-04T10:00+09:00";

describe("isOnGrid", () => {
  it("when a booking has a slot's id and ends with it, then it is on the grid", () => {
    expect(isOnGrid(SIXTY, { slotId: TEN, end: "2026-12-04T11:00+09:00" })).toBe(true);
    expect(isOnGrid(THIRTY, { slotId: TEN, end: "2026-12-04T10:30+09:00" })).toBe(true);
  });

  it("when the end is the same instant written in UTC, then it is still on the grid", () => {
    expect(isOnGrid(SIXTY, { slotId: TEN, end: "2026-12-04T02:00:00.000Z" })).toBe(true);
  });

  it("when sessions go from 60 to 30 minutes, then a 10:00–11:00 booking is off the grid although its id is still laid", () => {
    const booked = { slotId: TEN, end: "2026-12-04T11:00+09:00" };
    expect(isGridSlot(THIRTY, booked.slotId)).toBe(true);
    expect(isOnGrid(THIRTY, booked)).toBe(false);
  });

  it("when sessions go from 30 to 60 minutes, then a 10:00–10:30 booking is off the grid, and a 10:30 one has no slot at all", () => {
    expect(isOnGrid(SIXTY, { slotId: TEN, end: "2026-12-04T10:30+09:00" })).toBe(false);
    expect(isOnGrid(SIXTY, { slotId: "debt@2026-12-04T10:30+09:00", end: "2026-12-04T11:00+09:00" })).toBe(false);
  });

  it("when the id is not a slot id, is at lunch or on a weekend, then it is off the grid", () => {
    expect(isOnGrid(SIXTY, { slotId: "not-an-id", end: "2026-12-04T11:00+09:00" })).toBe(false);
    expect(isOnGrid(SIXTY, { slotId: "debt@2026-12-04T12:00+09:00", end: "2026-12-04T13:00+09:00" })).toBe(false);
    expect(isOnGrid(SIXTY, { slotId: "debt@2026-12-05T10:00+09:00", end: "2026-12-05T11:00+09:00" })).toBe(false);
  });
});
