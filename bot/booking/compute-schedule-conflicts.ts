import type { Specialty } from "../../flows/schema/catalog";
import type { Schedule } from "../../flows/schema/schedule";
import { seoulWeekday, toMinutes, toSeoulWallClock } from "../time/seoul-time";
import type { Booking } from "./booking-types";
import { isOnGrid } from "./compute-open-slots";

export const scheduleConflictReasons = ["holiday", "closure", "no_counsellors", "outside_hours", "over_capacity", "off_grid"] as const;
export type ScheduleConflictReason = (typeof scheduleConflictReasons)[number];

/** A booking a schedule no longer offers: its code, slot and why. Never the resident's name or phone. */
export type ScheduleConflict = { code: string; slotStart: string; specialty: Specialty; reason: ScheduleConflictReason };

const DAY_MINUTES = 24 * 60;

/**
 * The bookings (not cancelled, starting after `now`) that `schedule` would not offer: on a
 * holiday, overlapping a closure, in a specialty without counsellors, not inside one open
 * interval of their weekday, or more at one time than the specialty's counsellors (the latest
 * booked are listed; bookings overlap by time, whatever their slot ids, so a booking left off a
 * moved grid counts too). A booking inside the hours that is not exactly a slot of the new grid
 * (its id is not laid, or is but ends at another time: the session length changed) is `off_grid`:
 * kept and still taking its counsellor, but not a slot the schedule offers. One reason
 * per booking. Sorted by start, then code. Bookings are kept either way; staff contact the residents.
 */
export function computeScheduleConflicts(schedule: Schedule, bookings: readonly Booking[], now: string): ScheduleConflict[] {
  const nowMs = Date.parse(now);
  const conflicts: ScheduleConflict[] = [];
  const inside: Booking[] = [];
  for (const booking of bookings) {
    if (booking.status === "cancelled" || !(Date.parse(booking.start) > nowMs)) continue;
    const reason = reasonAgainst(schedule, booking);
    if (reason !== undefined) conflicts.push(toConflict(booking, reason));
    else inside.push(booking);
  }
  const over = overCapacity(schedule, inside);
  for (const booking of inside) {
    if (over.has(booking)) conflicts.push(toConflict(booking, "over_capacity"));
    else if (!isOnGrid(schedule, booking)) conflicts.push(toConflict(booking, "off_grid"));
  }
  return conflicts.sort((a, b) => Date.parse(a.slotStart) - Date.parse(b.slotStart) || a.code.localeCompare(b.code));
}

/**
 * The bookings that would make more of one specialty's bookings run at once than it has
 * counsellors, taken in booking order (the earliest booked keep their counsellor).
 */
function overCapacity(schedule: Schedule, bookings: readonly Booking[]): Set<Booking> {
  const over = new Set<Booking>();
  const kept: Booking[] = [];
  const byBookedAt = [...bookings].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.code.localeCompare(b.code));
  for (const booking of byBookedAt) {
    const [from, to] = [Date.parse(booking.start), Date.parse(booking.end)];
    const overlapping = kept.filter((other) => other.specialty === booking.specialty && Date.parse(other.start) < to && Date.parse(other.end) > from);
    // The most running at once inside [from, to) is reached at `from` or where one of them starts.
    const points = [from, ...overlapping.map((other) => Date.parse(other.start)).filter((start) => start > from)];
    const busiest = Math.max(0, ...points.map((point) => overlapping.filter((other) => Date.parse(other.start) <= point && point < Date.parse(other.end)).length));
    if (busiest + 1 > schedule.specialties[booking.specialty].counsellors) over.add(booking);
    else kept.push(booking);
  }
  return over;
}

/** Why the schedule would not offer this booking's time, or undefined when it would (capacity aside). */
function reasonAgainst(schedule: Schedule, booking: Booking): ScheduleConflictReason | undefined {
  const wall = toSeoulWallClock(booking.start);
  const lengthMinutes = (Date.parse(booking.end) - Date.parse(booking.start)) / 60_000;
  if (wall === undefined || !(lengthMinutes > 0)) return "outside_hours";
  const from = wall.minutes;
  const to = from + lengthMinutes;
  if (schedule.holidays.some((holiday) => holiday.date === wall.date)) return "holiday";
  const closed = schedule.closures.some((closure) => {
    if (closure.date !== wall.date) return false;
    const closedFrom = closure.from === undefined ? 0 : (toMinutes(closure.from) ?? 0);
    const closedTo = closure.to === undefined ? DAY_MINUTES : (toMinutes(closure.to) ?? DAY_MINUTES);
    return from < closedTo && to > closedFrom;
  });
  if (closed) return "closure";
  if (schedule.specialties[booking.specialty].counsellors === 0) return "no_counsellors";
  const inside = schedule.weeklyHours[seoulWeekday(wall.date)].some((interval) => {
    const open = toMinutes(interval.from);
    const close = toMinutes(interval.to);
    return open !== undefined && close !== undefined && open <= from && to <= close;
  });
  return inside ? undefined : "outside_hours";
}

function toConflict(booking: Booking, reason: ScheduleConflictReason): ScheduleConflict {
  return { code: booking.code, slotStart: booking.start, specialty: booking.specialty, reason };
}
