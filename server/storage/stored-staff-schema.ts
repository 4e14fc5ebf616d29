import { createHash } from "node:crypto";
import { z } from "zod";
import type { AuditEntry, StaffSession, StaffUser } from "../../bot/staff/staff-ports";

/** Entries listed when a query gives no limit, and the most one query returns. */
export const AUDIT_DEFAULT_LIMIT = 1000;
export const AUDIT_MAX_LIMIT = 50_000;

const role = z.enum(["staff", "admin"]);
const instant = z.iso.datetime({ offset: true });

export const storedStaffUserSchema: z.ZodType<StaffUser> = z.strictObject({
  id: z.string().min(1),
  username: z.string().min(1),
  role,
  passwordHash: z.string().startsWith("scrypt$"),
  createdAt: instant,
  disabled: z.boolean().optional(),
});

/** A session as stored: everything but its id, which is only known to the cookie's holder. */
export type StoredStaffSession = Omit<StaffSession, "id">;
export const storedStaffSessionSchema: z.ZodType<StoredStaffSession> = z.strictObject({
  userId: z.string().min(1),
  role,
  csrfToken: z.string().min(16),
  createdAt: instant,
  lastSeenAt: instant,
});

export const storedAuditEntrySchema: z.ZodType<AuditEntry> = z.strictObject({
  id: z.string().min(1),
  at: instant,
  actor: z.strictObject({ userId: z.string().min(1), username: z.string().min(1), role }),
  action: z.string().min(1),
  recordType: z.string().min(1),
  recordId: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

/** The key a session is stored under: the SHA-256 of its id, so stored keys cannot sign in. */
export function hashSessionId(id: string): string {
  return createHash("sha256").update(id).digest("hex");
}
