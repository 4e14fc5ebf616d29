/** Milliseconds since the epoch of an ISO instant, as range queries compare them; a bad instant is a bug of the caller. */
export function toEpochMs(instantText: string): number {
  const ms = Date.parse(instantText);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${instantText}`);
  return ms;
}
