/**
 * Whether an error means a store is out of reach (Redis away, PostgreSQL down or refusing
 * connections, SQLite busy) rather than a bug: the error funnel answers it 503 with Retry-After.
 * Looks through `cause` chains and aggregated errors, as drivers and our own wrappers nest them.
 */
export function isStoreUnavailable(error: unknown, depth = 0): boolean {
  // Read by shape, not `instanceof Error`: errors from Node's own modules may come from another realm (a test's VM).
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  const code = "code" in error ? error.code : undefined;
  const name = "name" in error ? error.name : undefined;
  const message = "message" in error ? error.message : undefined;
  const errors = "errors" in error ? error.errors : undefined;
  const cause = "cause" in error ? error.cause : undefined;
  if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof name === "string" && UNAVAILABLE_NAMES.has(name)) return true;
  if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  if (Array.isArray(errors) && errors.some((inner) => isStoreUnavailable(inner, depth + 1))) return true;
  return isStoreUnavailable(cause, depth + 1);
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
