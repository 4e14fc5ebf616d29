import type { Clock } from "../../../bot/ports";
import type { SharedCounters } from "../../http/shared-counters";

/** Wrong passwords for one account within the window before it is locked, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
const FAILURE_WINDOW_MS = LOCKOUT_MINUTES * 60_000;

/**
 * The console's account lockout on shared counters: every instance counts the same failures (one
 * atomic increment each, no read-modify-write of the account) and sees the same lock.
 */
export type LoginLockout = {
  isLocked: (userId: string) => Promise<boolean>;
  /** Counts a wrong password; true when this one locks the account. */
  recordFailure: (userId: string) => Promise<boolean>;
  /** A successful login forgets the failures. */
  clear: (userId: string) => Promise<void>;
};

export function createLoginLockout(counters: SharedCounters, now: Clock): LoginLockout {
  const failures = (userId: string) => `login-failures:${userId}`;
  const lock = (userId: string) => `login-lock:${userId}`;
  return {
    isLocked: async (userId) => (await counters.findDeadline(lock(userId))) !== undefined,
    recordFailure: async (userId) => {
      const { hits } = await counters.hit(failures(userId), FAILURE_WINDOW_MS);
      if (hits < MAX_FAILED_LOGINS) return false;
      await counters.setDeadline(lock(userId), now().getTime() + LOCKOUT_MINUTES * 60_000);
      await counters.clear(failures(userId), FAILURE_WINDOW_MS);
      return true;
    },
    clear: (userId) => counters.clear(failures(userId), FAILURE_WINDOW_MS),
  };
}
