import type { Router } from "express";
import { z } from "zod";
import { DomainError } from "../../bot/errors";
import type { FlowVersion, FlowVersionInput, FlowVersionStore } from "../../bot/flow-versions/flow-version-ports";
import type { Route } from "../http/define-route";
import { NO_BODY, NO_JSON, NO_QUERY, TextAnswer, declareRoutes, defineRoute } from "../http/define-route";
import { isWithinJsonDepth } from "../http/json-depth";
import type { AuditDeps } from "../staff/audit/record-audit";
import { recordAudit } from "../staff/audit/record-audit";
import { staffUserOf } from "../staff/auth/require-staff";
import { draftConflict } from "../admin-documents/document-conflicts";
import { textTreeSchema } from "../../bot/flow-versions/flow-version-ports";
import type { FlowEngineDeps } from "./build-flow-engine";
import { checkDraft } from "./check-draft";
import type { FlowRegistry } from "./flow-registry";
import type { FiledSmokeCase } from "../../flows/load-smoke-cases";

export type FlowAdminDeps = { store: FlowVersionStore; registry: FlowRegistry; build: FlowEngineDeps; cases: readonly FiledSmokeCase[]; audit: AuditDeps; flowId: string };

const YAML_LIMIT = 200_000;
/** Text trees nest a few levels; a deeper one is refused (422) before anything recursive walks it. */
const MAX_TEXT_DEPTH = 32;
/** The draft revision the admin's edit starts from (null: there was no draft); a stale one is a 409. Omitted: saved over whatever is there. */
export const baseRevisionSchema = z.string().min(1).max(100).nullable().optional()
  .describe("The draft's `revision` the edit started from (null: there was no draft); another admin's save since then is a 409 CONFLICT. Omitted: no check");
export const draftBodySchema = z.strictObject({
  yaml: z.string().min(1).max(YAML_LIMIT),
  texts: z.custom<unknown>((texts) => isWithinJsonDepth(texts, MAX_TEXT_DEPTH), `nested deeper than ${MAX_TEXT_DEPTH} levels`)
    .pipe(z.strictObject({ ko: textTreeSchema.optional(), en: textTreeSchema.optional() })).optional(),
  note: z.string().max(500).optional(),
  baseRevision: baseRevisionSchema,
});
/** The same body for the OpenAPI document (the generator cannot walk the recursive text tree). */
const draftBodyDoc = draftBodySchema.extend({ texts: z.object({ ko: z.record(z.string(), z.unknown()).optional(), en: z.record(z.string(), z.unknown()).optional() }).optional() });
/** The published version the admin saw (null: none): when given, another admin's publish since is a 409 instead of being replaced unseen. */
const basePublishedSchema = z.number().int().min(1).nullable().optional();
/** `baseRevision`: the draft revision the admin saw; a draft saved by another admin since is refused (409), never published unseen. */
const publishBodySchema = z.strictObject({ note: z.string().max(500).optional(), baseRevision: baseRevisionSchema, basePublished: basePublishedSchema });
const rollbackBodySchema = z.strictObject({ version: z.number().int().min(1), note: z.string().max(500).optional(), basePublished: basePublishedSchema });
const importBodySchema = z.strictObject({ yaml: z.string().min(1).max(YAML_LIMIT), note: z.string().max(500).optional(), baseRevision: baseRevisionSchema });
const problemSchema = z.object({ path: z.string(), node: z.string().optional(), field: z.string().optional(), message: z.string() });
const versionSchema = z.object({
  flowId: z.string(), version: z.number(), status: z.enum(["draft", "published", "archived"]), yaml: z.string(),
  texts: z.object({ ko: z.unknown().optional(), en: z.unknown().optional() }), createdBy: z.string(), createdAt: z.string(), note: z.string(),
  revision: z.string().optional().describe("Drafts only: changes on every save; send it back as `baseRevision`"),
});

/**
 * `/api/admin/flows/:flowId…`: the published flow, its draft and history; saving, checking,
 * publishing, rolling back, exporting and importing. Mounted behind the admin guard (and CSRF);
 * every change is audited. Only the default flow is served.
 */
