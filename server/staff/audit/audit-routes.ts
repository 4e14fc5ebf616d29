import type { Router } from "express";
import { z } from "zod";
import type { Route } from "../../http/define-route";
import { NO_BODY, NO_PARAMS, TextAnswer, declareRoutes, defineRoute } from "../../http/define-route";
import { supportedInstant } from "../../http/query-values";
import type { AuditDeps } from "./record-audit";
import { recordAudit } from "./record-audit";
import { toAuditCsv } from "./to-audit-csv";

export const auditQuerySchema = z.strictObject({
  from: supportedInstant.optional(),
  to: supportedInstant.optional(),
  recordId: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50_000).optional(),
  format: z.enum(["json", "csv"]).default("json"),
  lang: z.enum(["ko", "en"]).optional(),
});

const auditEntrySchema = z.object({
  id: z.string(), at: z.string(),
  actor: z.object({ userId: z.string(), username: z.string(), role: z.enum(["staff", "admin"]) }),
  action: z.string(), recordType: z.string(), recordId: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

/**
 * `GET /api/admin/audit`: the audit trail, newest first, as JSON or CSV. Mounted behind the
 * admin guard; reading it is itself recorded.
 */
export function auditRoutes(deps: { audit: AuditDeps }): { router: Router; routes: Route[] } {
  return declareRoutes([defineRoute({
    method: "get", path: "/api/admin/audit", summary: "The audit trail (admins): who viewed or changed which record, when",
    body: NO_BODY, query: auditQuerySchema, params: { schema: NO_PARAMS },
    success: {
      status: 200, description: "Newest first: JSON {entries}, or CSV with a header row (format=csv; formula-safe cells)",
      schema: z.object({ entries: z.array(auditEntrySchema) }), text: ["text/csv"],
    },
    problems: { 401: "Not signed in", 403: "Not an admin", 422: "Bad from/to/limit/format" },
    handle: async ({ query: { format, lang: _lang, ...query }, req, res }) => {
      const entries = await deps.audit.log.listAudit(query);
      await recordAudit(deps.audit, req, { action: "audit.read", recordType: "audit", recordId: query.recordId ?? "*", detail: { format, count: entries.length } });
      res.setHeader("Cache-Control", "no-store");
      if (format === "json") return { entries };
      const stamp = deps.audit.now().toISOString().slice(0, 10);
      res.setHeader("Content-Disposition", `attachment; filename="hanbeon-audit-${stamp}.csv"`);
      return new TextAnswer("text/csv", toAuditCsv(entries));
    },
  })]);
}
