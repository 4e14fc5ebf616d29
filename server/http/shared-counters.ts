/**
 * Counters every route can use for limits: hits per key in fixed windows counted on the injected
 * clock, and deadlines (lockouts) that stay until they pass. With Redis they are shared by every
 * instance (server/storage/redis/redis-counters.ts), else kept in this process's memory
 * (memory-counters.ts). Keys are the caller's: a limiter's name and what it counts ("chat-ip:1.2.3.4").
 */
export type SharedCounters = {
  /**
   * One more hit on `key` in its current window of `windowMs`, atomically: the hits so far in that
   * window and when it ends (epoch ms). `offsetMs` shifts where windows start (a Seoul day: -9 h).
   */
  hit: (key: string, windowMs: number, offsetMs?: number) => Promise<{ hits: number; resetAtMs: number }>;
  /** One hit fewer in the current window (a request that should not have counted). */
  unhit: (key: string, windowMs: number, offsetMs?: number) => Promise<void>;
  /** Forgets the current window's hits of `key`. */
  clear: (key: string, windowMs: number, offsetMs?: number) => Promise<void>;
  /** Keeps `untilMs` under `key` until that instant has passed. */
  setDeadline: (key: string, untilMs: number) => Promise<void>;
  /** The deadline under `key`, or undefined when none is set or it has passed. */
  findDeadline: (key: string) => Promise<number | undefined>;
  /** Where the counters live, for logs and metrics. */
  kind: "redis" | "memory";
};

/**
 * The window `nowMs` falls in, aligned to multiples of `windowMs` shifted by `offsetMs`: every
 * instance computes the same one. A Seoul day is `windowOf(now, DAY_MS, SEOUL_DAY_OFFSET_MS)`.
 */
export function windowOf(nowMs: number, windowMs: number, offsetMs = 0): { index: number; resetAtMs: number } {
  const index = Math.floor((nowMs - offsetMs) / windowMs);
  return { index, resetAtMs: (index + 1) * windowMs + offsetMs };
}

export const DAY_MS = 86_400_000;
/** Seoul days start at 15:00 UTC (UTC+9, no daylight saving). */
export const SEOUL_DAY_OFFSET_MS = -9 * 3_600_000;