export function flowVersionRoutes(deps: FlowAdminDeps): { router: Router; routes: Route[] } {
  const base = "/api/admin/flows/{flowId}";
  const flowId = z.string().refine((id) => id === deps.flowId);
  const flowParams = { schema: z.object({ flowId }), invalid: () => new DomainError("NOT_FOUND", "no such flow") };
  const input = (content: Pick<FlowVersion, "yaml" | "texts">, actor: string, note: string | undefined): FlowVersionInput => ({
    flowId: deps.flowId, yaml: content.yaml, texts: content.texts, createdBy: actor, createdAt: deps.audit.now().toISOString(), note: note ?? "",
  });
  /** Gates `content` and publishes it while `expected` is still the published number (else 409: two admins never publish over each other unseen). */
  const publishOrRefuse = async (content: FlowVersionInput, dropDraft: boolean, expected: number | null, dropRevision?: string | null): Promise<FlowVersion> => {
    const problems = checkDraft(content, deps.build, deps.cases);
    if (problems.length) throw new DomainError("VALIDATION_FAILED", "the flow does not pass the publish checks", problems);
    return deps.registry.document.publish(content, { expected, dropDraft, draftRevision: dropRevision });
  };
  const guarded = { 401: "Not signed in", 403: "Not an admin, or no CSRF token", 404: "No such flow, draft or version" } as const;
  const stale = "`baseRevision` is stale: another admin saved the draft meanwhile; details {revision} is the draft's now (or null)";
  const saved = {
    status: 200, description: "Saved as the draft, with the publish gate's problems (empty = publishable)", schema: z.object({ draft: versionSchema, problems: z.array(problemSchema) }),
  } as const;

  return declareRoutes([
    defineRoute({
      method: "get", path: base, summary: "The published flow, its draft and version history",
      body: NO_BODY, query: NO_QUERY, params: flowParams,
      success: { status: 200, description: "Versions", schema: z.object({ flowId: z.string(), published: versionSchema.nullable(), draft: versionSchema.nullable(), history: z.array(z.unknown()) }) },
      problems: guarded,
      handle: async ({ res }) => {
        const [versions, draft, publishedNumber] = await Promise.all([deps.store.listVersions(deps.flowId), deps.store.findDraft(deps.flowId), deps.store.findPublishedNumber(deps.flowId)]);
        res.setHeader("Cache-Control", "no-store");
        return { flowId: deps.flowId, published: versions.find((v) => v.version === publishedNumber) ?? null, draft: draft ?? null, history: versions.map(({ yaml: _y, texts: _t, ...meta }) => meta) };
      },
    }),
    defineRoute({
      method: "put", path: `${base}/draft`, summary: "Save the draft (saved even when the gate fails)",
      body: { schema: draftBodySchema, doc: draftBodyDoc }, query: NO_QUERY, params: flowParams,
      success: saved,
      problems: { 409: stale, 422: "Bad body", ...guarded },
      handle: async ({ body, req }) => {
        const draft = await deps.store.saveDraft(input({ yaml: body.yaml, texts: body.texts ?? {} }, staffUserOf(req).username, body.note), body.baseRevision);
        const problems = checkDraft(draft, deps.build, deps.cases);
        await recordAudit(deps.audit, req, { action: "flow.draft.save", recordType: "flow", recordId: deps.flowId, detail: { problems: problems.length } });
        return { draft, problems };
      },
    }),
    defineRoute({
      method: "post", path: `${base}/draft/validate`, summary: "Run the publish gate on the draft",
      body: NO_BODY, query: NO_QUERY, params: flowParams,
      success: { status: 200, description: "Every problem", schema: z.object({ problems: z.array(problemSchema) }) },
      problems: guarded,
      handle: async () => {
        const draft = await deps.store.findDraft(deps.flowId);
        if (!draft) throw new DomainError("NOT_FOUND", "no draft");
        return { problems: checkDraft(draft, deps.build, deps.cases) };
      },
    }),
    defineRoute({
      method: "post", path: `${base}/publish`, summary: "Publish the draft as the next version",
      body: { schema: publishBodySchema, optional: true }, query: NO_QUERY, params: flowParams,
      success: { status: 200, description: "The new published version; the draft is dropped unless another admin saved it meanwhile", schema: z.object({ version: versionSchema }) },
      problems: { 409: "Another version was published meanwhile, or the draft is no longer the baseRevision sent", 422: "The gate failed; details lists {path, node, field, message}", ...guarded },
      handle: async ({ body, req }) => {
        const expected = body.basePublished !== undefined ? body.basePublished : (await deps.store.findPublishedNumber(deps.flowId)) ?? null;
        const draft = await deps.store.findDraft(deps.flowId);
        if (!draft) throw new DomainError("NOT_FOUND", "no draft");
        if (body.baseRevision !== undefined && body.baseRevision !== (draft.revision ?? null)) throw draftConflict(draft.revision ?? null);
        // Drops only this revision of the draft: one another admin saved meanwhile is kept.
        const published = await publishOrRefuse(input(draft, staffUserOf(req).username, body.note ?? draft.note), true, expected, draft.revision ?? null);
        await recordAudit(deps.audit, req, { action: "flow.publish", recordType: "flow", recordId: deps.flowId, detail: { version: published.version } });
        return { version: published };
      },
    }),
    defineRoute({
      method: "post", path: `${base}/rollback`, summary: "Republish an earlier version as a new version",
      body: { schema: rollbackBodySchema }, query: NO_QUERY, params: flowParams,
      success: { status: 200, description: "The new published version", schema: z.object({ version: versionSchema }) },
      problems: { 409: "Another version was published since basePublished", 422: "Bad body or the gate failed", ...guarded },
      handle: async ({ body, req }) => {
        const expected = body.basePublished !== undefined ? body.basePublished : (await deps.store.findPublishedNumber(deps.flowId)) ?? null;
        const earlier = await deps.store.findVersion(deps.flowId, body.version);
        if (!earlier) throw new DomainError("NOT_FOUND", "no such version");
        const published = await publishOrRefuse(input(earlier, staffUserOf(req).username, body.note ?? `rollback to version ${body.version}`), false, expected);
        await recordAudit(deps.audit, req, { action: "flow.rollback", recordType: "flow", recordId: deps.flowId, detail: { from: body.version, version: published.version } });
        return { version: published };
      },
    }),
    defineRoute({
      method: "get", path: `${base}/versions/{version}/export`, summary: "One version's YAML",
      body: NO_BODY, query: NO_QUERY,
      params: { schema: z.object({ flowId, version: z.coerce.number().int().min(1) }), invalid: () => new DomainError("NOT_FOUND", "no such flow or version") },
      success: { status: 200, description: "The flow YAML", schema: NO_JSON, text: ["text/yaml"] },
      problems: guarded,
      handle: async ({ params, req, res }) => {
        const version = await deps.store.findVersion(deps.flowId, params.version);
        if (!version) throw new DomainError("NOT_FOUND", "no such version");
        await recordAudit(deps.audit, req, { action: "flow.export", recordType: "flow", recordId: deps.flowId, detail: { version: version.version } });
        res.setHeader("Content-Disposition", `attachment; filename="${deps.flowId}.v${version.version}.flow.yaml"`);
        return new TextAnswer("text/yaml", version.yaml);
      },
    }),
    defineRoute({
      method: "post", path: `${base}/import`, summary: "Import YAML as the draft",
      body: { schema: importBodySchema }, query: NO_QUERY, params: flowParams,
      success: saved,
      problems: { 409: stale, 422: "Bad body", ...guarded },
      handle: async ({ body, req }) => {
        const draft = await deps.store.saveDraft(input({ yaml: body.yaml, texts: {} }, staffUserOf(req).username, body.note ?? "imported"), body.baseRevision);
        const problems = checkDraft(draft, deps.build, deps.cases);
        await recordAudit(deps.audit, req, { action: "flow.import", recordType: "flow", recordId: deps.flowId, detail: { problems: problems.length } });
        return { draft, problems };
      },
    }),
  ]);
}
