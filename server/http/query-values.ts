import { z } from "zod";

/**
 * The dates a query may name: well past any booking, rule or audit entry this service will hold,
 * and well inside what date arithmetic and formatting handle (year 9999 overflows both).
 */
export const SUPPORTED_DATES = { first: "2000-01-01", last: "2100-12-31" } as const;

const inRange = (date: string): boolean => date >= SUPPORTED_DATES.first && date <= SUPPORTED_DATES.last;
const rangeMessage = `a date from ${SUPPORTED_DATES.first} to ${SUPPORTED_DATES.last}`;

/** A calendar date (YYYY-MM-DD) inside the supported range; anything else is the caller's mistake (422). */
export const supportedDate = z.iso.date().refine(inRange, rangeMessage);

/** An instant with its offset, on a day inside the supported range. */
export const supportedInstant = z.iso.datetime({ offset: true }).refine((at) => {
  const ms = Date.parse(at);
  return Number.isFinite(ms) && inRange(new Date(ms).toISOString().slice(0, 10));
}, `an instant from ${SUPPORTED_DATES.first} to ${SUPPORTED_DATES.last}`);
