import type { Router } from "express";
import { z } from "zod";
import { previewCommands } from "./preview-flow";
import { sessionStateSchema } from "../../bot/conversation/session-state";
import { DomainError } from "../../bot/errors";
import type { FlowVersion } from "../../bot/flow-versions/flow-version-ports";
import { turnSchema } from "../../bot/contract/turn-schema";
import type { Route } from "../http/define-route";
import { NO_BODY, NO_QUERY, declareRoutes, defineRoute } from "../http/define-route";
import { isWithinJsonDepth } from "../http/json-depth";
import { recordAudit } from "../staff/audit/record-audit";
import { staffUserOf } from "../staff/auth/require-staff";
import { checkDraft } from "./check-draft";
import { computeYamlDiff, writeFlowYaml } from "./compute-yaml-diff";
import { diffTexts, toOverrideTexts } from "./flow-editor-texts";
import type { FlowAdminDeps } from "./flow-version-routes";
import { baseRevisionSchema, draftBodySchema } from "./flow-version-routes";
import { previewFlow } from "./preview-flow";
import type { EditorSource } from "./to-editor-document";
import { toEditorDocument } from "./to-editor-document";

/** A dotted text key as flows use them; no part may reach an object's prototype. */
const textKeySchema = z.string().max(200).regex(/^[a-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/, "a text key such as flow.debt.question")
  .refine((key) => !key.split(".").some((part) => ["__proto__", "constructor", "prototype"].includes(part)), "not a usable text key");
const flatTextsSchema = z.record(textKeySchema, z.string().max(5000));
const editorQuerySchema = z.object({ source: z.enum(["draft", "published"]).optional() });
/** Far deeper than any flow (conditions nest a few levels); deeper JSON would overflow writing the YAML. */
export const MAX_FLOW_DEPTH = 64;
export const documentBodySchema = z.strictObject({
  flow: z.record(z.string(), z.unknown()).refine((flow) => isWithinJsonDepth(flow, MAX_FLOW_DEPTH), `nested deeper than ${MAX_FLOW_DEPTH} levels`),
  texts: z.strictObject({ ko: flatTextsSchema.optional(), en: flatTextsSchema.optional() }).optional(),
  note: z.string().max(500).optional(),
  baseRevision: baseRevisionSchema,
});
/** Typed text, a tapped option, or one of the commands the triage itself knows. */
const inputSchema = z.union([
  z.strictObject({ text: z.string().max(2000) }),
  z.strictObject({ optionId: z.string().max(100) }),
  z.strictObject({ command: z.enum(previewCommands) }),
]);
export const previewBodySchema = z.strictObject({ lang: z.enum(["ko", "en"]), state: sessionStateSchema.optional(), input: inputSchema.optional() });

/** The edited flow as YAML; a flow that cannot be written (the depth check aside) is the admin's 422, not a 500. */
function toFlowYaml(flow: Record<string, unknown>): string {
  try {
    return writeFlowYaml(flow);
  } catch (error) {
    throw new DomainError("VALIDATION_FAILED", "invalid request", [{ path: "flow", message: "the flow cannot be written as YAML" }], { cause: error });
  }
}

/**
 * What the flow editor pages read and write under `/api/admin/flows/:flowId…`: the editor's view
 * of the draft or published version, saving the edited flow and texts as the draft, the draft's
 * diff against the published version and a stateless preview of the draft. Behind the admin
 * guard (and CSRF); the save is audited; the preview writes nothing.
 */
export function flowEditorRoutes(deps: FlowAdminDeps): { router: Router; routes: Route[] } {
  const base = "/api/admin/flows/{flowId}";
  const flowParams = { schema: z.object({ flowId: z.string().refine((id) => id === deps.flowId) }), invalid: () => new DomainError("NOT_FOUND", "no such flow") };
  const findPublished = async (flowId: string): Promise<FlowVersion | undefined> => {
    const number = await deps.store.findPublishedNumber(flowId);
    return number === undefined ? undefined : deps.store.findVersion(flowId, number);
  };
  const guarded = { 401: "Not signed in", 403: "Not an admin, or no CSRF token", 404: "No such flow, or no draft" } as const;
  const problemSchema = z.object({ path: z.string(), node: z.string().optional(), field: z.string().optional(), message: z.string() });
  const textsSchema = z.object({ ko: z.record(z.string(), z.string()), en: z.record(z.string(), z.string()) });
  const stateDoc = z.record(z.string(), z.unknown()).describe("The session state returned by the previous preview step, sent back unchanged");

  return declareRoutes([
    defineRoute({
      method: "get", path: `${base}/editor`, summary: "The flow editor's view of the draft (default, when there is one) or the published version",
      body: NO_BODY, query: editorQuerySchema, params: flowParams,
      success: {
        status: 200, description: "The YAML as JSON (null when it does not parse), every text it uses, the publish gate's problems and the graph",
        schema: z.object({
          source: z.enum(["draft", "published"]), version: z.number().nullable(),
          revision: z.string().nullable().describe("The draft's revision when `source` is draft (null otherwise, or for a draft saved before revisions): send it back as `baseRevision`"),
          note: z.string(), flow: z.record(z.string(), z.unknown()).nullable(), yaml: z.string(),
          texts: textsSchema, problems: z.array(problemSchema),
          nodes: z.array(z.object({ id: z.string(), type: z.string(), next: z.array(z.string()), problems: z.number() })),
        }),
      },
      problems: { 422: "Bad source", ...guarded },
      handle: async ({ query, res }) => {
        const draft = query.source === "published" ? undefined : await deps.store.findDraft(deps.flowId);
        if (query.source === "draft" && !draft) throw new DomainError("NOT_FOUND", "no draft");
        const source: EditorSource = draft ? "draft" : "published";
        const version = draft ?? await findPublished(deps.flowId);
        if (!version) throw new DomainError("NOT_FOUND", "nothing published yet");
        res.setHeader("Cache-Control", "no-store");
        return toEditorDocument(version, source, deps);
      },
    }),
    defineRoute({
      method: "put", path: `${base}/draft/document`, summary: "Save the edited flow (as JSON) and changed texts (by dotted key) as the draft",
      body: { schema: documentBodySchema }, query: NO_QUERY, params: flowParams,
      success: { status: 200, description: "As PUT …/draft: the saved draft and the publish gate's problems", schema: z.object({ draft: z.record(z.string(), z.unknown()), problems: z.array(problemSchema) }) },
      problems: {
        409: "`baseRevision` is stale: another admin saved the draft meanwhile; details {revision} is the draft's now (or null)",
        422: `Bad body, a flow nested deeper than ${MAX_FLOW_DEPTH} levels or too large as YAML, or a text key that names a group of texts`, ...guarded,
      },
      handle: async ({ body, req }) => {
        const yaml = toFlowYaml(body.flow);
        if (!draftBodySchema.shape.yaml.safeParse(yaml).success) {
          throw new DomainError("VALIDATION_FAILED", "invalid request", [{ path: "flow", message: "the flow is empty or too large as YAML (at most 200000 characters)" }]);
        }
        const existing = await deps.store.findDraft(deps.flowId) ?? await findPublished(deps.flowId);
        const texts = toOverrideTexts(existing?.texts ?? {}, body.texts ?? {}, deps.build.locales);
        if (!texts.ok) throw new DomainError("VALIDATION_FAILED", "invalid request", texts.problems);
        const note = body.note ?? (existing?.status === "draft" ? existing.note : "");
        const draft = await deps.store.saveDraft({ flowId: deps.flowId, yaml, texts: texts.texts, createdBy: staffUserOf(req).username, createdAt: deps.audit.now().toISOString(), note }, body.baseRevision);
        const problems = checkDraft(draft, deps.build, deps.cases);
        await recordAudit(deps.audit, req, { action: "flow.draft.save", recordType: "flow", recordId: deps.flowId, detail: { problems: problems.length, via: "editor" } });
        return { draft, problems };
      },
    }),
    defineRoute({
      method: "get", path: `${base}/draft/diff`, summary: "The draft against the published version: YAML lines and changed texts",
      body: NO_BODY, query: NO_QUERY, params: flowParams,
      success: {
        status: 200, description: "Line diff and text changes",
        schema: z.object({
          against: z.number().nullable(),
          normalized: z.boolean().describe("true: both sides were read and written again in the editor's one YAML form before comparing, so comments and layout do not show as changes (GET …/editor keeps the literal YAML); false: one side is not valid YAML and the literal texts were compared"),
          yaml: z.array(z.object({ op: z.enum(["same", "add", "del"]), line: z.string() })),
          texts: z.array(z.object({ lang: z.enum(["ko", "en"]), key: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
        }),
      },
      problems: guarded,
      handle: async ({ res }) => {
        const draft = await deps.store.findDraft(deps.flowId);
        if (!draft) throw new DomainError("NOT_FOUND", "no draft");
        const published = await findPublished(deps.flowId);
        res.setHeader("Cache-Control", "no-store");
        const yaml = computeYamlDiff(published?.yaml ?? "", draft.yaml);
        return {
          against: published?.version ?? null,
          normalized: yaml.normalized,
          yaml: yaml.lines,
          texts: diffTexts(published?.texts ?? {}, draft.texts, deps.build.locales),
        };
      },
    }),
    defineRoute({
      method: "post", path: `${base}/draft/preview`, summary: "Run the draft (or the published version when there is no draft) one step, without a session",
      body: { schema: previewBodySchema, doc: previewBodySchema.extend({ state: stateDoc.optional() }) }, query: NO_QUERY, params: flowParams,
      success: { status: 200, description: "The next state and the turn in the asked language", schema: z.object({ state: stateDoc, turn: turnSchema.extend({ nodeId: z.string() }) }) },
      problems: { 422: "Bad body, a forged state, a state of another version, or a draft that does not build", ...guarded },
      handle: async ({ body, res }) => {
        const [draft, publishedNumber] = await Promise.all([deps.store.findDraft(deps.flowId), deps.store.findPublishedNumber(deps.flowId)]);
        const content = draft ?? (publishedNumber === undefined ? undefined : await deps.store.findVersion(deps.flowId, publishedNumber));
        if (!content) throw new DomainError("NOT_FOUND", "nothing to preview");
        // A draft runs as the number it would be published as; states of any other number are refused.
        const version = draft ? (publishedNumber ?? 0) + 1 : content.version;
        res.setHeader("Cache-Control", "no-store");
        return previewFlow(content, version, body, { build: deps.build, now: deps.audit.now });
      },
    }),
  ]);
}
