/**
 * Counters every route can use for limits: hits per key in fixed windows counted on the injected
 * clock, and deadlines (lockouts) that stay until they pass. With Redis they are shared by every
 * instance (server/storage/redis/redis-counters.ts), else kept in this process's memory
 * (memory-counters.ts). Keys are the caller's: a limiter's name and what it counts ("chat-ip:1.2.3.4").
 */
export type SharedCounters = {
  /** One more hit on `key` in its current window of `windowMs`, atomically: the hits so far in that window and when it ends (epoch ms). */
  hit: (key: string, windowMs: number) => Promise<{ hits: number; resetAtMs: number }>;
  /** One hit fewer in the current window (a request that should not have counted). */
  unhit: (key: string, windowMs: number) => Promise<void>;
  /** Forgets the current window's hits of `key`. */
  clear: (key: string, windowMs: number) => Promise<void>;
  /** Keeps `untilMs` under `key` until that instant has passed. */
  setDeadline: (key: string, untilMs: number) => Promise<void>;
  /** The deadline under `key`, or undefined when none is set or it has passed. */
  findDeadline: (key: string) => Promise<number | undefined>;
  /** Where the counters live, for logs and metrics. */
  kind: "redis" | "memory";
};

/** The window `nowMs` falls in, aligned to multiples of `windowMs`: every instance computes the same one. */
export function windowOf(nowMs: number, windowMs: number): { index: number; resetAtMs: number } {
  const index = Math.floor(nowMs / windowMs);
  return { index, resetAtMs: (index + 1) * windowMs };
}
