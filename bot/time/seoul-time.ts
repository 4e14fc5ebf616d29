import type { Weekday } from "../../flows/schema/schedule";

/** Asia/Seoul is always +09:00 (no daylight saving since 1988). */
const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const WEEKDAY_BY_UTC_DAY: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/**
 * The instant of a Seoul wall-clock date and minute of the day, as "YYYY-MM-DDTHH:MM+09:00".
 * `minutes` may run past 24:00 (it rolls over to the next day). Throws a RangeError on a date
 * that is not a calendar date.
 */
export function toSeoulIso(date: string, minutes: number): string {
  return seoulIsoOfMs(seoulMs(date, minutes));
}

/**
 * The same as toSeoulIso for a date already known to be a calendar date, written without a Date
 * for a minute inside the day (the slot lists' hot path: hundreds of slots per answer).
 */
export function toSeoulIsoOnDate(date: string, minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= DAY_MS / MINUTE_MS) return toSeoulIso(date, minutes);
  return `${date}T${twoDigits(Math.floor(minutes / 60))}:${twoDigits(minutes % 60)}+09:00`;
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Milliseconds since the epoch of a Seoul wall-clock date and minute of the day. */
export function seoulMs(date: string, minutes: number): number {
  const dayMs = dateMs(date);
  if (dayMs === undefined) throw new RangeError(`not a date: ${date}`);
  return dayMs + minutes * MINUTE_MS - SEOUL_OFFSET_MS;
}

/** An instant (ms since the epoch) as "YYYY-MM-DDTHH:MM+09:00"; seconds are dropped. */
export function seoulIsoOfMs(ms: number): string {
  return `${new Date(ms + SEOUL_OFFSET_MS).toISOString().slice(0, 16)}+09:00`;
}

/** The Seoul date and minute of the day of an instant; undefined when it is not an instant. */
export function toSeoulWallClock(instant: string): { date: string; minutes: number } | undefined {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return undefined;
  const local = new Date(ms + SEOUL_OFFSET_MS);
  return { date: local.toISOString().slice(0, 10), minutes: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** The weekday of a Seoul calendar date ("2026-05-01" → "fri"). Throws a RangeError on a bad date. */
export function seoulWeekday(date: string): Weekday {
  const ms = dateMs(date);
  const weekday = ms === undefined ? undefined : WEEKDAY_BY_UTC_DAY[new Date(ms).getUTCDay()];
  if (weekday === undefined) throw new RangeError(`not a date: ${date}`);
  return weekday;
}

/** A calendar date `days` later (or earlier, when negative). Throws a RangeError on a bad date. */
export function addDays(date: string, days: number): string {
  const ms = dateMs(date);
  if (ms === undefined) throw new RangeError(`not a date: ${date}`);
  return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = dateMs(from);
  const b = dateMs(to);
  if (a === undefined || b === undefined) throw new RangeError(`not a date: ${a === undefined ? from : to}`);
  return Math.round((b - a) / DAY_MS);
}

/** True for a real calendar date written YYYY-MM-DD ("2026-02-30" is not). */
export function isCalendarDate(date: string): boolean {
  return dateMs(date) !== undefined;
}

/** "HH:MM" (00:00 to 24:00) as minutes of the day; undefined when malformed. */
export function toMinutes(time: string): number | undefined {
  const match = TIME_PATTERN.exec(time);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return undefined;
  return hours * 60 + minutes;
}

/** Midnight UTC of a calendar date, used as a day counter; undefined when it is not a real date. */
function dateMs(date: string): number | undefined {
  const match = DATE_PATTERN.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? ms : undefined;
}
