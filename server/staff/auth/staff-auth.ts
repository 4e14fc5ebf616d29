import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { Clock } from "../../../bot/ports";
import type { StaffPrincipal, StaffRole, StaffSession, StaffSessionStore, StaffUser, UserStore } from "../../../bot/staff/staff-ports";
import { hashPassword, verifyPassword } from "./hash-password";
import type { LoginLockout } from "./login-lockout";

export const MIN_PASSWORD_LENGTH = 12;
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;

/**
 * Everything the console's authentication needs: the stores, the account lockout, the clock, the
 * idle timeout (sliding) and how many failed logins one client IP may make per 15 minutes before
 * its failures answer 429.
 */
export type StaffAuth = {
  users: UserStore;
  sessions: StaffSessionStore;
  lockout: LoginLockout;
  now: Clock;
  idleMinutes: number;
  loginFailuresPerIp: number;
};

export type LoginResult =
  | { ok: true; user: StaffPrincipal; session: StaffSession }
  | { ok: false; reason: "bad_credentials" | "locked" | "disabled"; ipOverLimit: boolean; retryAfterSeconds: number };

export function toPrincipal(user: StaffUser): StaffPrincipal {
  return { id: user.id, username: user.username, role: user.role };
}

/** Why a new account cannot be made, or undefined when it can. */
export function checkNewUser(input: { username: string; password: string }): string | undefined {
  if (!USERNAME_PATTERN.test(input.username)) return "username: 2–32 of a-z 0-9 . _ -, starting with a letter or digit";
  if ([...input.password].length < MIN_PASSWORD_LENGTH) return `password: at least ${MIN_PASSWORD_LENGTH} characters`;
  return undefined;
}

/** Creates an account (the `user add` command and tests); throws on a bad name or password or a taken name. */
export async function createStaffUser(users: UserStore, input: { username: string; role: StaffRole; password: string }, now: Date): Promise<StaffUser> {
  const username = input.username.toLowerCase();
  const problem = checkNewUser({ username, password: input.password });
  if (problem) throw new Error(problem);
  if (await users.findUserByName(username)) throw new Error(`user ${username} already exists`);
  const user: StaffUser = {
    id: randomUUID(), username, role: input.role, passwordHash: await hashPassword(input.password),
    createdAt: now.toISOString(),
  };
  await users.saveUser(user);
  return user;
}

let dummyHash: Promise<string> | undefined;

/** A hash of nobody's password with the current parameters: what an unknown name is checked against. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("base64"));
  return dummyHash;
}

/**
 * Checks a username and password from a client IP and opens a session. Every attempt costs the
 * same scrypt work and the same counter updates, whatever the outcome (unknown name, wrong
 * password, locked), so neither the answer nor its timing tells them apart. MAX_FAILED_LOGINS
 * failures for one account from one IP lock that pair for LOCKOUT_MINUTES (login-lockout.ts); a
 * right password from another IP still signs in.
 */
export async function logIn(auth: StaffAuth, username: string, password: string, ip: string): Promise<LoginResult> {
  const attempt = { username, ip };
  const [user, locked, fallbackHash] = await Promise.all([auth.users.findUserByName(username), auth.lockout.isLocked(attempt), dummyPasswordHash()]);
  const matches = await verifyPassword(password, user?.passwordHash ?? fallbackHash);
  if (!user || !matches || locked) {
    const counted = await auth.lockout.recordFailure(attempt, auth.loginFailuresPerIp, locked);
    return { ok: false, reason: counted.locked ? "locked" : "bad_credentials", ipOverLimit: counted.ipOverLimit, retryAfterSeconds: counted.retryAfterSeconds };
  }
  if (user.disabled) return { ok: false, reason: "disabled", ipOverLimit: false, retryAfterSeconds: 0 };
  await auth.lockout.clear(attempt);
  const now = auth.now();
  const at = now.toISOString();
  const session: StaffSession = {
    id: randomBytes(32).toString("base64url"), userId: user.id, role: user.role,
    csrfToken: randomBytes(32).toString("base64url"), createdAt: at, lastSeenAt: at,
  };
  await auth.sessions.createStaffSession(session, idleSeconds(auth));
  return { ok: true, user: toPrincipal(user), session };
}

/**
 * The live session and its user for a cookie value, restarting the idle clock; undefined when
 * the session is unknown, idle too long, or its account is gone or disabled.
 */
export async function resumeSession(auth: StaffAuth, sessionId: string): Promise<{ user: StaffPrincipal; session: StaffSession } | undefined> {
  const session = await auth.sessions.findStaffSession(sessionId);
  if (!session) return undefined;
  const now = auth.now();
  if (now.getTime() - Date.parse(session.lastSeenAt) > auth.idleMinutes * 60_000) {
    await auth.sessions.deleteStaffSession(sessionId);
    return undefined;
  }
  const user = await auth.users.findUserById(session.userId);
  if (!user || user.disabled) {
    await auth.sessions.deleteStaffSession(sessionId);
    return undefined;
  }
  await auth.sessions.touchStaffSession(sessionId, now.toISOString(), idleSeconds(auth));
  return { user: toPrincipal(user), session: { ...session, lastSeenAt: now.toISOString() } };
}

/** Constant-time comparison of a presented CSRF token with the session's. */
export function csrfTokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function idleSeconds(auth: StaffAuth): number {
  return Math.max(1, Math.round(auth.idleMinutes * 60));
}
