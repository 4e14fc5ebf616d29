import type { Timers } from "../../server/timing/timers";

/** A timer scheduled on ManualTimers: the test fires it when the story needs the time to be up. */
export type ScheduledTimer = { ms: number; fire: () => void; readonly fired: boolean; readonly cancelled: boolean };

/** Timers that never fire on their own: `next()` waits for the next one scheduled, `fire()` runs it. */
export type ManualTimers = Timers & {
  /** The oldest scheduled timer not yet handed out by `next()`, as soon as there is one. */
  next: () => Promise<ScheduledTimer>;
  /** Every timer scheduled so far, in order. */
  scheduled: () => readonly ScheduledTimer[];
  /** Leaves the timers scheduled so far out of `next()`: the next one handed out is scheduled after this call. */
  skipScheduled: () => void;
};

export function createManualTimers(): ManualTimers {
  const all: ScheduledTimer[] = [];
  const unclaimed: ScheduledTimer[] = [];
  const waiting: ((timer: ScheduledTimer) => void)[] = [];
  return {
    after: (ms, run) => {
      let fired = false;
      let cancelled = false;
      const timer: ScheduledTimer = {
        ms,
        fire: () => {
          if (fired || cancelled) return;
          fired = true;
          run();
        },
        get fired() { return fired; },
        get cancelled() { return cancelled; },
      };
      all.push(timer);
      const waiter = waiting.shift();
      if (waiter) waiter(timer);
      else unclaimed.push(timer);
      return () => {
        cancelled = true;
      };
    },
    next: () => {
      const ready = unclaimed.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    scheduled: () => all,
    skipScheduled: () => {
      unclaimed.length = 0;
    },
  };
}
