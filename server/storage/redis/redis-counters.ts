import type { Redis } from "ioredis";
import type { Clock } from "../../../bot/ports";
import type { SharedCounters } from "../../http/shared-counters";
import { windowOf } from "../../http/shared-counters";

/**
 * SharedCounters in Redis, shared by every instance: a hit is INCR and PEXPIRE in one MULTI
 * (atomic; the key names the window, counted on the injected clock), a deadline is a key whose
 * value is the instant and whose TTL ends with it.
 */
export function createRedisCounters(redis: Redis, prefix: string, now: Clock): SharedCounters {
  const keyOf = (key: string, windowMs: number, offsetMs = 0) => {
    const nowMs = now().getTime();
    const window = windowOf(nowMs, windowMs, offsetMs);
    return { id: `${prefix}count:${key}:${windowMs}${offsetMs === 0 ? "" : `${offsetMs}`}:${window.index}`, resetAtMs: window.resetAtMs, ttlMs: window.resetAtMs - nowMs + 1000 };
  };
  return {
    kind: "redis",
    hit: async (key, windowMs, offsetMs) => {
      const { id, resetAtMs, ttlMs } = keyOf(key, windowMs, offsetMs);
      const results = await redis.multi().incr(id).pexpire(id, ttlMs).exec();
      const [incremented] = results ?? [];
      if (!incremented || incremented[0] !== null || typeof incremented[1] !== "number") throw new Error("redis counter increment failed", { cause: incremented?.[0] });
      return { hits: incremented[1], resetAtMs };
    },
    unhit: async (key, windowMs, offsetMs) => {
      const { id } = keyOf(key, windowMs, offsetMs);
      // A window that rolled over meanwhile has no key: DECR made one at -1 (without a TTL), so drop it.
      if (await redis.decr(id) < 0) await redis.del(id);
    },
    clear: async (key, windowMs, offsetMs) => {
      await redis.del(keyOf(key, windowMs, offsetMs).id);
    },
    setDeadline: async (key, untilMs) => {
      const ttlMs = untilMs - now().getTime();
      if (ttlMs > 0) await redis.set(`${prefix}deadline:${key}`, String(untilMs), "PX", ttlMs);
    },
    findDeadline: async (key) => {
      const value = await redis.get(`${prefix}deadline:${key}`);
      const until = value === null ? NaN : Number(value);
      return Number.isFinite(until) && until > now().getTime() ? until : undefined;
    },
  };
}
