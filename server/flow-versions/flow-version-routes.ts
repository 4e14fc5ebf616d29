import { Router } from "express";
import { z } from "zod";
import { DomainError } from "../../bot/errors";
import type { FlowVersion, FlowVersionInput, FlowVersionStore } from "../../bot/flow-versions/flow-version-ports";
import { parseBody } from "../http/json-body";
import { isWithinJsonDepth } from "../http/json-depth";
import type { RegisterPaths } from "../openapi/build-openapi";
import type { AuditDeps } from "../staff/audit/record-audit";
import { recordAudit } from "../staff/audit/record-audit";
import { staffUserOf } from "../staff/auth/require-staff";
import { draftConflict } from "../admin-documents/document-conflicts";
import { textTreeSchema } from "../storage/stored-flow-version-schema";
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
export function flowVersionRoutes(deps: FlowAdminDeps): Router {
  const router = Router();
  const base = "/api/admin/flows/:flowId";
  const flowIdOf = (value: unknown): string => {
    if (value !== deps.flowId) throw new DomainError("NOT_FOUND", "no such flow");
    return deps.flowId;
  };
  const input = (flowId: string, actor: string, content: Pick<FlowVersion, "yaml" | "texts">, note: string | undefined): FlowVersionInput => ({
    flowId, yaml: content.yaml, texts: content.texts, createdBy: actor, createdAt: deps.audit.now().toISOString(), note: note ?? "",
  });
  /** Gates `content` and publishes it while `expected` is still the published number (else 409: two admins never publish over each other unseen). */
  const publishOrRefuse = async (content: FlowVersionInput, dropDraft: boolean, expected: number | null, dropRevision?: string | null): Promise<FlowVersion> => {
    const problems = checkDraft(content, deps.build, deps.cases);
    if (problems.length) throw new DomainError("VALIDATION_FAILED", "the flow does not pass the publish checks", problems);
    return deps.registry.document.publish(content, { expected, dropDraft, draftRevision: dropRevision });
  };

  router.get(base, async (req, res) => {
    const flowId = flowIdOf(req.params.flowId);
    const [versions, draft, publishedNumber] = await Promise.all([deps.store.listVersions(flowId), deps.store.findDraft(flowId), deps.store.findPublishedNumber(flowId)]);
    res.setHeader("Cache-Control", "no-store");
    res.json({ flowId, published: versions.find((v) => v.version === publishedNumber) ?? null, draft: draft ?? null, history: versions.map(({ yaml: _y, texts: _t, ...meta }) => meta) });
  });

  router.put(`${base}/draft`, async (req, res) => {
    const flowId = flowIdOf(req.params.flowId);
    const body = parseBody(draftBodySchema, req.body);
    const draft = await deps.store.saveDraft(input(flowId, staffUserOf(req).username, { yaml: body.yaml, texts: body.texts ?? {} }, body.note), body.baseRevision);
    const problems = checkDraft(draft, deps.build, deps.cases);
    await recordAudit(deps.audit, req, { action: "flow.draft.save", recordType: "flow", recordId: flowId, detail: { problems: problems.length } });
    res.json({ draft, problems });
  });

  router.post(`${base}/draft/validate`, async (req, res) => {
    const flowId = flowIdOf(req.params.flowId);
    const draft = await deps.store.findDraft(flowId);
    if (!draft) throw new DomainError("NOT_FOUND", "no draft");
    res.json({ problems: checkDraft(draft, deps.build, deps.cases) });
  });

  router.post(`${base}/publish`, async (req, res) => {
    const flowId = flowIdOf(req.params.flowId);
    const body = parseBody(publishBodySchema, req.body, { optional: true });
    const expected = body.basePublished !== undefined ? body.basePublished : (await deps.store.findPublishedNumber(flowId)) ?? null;
    const draft = await deps.store.findDraft(flowId);
    if (!draft) throw new DomainError("NOT_FOUND", "no draft");
    if (body.baseRevision !== undefined && body.baseRevision !== (draft.revision ?? null)) throw draftConflict(draft.revision ?? null);
    // Drops only this revision of the draft: one another admin saved meanwhile is kept.
    const published = await publishOrRefuse(input(flowId, staffUserOf(req).username, draft, body.note ?? draft.note), true, expected, draft.revision ?? null);
    await recordAudit(deps.audit, req, { action: "flow.publish", recordType: "flow", recordId: flowId, detail: { version: published.version } });
    res.json({ version: published });
  });

  router.post(`${base}/rollback`, async (req, res) => {
    const flowId = flowIdOf(req.params.flowId);
    const body = parseBody(rollbackBodySchema, req.body);
    const expected = body.basePublished !== undefined ? body.basePublished : (await deps.store.findPublishedNumber(flowId)) ?? null;
    const earlier = await deps.store.findVersion(flowId, body.version);
    if (!earlier) throw new DomainError("NOT_FOUND", "no such version");
    const published = await publishOrRefuse(input(flowId, staffUserOf(req).username, earlier, body.note ?? `rollback to version ${body.version}`), false, expected);
    await recordAudit(deps.audit, req, { action: "flow.rollback", recordType: "flow", recordId: flowId, detail: { from: body.version, version: published.version } });
    res.json({ version: published });
  });

  router.get(`${base}/versions/:version/export`, async (req, res) => {
    const flowId = flowIdOf(req.params.flowId);
    const number = z.coerce.number().int().min(1).safeParse(req.params.version);
    const version = number.success ? await deps.store.findVersion(flowId, number.data) : undefined;
    if (!version) throw new DomainError("NOT_FOUND", "no such version");
    await recordAudit(deps.audit, req, { action: "flow.export", recordType: "flow", recordId: flowId, detail: { version: version.version } });
    res.setHeader("Content-Disposition", `attachment; filename="${flowId}.v${version.version}.flow.yaml"`);
    res.type("text/yaml; charset=utf-8").send(version.yaml);
  });

  router.post(`${base}/import`, async (req, res) => {
    const flowId = flowIdOf(req.params.flowId);
    const body = parseBody(importBodySchema, req.body);
    const draft = await deps.store.saveDraft(input(flowId, staffUserOf(req).username, { yaml: body.yaml, texts: {} }, body.note ?? "imported"), body.baseRevision);
    const problems = checkDraft(draft, deps.build, deps.cases);
    await recordAudit(deps.audit, req, { action: "flow.import", recordType: "flow", recordId: flowId, detail: { problems: problems.length } });
    res.json({ draft, problems });
  });
  return router;
}

