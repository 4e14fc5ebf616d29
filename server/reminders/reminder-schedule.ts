import { DateTime } from "luxon";
import type { Booking } from "../../bot/booking/booking-types";

/** The center's calendar: "tomorrow" and every hour below are Seoul wall-clock times. */
export const CENTER_ZONE = "Asia/Seoul";
/** A day-before reminder is due at 10:00 Seoul time the day before (or at once when booked later). */
export const REMINDER_DUE_HOUR = 10;
/** Reminders go out from 08:00 until 21:00 Seoul time; one due at night waits for the morning. */
export const SENDING_HOURS = { from: 8, until: 21 };

/** Confirmed bookings starting in [from, to) get a reminder due at `dueAt`. */
export type ReminderWindow = { from: string; to: string; dueAt: string };

function seoul(now: Date): DateTime {
  return DateTime.fromJSDate(now, { zone: CENTER_ZONE });
}

function iso(time: DateTime): string {
  const text = time.toISO();
  if (text === null) throw new RangeError(`not a valid time: ${time.invalidExplanation ?? "unknown"}`);
  return text;
}

/**
 * Tomorrow on the Seoul calendar, and when its reminders are due: 10:00 Seoul today, or `now`
 * when that has passed (a booking made in the afternoon for tomorrow is reminded at once).
 */
export function computeReminderWindow(now: Date): ReminderWindow {
  const today = seoul(now).startOf("day");
  const tomorrow = today.plus({ days: 1 });
  const dueHour = today.set({ hour: REMINDER_DUE_HOUR });
  const dueAt = dueHour.toMillis() > now.getTime() ? dueHour : seoul(now);
  return { from: iso(tomorrow), to: iso(tomorrow.plus({ days: 1 })), dueAt: iso(dueAt) };
}

/** The booking's start date on the Seoul calendar ("2026-03-03"). */
export function toSeoulDate(instant: string): string {
  const date = DateTime.fromISO(instant, { setZone: true }).setZone(CENTER_ZONE).toISODate();
  if (date === null) throw new RangeError(`not an instant: ${instant}`);
  return date;
}

/**
 * One reminder per booking and start date: a booking moved to another day gets a new reminder,
 * and the old one no longer matches the booking when it is claimed.
 */
export function computeReminderId(booking: Pick<Booking, "id" | "start">): string {
  return `${booking.id}:day_before:${toSeoulDate(booking.start)}`;
}

export function isWithinSendingHours(now: Date): boolean {
  const hour = seoul(now).hour;
  return hour >= SENDING_HOURS.from && hour < SENDING_HOURS.until;
}

/** Exponential backoff after a failed attempt: 1, 2, 4 … minutes, capped at `capMinutes`. */
export function computeNextAttemptAt(now: Date, attempts: number, capMinutes = 60): string {
  const minutes = Math.min(2 ** Math.max(0, attempts - 1), capMinutes);
  return iso(seoul(now).plus({ minutes }));
}

/** The booking's start as Seoul date and time words for the reminder's text. */
export function toReminderTimeParams(start: string, lang: "ko" | "en"): { date: string; time: string } {
  const instant = new Date(start);
  const date = new Intl.DateTimeFormat(lang === "ko" ? "ko-KR" : "en-GB", { timeZone: CENTER_ZONE, month: "long", day: "numeric", weekday: "short" }).format(instant);
  // 24-hour time reads the same in both languages and does not depend on ICU's day-period words.
  const time = DateTime.fromJSDate(instant, { zone: CENTER_ZONE }).toFormat("HH:mm");
  return { date, time };
}

/** An instant as Seoul wall-clock ISO text ("2026-03-02T10:00:00.000+09:00"). */
export function toSeoulIso(now: Date): string {
  return iso(seoul(now));
}

