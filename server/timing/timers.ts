/** Cancels a timer; calling it after the timer fired does nothing. */
export type CancelTimer = () => void;

/**
 * Time that passes: deadlines and budgets (the Kakao deadline, the model's budget) ask this port
 * instead of calling setTimeout, so tests fire them by hand and never wait on the wall clock.
 */
export type Timers = {
  /** Calls `fire` once, `ms` from now. */
  after: (ms: number, fire: () => void) => CancelTimer;
};

/** The process's own timers. */
export const systemTimers: Timers = {
  after: (ms, fire) => {
    const timer = setTimeout(fire, ms);
    return () => clearTimeout(timer);
  },
};

/** An AbortSignal that aborts when `ms` have passed on `timers`, and the function that cancels that timer. */
export function abortAfter(timers: Timers, ms: number): { signal: AbortSignal; cancel: CancelTimer } {
  const controller = new AbortController();
  const cancel = timers.after(ms, () => controller.abort());
  return { signal: controller.signal, cancel };
}
