import type { Specialty } from "../../flows/schema/catalog";
import type { Schedule } from "../../flows/schema/schedule";
import { toSeoulDate } from "../time/seoul-date";
import { addDays, isCalendarDate, seoulMs, seoulWeekday, toMinutes, toSeoulIsoOnDate, toSeoulWallClock } from "../time/seoul-time";
import type { Slot, SlotClaim } from "./booking-types";
import type { BookedTime } from "./count-off-grid-bookings";
import { countOffGridBookings } from "./count-off-grid-bookings";
import { parseSlotId } from "./slot-id";

const MINUTE_MS = 60_000;

/** Which slots to list: `days` Seoul calendar days starting at `from` (YYYY-MM-DD). */
export type SlotQuery = { specialty: Specialty; from: string; days: number };

/**
 * Why a slot id cannot be booked now. `unknown`: not an id, or the weekly hours never produce
 * that slot; `closed`: a holiday or closure removes it, or the specialty has no counsellors;
 * `past_notice`: it starts sooner than minNoticeMinutes from now (or is past); `beyond_horizon`:
 * it is after now's Seoul date + horizonDays; `full`: every counsellor is taken.
 */
export type SlotUnavailableReason = "unknown" | "closed" | "past_notice" | "beyond_horizon" | "full";
export type FindSlotResult = { ok: true; slot: Slot } | { ok: false; reason: SlotUnavailableReason };

/** A slot of the weekly grid on one date, in minutes of the Seoul day; `dayMs` is the instant of that day's Seoul midnight. */
type GridSlot = { date: string; dayMs: number; from: number; to: number };
/** What `now` allows: slots starting at or after `earliestMs`, on dates up to `lastDate`. */
type BookingWindow = { today: string; lastDate: string; earliestMs: number };

/**
 * Every bookable slot of `query.specialty` on the queried days, sorted by start: slots of
 * `slotMinutes` laid from the start of each open interval that fit inside it, on days that are
 * not holidays, not overlapping a closure, starting at least `minNoticeMinutes` after `now` and
 * no later than now's Seoul date + `horizonDays`, with counsellors left after `taken` (slot id →
 * bookings and holds) and after the active `bookings` left off the grid by a schedule change that
 * overlap the slot (see countOffGridBookings; pass the bookings of the queried days). `now` is an
 * ISO instant; a bad `query.from` or `days < 1` gives no slots.
 */
export function computeOpenSlots(
  schedule: Schedule, taken: ReadonlyMap<string, number>, now: string, query: SlotQuery, bookings: readonly BookedTime[] = [],
): Slot[] {
  if (!isCalendarDate(query.from) || !Number.isInteger(query.days) || query.days < 1) return [];
  const window = toBookingWindow(schedule, now);
  const first = query.from > window.today ? query.from : window.today;
  const requestedLast = addDays(query.from, query.days - 1);
  const last = requestedLast < window.lastDate ? requestedLast : window.lastDate;
  const slots: Slot[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    for (const grid of gridOn(schedule, query.specialty, date)) {
      const result = classify(schedule, { taken, bookings }, window, query.specialty, grid);
      if (result.ok) slots.push(result.slot);
    }
  }
  return slots.sort(byStart);
}

/** Slot starts are all written alike ("2026-12-03T10:00+09:00"), so their text sorts as their time. */
const byStart = (a: Slot, b: Slot) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);

/** The slot behind `slotId` if it can be booked at `now`, or why not (capacity as in computeOpenSlots). Never throws on a bad id. */
export function findSlot(
  schedule: Schedule, slotId: string, taken: ReadonlyMap<string, number>, now: string, bookings: readonly BookedTime[] = [],
): FindSlotResult {
  const parsed = parseSlotId(slotId);
  const grid = gridSlotOf(schedule, slotId);
  if (!parsed || !grid) return { ok: false, reason: "unknown" };
  return classify(schedule, { taken, bookings }, toBookingWindow(schedule, now), parsed.specialty, grid);
}

/**
 * Whether the weekly hours lay a slot starting at this id (holidays, closures, notice and capacity
 * aside). An id names only the start: a booking made with another session length may share it
 * and still be off the grid, so judge bookings with isOnGrid; this suits slot ids alone (a quick
 * first look at the store's counts, which carry no ends).
 */
export function isGridSlot(schedule: Schedule, slotId: string): boolean {
  return gridSlotOf(schedule, slotId) !== undefined;
}

/**
 * Whether a booking sits exactly on a slot of the grid in force: the weekly hours lay a slot with
 * its id and that slot ends when the booking does. A 10:00–11:00 booking made with 60-minute
 * sessions is off a 30-minute grid although "…@10:00" is still on it.
 */
export function isOnGrid(schedule: Schedule, booked: Pick<BookedTime, "slotId" | "end">): boolean {
  const grid = gridSlotOf(schedule, booked.slotId);
  return grid !== undefined && seoulMs(grid.date, grid.to) === Date.parse(booked.end);
}

