import type { Clock } from "../../bot/ports";
import type { SharedCounters } from "./shared-counters";
import { windowOf } from "./shared-counters";

/** Entries kept before a sweep drops the ones whose window or deadline has passed. */
const SWEEP_AT = 10_000;

/** SharedCounters in this process's memory: one instance without Redis. */
export function createMemoryCounters(now: Clock): SharedCounters {
  const hits = new Map<string, { hits: number; resetAtMs: number }>();
  const deadlines = new Map<string, number>();
  const sweep = (nowMs: number) => {
    if (hits.size > SWEEP_AT) for (const [key, entry] of hits) if (entry.resetAtMs <= nowMs) hits.delete(key);
    if (deadlines.size > SWEEP_AT) for (const [key, until] of deadlines) if (until <= nowMs) deadlines.delete(key);
  };
  const keyOf = (key: string, windowMs: number, offsetMs = 0) => {
    const window = windowOf(now().getTime(), windowMs, offsetMs);
    return { id: `${key}:${windowMs}${offsetMs === 0 ? "" : `${offsetMs}`}:${window.index}`, resetAtMs: window.resetAtMs };
  };
  return {
    kind: "memory",
    hit: async (key, windowMs, offsetMs) => {
      const { id, resetAtMs } = keyOf(key, windowMs, offsetMs);
      const entry = { hits: (hits.get(id)?.hits ?? 0) + 1, resetAtMs };
      hits.set(id, entry);
      sweep(now().getTime());
      return { ...entry };
    },
    unhit: async (key, windowMs, offsetMs) => {
      const { id } = keyOf(key, windowMs, offsetMs);
      const entry = hits.get(id);
      if (entry && entry.hits > 0) entry.hits--;
    },
    clear: async (key, windowMs, offsetMs) => {
      hits.delete(keyOf(key, windowMs, offsetMs).id);
    },
    setDeadline: async (key, untilMs) => {
      deadlines.set(key, untilMs);
      sweep(now().getTime());
    },
    findDeadline: async (key) => {
      const until = deadlines.get(key);
      return until !== undefined && until > now().getTime() ? until : undefined;
    },
  };
}
