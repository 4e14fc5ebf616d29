import { createHash } from "node:crypto";
import type { Clock } from "../../../bot/ports";
import type { SharedCounters } from "../../http/shared-counters";

/** Wrong passwords for one account from one client IP within the window before that pair is locked, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
/** The window in which failures are counted, per account+IP and per IP. */
export const LOGIN_FAILURE_WINDOW_MS = LOCKOUT_MINUTES * 60_000;

/** What one login attempt names and where it comes from. */
export type LoginAttempt = { username: string; ip: string };

/** A counted failure: whether the account+IP pair is now locked, and whether the IP is past its failures (with the seconds until its window ends). */
export type CountedFailure = { locked: boolean; ipOverLimit: boolean; retryAfterSeconds: number };

/**
 * The console's lockout on shared counters (every instance counts the same failures, one atomic
 * increment each). A lock holds an account for one client IP only, so an attacker elsewhere cannot
 * lock the right password out of the center's network; unknown names are counted exactly as known
 * ones, so neither a lock nor its timing tells whether a name exists. Each IP's failures (any
 * account) are counted too: past `failuresPerIp` its failures answer 429; a right password is
 * never refused for them.
 */
export type LoginLockout = {
  isLocked: (attempt: LoginAttempt) => Promise<boolean>;
  /**
   * Counts a failed attempt (wrong password, unknown name, or any attempt on a locked pair) for the
   * pair and for the IP, with the same counter work each time; attempts on a locked pair neither
   * make its lock longer nor count toward the next one.
   */
  recordFailure: (attempt: LoginAttempt, failuresPerIp: number, alreadyLocked: boolean) => Promise<CountedFailure>;
  /** A successful login forgets the pair's failures. */
  clear: (attempt: LoginAttempt) => Promise<void>;
};

export function createLoginLockout(counters: SharedCounters, now: Clock): LoginLockout {
  // Hashed: the keys hold a client IP and a name someone typed, which need not sit in Redis in the clear.
  const digest = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 22);
  const pair = ({ username, ip }: LoginAttempt) => digest(`${username.toLowerCase()}\n${ip}`);
  const failures = (attempt: LoginAttempt) => `login-failures:${pair(attempt)}`;
  const lock = (attempt: LoginAttempt) => `login-lock:${pair(attempt)}`;
  const ipFailures = ({ ip }: LoginAttempt) => `login-ip-failures:${digest(ip)}`;
  return {
    isLocked: async (attempt) => (await counters.findDeadline(lock(attempt))) !== undefined,
    recordFailure: async (attempt, failuresPerIp, alreadyLocked) => {
      // A locked pair's attempts are not counted toward a next lock (a read in place of the increment: one round trip either way).
      const [pairHits, ipCount] = await Promise.all([
        alreadyLocked ? counters.findDeadline(lock(attempt)).then(() => 0) : counters.hit(failures(attempt), LOGIN_FAILURE_WINDOW_MS).then((counted) => counted.hits),
        counters.hit(ipFailures(attempt), LOGIN_FAILURE_WINDOW_MS),
      ]);
      const locks = !alreadyLocked && pairHits >= MAX_FAILED_LOGINS;
      if (locks) {
        await counters.setDeadline(lock(attempt), now().getTime() + LOCKOUT_MINUTES * 60_000);
        await counters.clear(failures(attempt), LOGIN_FAILURE_WINDOW_MS);
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((ipCount.resetAtMs - now().getTime()) / 1000));
      return { locked: alreadyLocked || locks, ipOverLimit: ipCount.hits > failuresPerIp, retryAfterSeconds };
    },
    clear: (attempt) => counters.clear(failures(attempt), LOGIN_FAILURE_WINDOW_MS),
  };
}
