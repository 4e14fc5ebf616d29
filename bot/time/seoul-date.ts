const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The calendar date in Asia/Seoul (no daylight saving) of an instant, as YYYY-MM-DD. */
export function toSeoulDate(instant: string | Date): string {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}
