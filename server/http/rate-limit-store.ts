import { createHash } from "node:crypto";
import type { Options, Store } from "express-rate-limit";
import type { Clock } from "../../bot/ports";
import { createMemoryCounters } from "./memory-counters";
import type { SharedCounters } from "./shared-counters";

/**
 * An express-rate-limit store over SharedCounters, so a limiter counts on every instance when
 * Redis is configured. `name` keeps one limiter's keys apart from another's (each limiter needs
 * its own store). Reset times are turned into wall-clock dates for the Retry-After header. While
 * the shared counters fail (Redis away), this instance counts alone in `fallback`: limits stay,
 * per instance, and no request fails for it.
 */
export function rateLimitStore(counters: SharedCounters, name: string, now: Clock, fallback: SharedCounters = createMemoryCounters(now)): Store {
  let windowMs = 60_000;
  // Hashed: a limiter's key may be a bearer token (a chat session id), which must not sit in Redis in the clear.
  const keyOf = (key: string) => `rl:${name}:${createHash("sha256").update(key).digest("base64url").slice(0, 22)}`;
  const shared = <T>(use: (from: SharedCounters) => Promise<T>): Promise<T> => use(counters).catch(() => use(fallback));
  return {
    localKeys: counters.kind === "memory",
    prefix: `${name}:`,
    init: (options: Options) => {
      windowMs = options.windowMs;
    },
    increment: async (key) => {
      const { hits, resetAtMs } = await shared((from) => from.hit(keyOf(key), windowMs));
      return { totalHits: hits, resetTime: new Date(Date.now() + Math.max(0, resetAtMs - now().getTime())) };
    },
    decrement: (key) => shared((from) => from.unhit(keyOf(key), windowMs)),
    resetKey: (key) => shared((from) => from.clear(keyOf(key), windowMs)),
  };
}

/** Builds a rate-limit store per limiter name: what routes take in their deps (`rateLimitStore?.("chat-ip")`). */
export type RateLimitStores = (name: string) => Store;
