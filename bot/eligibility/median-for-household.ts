/** The largest household size 기준 중위소득 is published for; larger ones follow the 고시's step rule. */
export const LARGEST_PUBLISHED_HOUSEHOLD = 7;

/**
 * 기준 중위소득 (monthly) for a household of `size` from one year's table (domain-ko.md §5). A
 * size the table lists is read as listed. For 8 and more the 보건복지부 고시 rule applies: each
 * person beyond 7 adds the difference between the 7- and the 6-person figures. Undefined when the
 * table does not settle the size (a table without 6 and 7 gives nothing for 8 and more).
 */
export function medianForHousehold(table: Readonly<Record<string, number>>, size: number): number | undefined {
  const listed = table[String(size)];
  if (listed !== undefined) return listed;
  const largest = table[String(LARGEST_PUBLISHED_HOUSEHOLD)];
  const previous = table[String(LARGEST_PUBLISHED_HOUSEHOLD - 1)];
  if (size <= LARGEST_PUBLISHED_HOUSEHOLD || largest === undefined || previous === undefined) return undefined;
  return largest + (size - LARGEST_PUBLISHED_HOUSEHOLD) * (largest - previous);
}

/** A percentage line of a median, rounded half-up to the won as the published tables are. */
export function pctOfMedianLine(median: number, pct: number): number {
  return Math.floor((median * pct + 50) / 100);
}