export const registerFlowVersionPaths: RegisterPaths = (registry, errors) => {
  const problem = (description: string) => ({ description, content: { "application/json": { schema: errors } } });
  const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });
  const body = <S extends z.ZodType>(schema: S) => ({ body: { required: true, content: { "application/json": { schema } } } });
  const params = z.object({ flowId: z.string() });
  const guarded = { 401: problem("Not signed in"), 403: problem("Not an admin, or no CSRF token"), 404: problem("No such flow, draft or version") };
  const stale = { 409: problem("`baseRevision` is stale: another admin saved the draft meanwhile; details {revision} is the draft's now (or null)") };
  const saved = json(z.object({ draft: versionSchema, problems: z.array(problemSchema) }), "Saved as the draft, with the publish gate's problems (empty = publishable)");
  const base = "/api/admin/flows/{flowId}";
  registry.registerPath({ method: "get", path: base, summary: "The published flow, its draft and version history", request: { params },
    responses: { 200: json(z.object({ flowId: z.string(), published: versionSchema.nullable(), draft: versionSchema.nullable(), history: z.array(z.unknown()) }), "Versions"), ...guarded } });
  registry.registerPath({ method: "put", path: `${base}/draft`, summary: "Save the draft (saved even when the gate fails)", request: { params, ...body(draftBodyDoc) }, responses: { 200: saved, ...stale, 422: problem("Bad body"), ...guarded } });
  registry.registerPath({ method: "post", path: `${base}/draft/validate`, summary: "Run the publish gate on the draft", request: { params },
    responses: { 200: json(z.object({ problems: z.array(problemSchema) }), "Every problem"), ...guarded } });
  registry.registerPath({ method: "post", path: `${base}/publish`, summary: "Publish the draft as the next version", request: { params, ...body(publishBodySchema) },
    responses: { 200: json(z.object({ version: versionSchema }), "The new published version; the draft is dropped unless another admin saved it meanwhile"),
      409: problem("Another version was published meanwhile, or the draft is no longer the baseRevision sent"), 422: problem("The gate failed; details lists {path, node, field, message}"), ...guarded } });
  registry.registerPath({ method: "post", path: `${base}/rollback`, summary: "Republish an earlier version as a new version", request: { params, ...body(rollbackBodySchema) },
    responses: { 200: json(z.object({ version: versionSchema }), "The new published version"), 409: problem("Another version was published since basePublished"), 422: problem("Bad body or the gate failed"), ...guarded } });
  registry.registerPath({ method: "get", path: `${base}/versions/{version}/export`, summary: "One version's YAML", request: { params: params.extend({ version: z.string() }) },
    responses: { 200: { description: "The flow YAML", content: { "text/yaml": { schema: z.string() } } }, ...guarded } });
  registry.registerPath({ method: "post", path: `${base}/import`, summary: "Import YAML as the draft", request: { params, ...body(importBodySchema) }, responses: { 200: saved, ...stale, 422: problem("Bad body"), ...guarded } });
};