/**
 * What the booking store needs to take capacity in `slot`: the specialty's counsellors less the
 * off-grid `bookings` overlapping it (the store counts only bookings and holds on the slot's id).
 */
export function toSlotClaim(schedule: Schedule, slot: Slot, bookings: readonly BookedTime[] = []): SlotClaim {
  const capacity = Math.max(0, schedule.specialties[slot.specialty].counsellors - countOffGridBookings(slot, bookings));
  return { slotId: slot.id, specialty: slot.specialty, start: slot.start, end: slot.end, capacity };
}

/**
 * Up to `count` open slots of the same specialty nearest in time to `around` (earlier or later,
 * never `around` itself), in start order; ties in distance go to the earlier slot. Gives none for
 * an id that does not parse.
 */
export function nearestSlots(
  schedule: Schedule, taken: ReadonlyMap<string, number>, now: string, around: string, count = 3, bookings: readonly BookedTime[] = [],
): Slot[] {
  const parsed = parseSlotId(around);
  if (!parsed || count < 1) return [];
  const target = Date.parse(parsed.start);
  const today = toSeoulDate(now);
  const open = computeOpenSlots(schedule, taken, now, { specialty: parsed.specialty, from: today, days: schedule.horizonDays + 1 }, bookings);
  return open
    .filter((slot) => slot.id !== around)
    .map((slot) => ({ slot, distance: Math.abs(Date.parse(slot.start) - target) }))
    .sort((a, b) => a.distance - b.distance || byStart(a.slot, b.slot))
    .slice(0, count)
    .map(({ slot }) => slot)
    .sort(byStart);
}

/** The grid slot behind a slot id, if the weekly hours lay one starting there. */
function gridSlotOf(schedule: Schedule, slotId: string): GridSlot | undefined {
  const parsed = parseSlotId(slotId);
  const wall = parsed ? toSeoulWallClock(parsed.start) : undefined;
  return parsed && wall ? gridOn(schedule, parsed.specialty, wall.date).find((grid) => grid.from === wall.minutes) : undefined;
}

function toBookingWindow(schedule: Schedule, now: string): BookingWindow {
  const today = toSeoulDate(now);
  return { today, lastDate: addDays(today, schedule.horizonDays), earliestMs: Date.parse(now) + schedule.minNoticeMinutes * 60_000 };
}

/** The weekly hours' slots for a specialty on a date, before holidays, closures and capacity. */
function gridOn(schedule: Schedule, specialty: Specialty, date: string): GridSlot[] {
  const { slotMinutes } = schedule.specialties[specialty];
  const dayMs = seoulMs(date, 0);
  const grid: GridSlot[] = [];
  for (const interval of schedule.weeklyHours[seoulWeekday(date)]) {
    const open = toMinutes(interval.from);
    const close = toMinutes(interval.to);
    if (open === undefined || close === undefined) continue;
    for (let from = open; from + slotMinutes <= close; from += slotMinutes) grid.push({ date, dayMs, from, to: from + slotMinutes });
  }
  return grid;
}

/** The one place that decides whether a grid slot can be booked, shared by listing and lookup. */
function classify(
  schedule: Schedule, load: { taken: ReadonlyMap<string, number>; bookings: readonly BookedTime[] }, window: BookingWindow, specialty: Specialty, grid: GridSlot,
): FindSlotResult {
  const { counsellors } = schedule.specialties[specialty];
  if (counsellors === 0 || isClosed(schedule, grid)) return { ok: false, reason: "closed" };
  if (grid.dayMs + grid.from * MINUTE_MS < window.earliestMs) return { ok: false, reason: "past_notice" };
  if (grid.date > window.lastDate) return { ok: false, reason: "beyond_horizon" };
  const start = toSeoulIsoOnDate(grid.date, grid.from);
  // The canonical id of a start already written in Seoul time (what toSlotId would give).
  const id = `${specialty}@${start}`;
  const end = toSeoulIsoOnDate(grid.date, grid.to);
  const remaining = counsellors - (load.taken.get(id) ?? 0) - countOffGridBookings({ id, specialty, start, end }, load.bookings);
  if (remaining <= 0) return { ok: false, reason: "full" };
  return { ok: true, slot: { id, start, end, specialty, remaining } };
}

/** A holiday closes the whole day; a closure closes its times (the whole day when it gives none). */
function isClosed(schedule: Schedule, grid: GridSlot): boolean {
  if (schedule.holidays.some((holiday) => holiday.date === grid.date)) return true;
  return schedule.closures.some((closure) => {
    if (closure.date !== grid.date) return false;
    const from = closure.from === undefined ? 0 : (toMinutes(closure.from) ?? 0);
    const to = closure.to === undefined ? 24 * 60 : (toMinutes(closure.to) ?? 24 * 60);
    return grid.from < to && grid.to > from;
  });
}
