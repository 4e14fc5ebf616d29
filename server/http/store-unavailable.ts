/**
 * Whether an error means a store is out of reach (Redis away, PostgreSQL down or refusing
 * connections, SQLite busy) rather than a bug: the error funnel answers it 503 with Retry-After.
 * Looks through `cause` chains and aggregated errors, as drivers and our own wrappers nest them.
 */
export function isStoreUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || !(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || /^08/.test(code))) return true;
  if (UNAVAILABLE_NAMES.has(error.name) || UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isStoreUnavailable(inner, depth + 1))) return true;
  return isStoreUnavailable(error.cause, depth + 1);
}

/** Network errors, SQLite's busy/locked, PostgreSQL's shutdown and too-many-connections states (class 08 is matched by prefix). */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH",
  "SQLITE_BUSY", "SQLITE_LOCKED", "57P01", "57P02", "57P03", "53300",
]);
const UNAVAILABLE_NAMES = new Set(["MaxRetriesPerRequestError", "ClusterAllFailedError"]);
/** ioredis without its offline queue, its command timeout, a closed connection; pg's pool and socket. */
const UNAVAILABLE_MESSAGES = [
  /^Stream isn't writeable/, /^Connection is closed\.?$/, /^Command timed out$/, /^None of the sentinels are available/,
  /^Connection terminated/, /^timeout exceeded when trying to connect$/, /^Client has encountered a connection error/,
];
