import { randomUUID } from "node:crypto";
import type { Request } from "express";
import type { Clock } from "../../../bot/ports";
import type { AuditEntry, AuditLog, StaffPrincipal } from "../../../bot/staff/staff-ports";
import { staffUserOf } from "../auth/require-staff";

/** The audit log and the clock that stamps its entries (`deps.audit`). */
export type AuditDeps = { log: AuditLog; now: Clock };

/** What happened: ids, counts and flags in `detail`, never a resident's personal data. */
export type AuditInput = Pick<AuditEntry, "action" | "recordType" | "recordId" | "detail">;

/**
 * Writes one audit entry for the signed-in user of a guarded request (`req.staffUser`). Await it
 * before answering: a failed write fails the request, so nothing is shown or changed unrecorded.
 */
export async function recordAudit(audit: AuditDeps, req: Request, input: AuditInput): Promise<AuditEntry> {
  return appendAudit(audit, staffUserOf(req), input);
}

/** Writes one audit entry for `actor` (sign-in, the user command). */
export async function appendAudit(audit: AuditDeps, actor: StaffPrincipal, input: AuditInput): Promise<AuditEntry> {
  const entry: AuditEntry = {
    id: randomUUID(), at: audit.now().toISOString(),
    actor: { userId: actor.id, username: actor.username, role: actor.role },
    action: input.action, recordType: input.recordType, recordId: input.recordId,
    ...(input.detail !== undefined ? { detail: input.detail } : {}),
  };
  await audit.log.appendAudit(entry);
  return entry;
}
