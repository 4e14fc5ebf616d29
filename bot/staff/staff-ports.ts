import { z } from "zod";

/** Who may use the staff console: counsellors (staff) and those who manage users and flows (admin). */
export const staffRoleSchema = z.enum(["staff", "admin"]);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** A console account. `passwordHash` is `scrypt$N$r$p$salt$hash`; never sent or logged. */
export const staffUserSchema = z.strictObject({
  id: z.string().min(1),
  /** Lower-case, unique. */
  username: z.string().min(1),
  role: staffRoleSchema,
  passwordHash: z.string().startsWith("scrypt$"),
  createdAt: z.iso.datetime({ offset: true }),
  disabled: z.boolean().optional(),
});
export type StaffUser = z.infer<typeof staffUserSchema>;

/** Console accounts. Implementations parse what they read back. */
export interface UserStore {
  /** By username, case-insensitively. */
  findUserByName(username: string): Promise<StaffUser | undefined>;
  findUserById(id: string): Promise<StaffUser | undefined>;
  /** Inserts or replaces by id; throws a CONFLICT DomainError when another id owns the username. */
  saveUser(user: StaffUser): Promise<void>;
  /** Every account, by username. */
  listUsers(): Promise<StaffUser[]>;
}

/**
 * A signed-in console session. `id` is the cookie's value (≥128 random bits); stores keep only
 * its SHA-256, so a copy of the database does not let anyone sign in.
 */
export const staffSessionSchema = z.strictObject({
  id: z.string().min(1),
  userId: z.string().min(1),
  role: staffRoleSchema,
  /** Sent back by the console in `X-CSRF-Token` on every state-changing request. */
  csrfToken: z.string().min(16),
  createdAt: z.iso.datetime({ offset: true }),
  lastSeenAt: z.iso.datetime({ offset: true }),
});
export type StaffSession = z.infer<typeof staffSessionSchema>;

/** Console sessions, kept until idle for `ttlSeconds` (the caller also checks `lastSeenAt`). */
export interface StaffSessionStore {
  createStaffSession(session: StaffSession, ttlSeconds: number): Promise<void>;
  findStaffSession(id: string): Promise<StaffSession | undefined>;
  /** Moves `lastSeenAt` and restarts the idle clock; nothing happens for an unknown id. */
  touchStaffSession(id: string, lastSeenAt: string, ttlSeconds: number): Promise<void>;
  deleteStaffSession(id: string): Promise<void>;
}

/** The signed-in user as routes see it (`req.staffUser`) and the login answer shows it. */
export type StaffPrincipal = { id: string; username: string; role: StaffRole };

/** Who did something, as the audit log records it. */
export const auditActorSchema = z.strictObject({ userId: z.string().min(1), username: z.string().min(1), role: staffRoleSchema });
export type AuditActor = z.infer<typeof auditActorSchema>;

/**
 * One line of the audit trail: who did what to which record, when. `detail` holds ids, counts
 * and flags only — never a resident's name, phone or answers.
 */
export const auditEntrySchema = z.strictObject({
  id: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  actor: auditActorSchema,
  /** e.g. "intake.view", "intake.update", "staff.login". */
  action: z.string().min(1),
  recordType: z.string().min(1),
  recordId: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `from` inclusive, `to` exclusive (ISO instants); `limit` caps the newest entries returned. */
export type AuditQuery = { from?: string; to?: string; recordId?: string; limit?: number };

/** Append-only; entries never expire. */
export interface AuditLog {
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Matching entries, newest first. */
  listAudit(query: AuditQuery): Promise<AuditEntry[]>;
}
