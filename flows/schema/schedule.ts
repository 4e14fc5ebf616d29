import { z } from "zod";
import { specialtyValues } from "./catalog";

export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];

const isoDate = z.iso.date();
/** Wall-clock time in Seoul; "24:00" is allowed so an interval can run to midnight. */
const HHMM = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const hhmm = z.string().regex(HHMM, "a time as HH:MM (00:00 to 24:00)");

/** Zero-padded HH:MM times order as strings; malformed ones are left to the format check. */
function isBefore(a: string, b: string): boolean | undefined {
  return HHMM.test(a) && HHMM.test(b) ? a < b : undefined;
}

/** An open interval [from, to) within one day. */
export const openIntervalSchema = z.strictObject({ from: hhmm, to: hhmm });
export type OpenInterval = z.infer<typeof openIntervalSchema>;

/** Open intervals of one weekday: each from < to, listed in order, none overlapping (touching is fine). */
const dayHoursSchema = z.array(openIntervalSchema).superRefine((intervals, ctx) => {
  intervals.forEach((interval, index) => {
    if (isBefore(interval.from, interval.to) === false) {
      ctx.addIssue({ code: "custom", path: [index, "to"], message: `must be after from (${interval.from})` });
    }
    const previous = intervals[index - 1];
    if (previous && isBefore(interval.from, previous.to)) {
      ctx.addIssue({ code: "custom", path: [index, "from"], message: `overlaps or comes before the previous interval (ends ${previous.to})` });
    }
  });
});

const weekdayHours = [{ from: "09:00", to: "12:00" }, { from: "13:00", to: "18:00" }];

/** Every weekday must be given when weeklyHours is, so a missing day is never silently closed. */
export const weeklyHoursSchema = z.strictObject({
  mon: dayHoursSchema, tue: dayHoursSchema, wed: dayHoursSchema, thu: dayHoursSchema,
  fri: dayHoursSchema, sat: dayHoursSchema, sun: dayHoursSchema,
});
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

/** Mon–Fri 09:00–12:00 and 13:00–18:00 (closed for lunch 12–13); closed at the weekend. */
export const defaultWeeklyHours: WeeklyHours = {
  mon: weekdayHours, tue: weekdayHours, wed: weekdayHours, thu: weekdayHours, fri: weekdayHours, sat: [], sun: [],
};

export const holidaySchema = z.strictObject({
  date: isoDate,
  name: z.string().min(1),
  /** A 대체공휴일: a weekday off because a holiday fell on a weekend or on another holiday. */
  substitute: z.boolean().optional(),
});
export type Holiday = z.infer<typeof holidaySchema>;

/** Each date at most once. Checked even when another holiday is malformed, so every problem is listed at once. */
const holidaysSchema = z.array(holidaySchema).superRefine((holidays, ctx) => {
  const seen = new Set<string>();
  holidays.forEach((holiday, index) => {
    if (seen.has(holiday.date)) ctx.addIssue({ code: "custom", path: [index, "date"], message: `holiday ${holiday.date} is listed twice` });
    seen.add(holiday.date);
  });
}, { when: (payload) => Array.isArray(payload.value) && payload.value.every(hasStringDate) });

function hasStringDate(item: unknown): boolean {
  return typeof item === "object" && item !== null && "date" in item && typeof item.date === "string";
}

/**
 * A one-off closure: the whole day when neither time is given; from `from` to the end of the day
 * when only `from` is; from the start of the day until `to` when only `to` is.
 */
export const closureSchema = z.strictObject({
  date: isoDate,
  from: hhmm.optional(),
  to: hhmm.optional(),
  reason: z.string().min(1).optional(),
}).superRefine((closure, ctx) => {
  if (closure.from !== undefined && closure.to !== undefined && isBefore(closure.from, closure.to) === false) {
    ctx.addIssue({ code: "custom", path: ["to"], message: `must be after from (${closure.from})` });
  }
});
export type Closure = z.infer<typeof closureSchema>;

export const specialtyScheduleSchema = z.strictObject({
  /** How many residents can be booked into the same slot at once; 0 takes no bookings. */
  counsellors: z.number().int().min(0),
  slotMinutes: z.number().int().min(5).max(24 * 60),
});
export type SpecialtySchedule = z.infer<typeof specialtyScheduleSchema>;

/**
 * The center's opening hours and booking policy. All times are wall-clock times in Seoul
 * (always +09:00, no daylight saving). Holidays are dated data with their source.
 */
export const scheduleSchema = z.strictObject({
  timezone: z.literal("Asia/Seoul").default("Asia/Seoul"),
  weeklyHours: weeklyHoursSchema.default(defaultWeeklyHours),
  holidaySource: z.string().min(1),
  holidays: holidaysSchema,
  closures: z.array(closureSchema).default([]),
  /** Exhaustive: every specialty must be present, and no other key. */
  specialties: z.record(z.enum(specialtyValues), specialtyScheduleSchema),
  /** The earliest a slot can be booked, in minutes from now. */
  minNoticeMinutes: z.number().int().min(0).default(120),
  /** Slots are offered up to and including today's Seoul date plus this many days. */
  horizonDays: z.number().int().min(1).max(366).default(28),
  /** How long a slot is held for a resident while they confirm. */
  holdMinutes: z.number().int().min(1).default(5),
});
export type Schedule = z.infer<typeof scheduleSchema>;
/** A schedule as written in YAML or by an admin: the fields with defaults may be left out. */
export type ScheduleInput = z.input<typeof scheduleSchema>;
