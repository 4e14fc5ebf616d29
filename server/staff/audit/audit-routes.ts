import { Router } from "express";
import { z } from "zod";
import { validationError } from "../../http/error-handler";
import { supportedInstant } from "../../http/query-values";
import type { RegisterPaths } from "../../openapi/build-openapi";
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
export function auditRoutes(deps: { audit: AuditDeps }): Router {
  const router = Router();
  router.get("/api/admin/audit", async (req, res) => {
    const parsed = auditQuerySchema.safeParse(req.query);
    if (!parsed.success) throw validationError(parsed.error);
    const { format, lang: _lang, ...query } = parsed.data;
    const entries = await deps.audit.log.listAudit(query);
    await recordAudit(deps.audit, req, { action: "audit.read", recordType: "audit", recordId: query.recordId ?? "*", detail: { format, count: entries.length } });
    res.setHeader("Cache-Control", "no-store");
    if (format === "json") {
      res.json({ entries });
      return;
    }
    const stamp = deps.audit.now().toISOString().slice(0, 10);
    res.setHeader("Content-Disposition", `attachment; filename="hanbeon-audit-${stamp}.csv"`);
    res.type("text/csv; charset=utf-8").send(toAuditCsv(entries));
  });
  return router;
}

export const registerAuditPaths: RegisterPaths = (registry, errors) => {
  const problem = (description: string) => ({ description, content: { "application/json": { schema: errors } } });
  registry.registerPath({
    method: "get", path: "/api/admin/audit", summary: "The audit trail (admins): who viewed or changed which record, when",
    request: { query: auditQuerySchema },
    responses: {
      200: {
        description: "Newest first: JSON {entries}, or CSV with a header row (format=csv; formula-safe cells)",
        content: { "application/json": { schema: z.object({ entries: z.array(auditEntrySchema) }) }, "text/csv": { schema: z.string() } },
      },
      401: problem("Not signed in"), 403: problem("Not an admin"), 422: problem("Bad from/to/limit/format"),
    },
  });
};
