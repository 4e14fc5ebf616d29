import type { Request, Router } from "express";
import { z } from "zod";
import type { ParameterOverride } from "../../bot/eligibility/apply-parameter-overrides";
import type { RuleCaseFile } from "../../bot/eligibility/rule-cases";
import { DomainError } from "../../bot/errors";
import type { FlowVersionStore } from "../../bot/flow-versions/flow-version-ports";
import { toSeoulDate } from "../../bot/time/seoul-date";
import type { Parameter, RuleSet } from "../../flows/schema/rules";
import { parameterUnits, parameterValueSchema } from "../../flows/schema/rules";
import type { DocumentProblem, VersionedDocument } from "../admin-documents/versioned-document";
import type { Route } from "../http/define-route";
import { NO_BODY, NO_PARAMS, NO_QUERY, declareRoutes, defineRoute } from "../http/define-route";
import type { AuditDeps } from "../staff/audit/record-audit";
import { recordAudit } from "../staff/audit/record-audit";
import { staffUserOf } from "../staff/auth/require-staff";
import { RULES_DOCUMENT_ID, checkRulesDraft, parseOverridesYaml, parseRulesWithOverrides, toOverridesYaml } from "./live-rules";

/** The live rule set, its versions, what shipped and the rule cases that gate a publish (AppDeps.rulesAdmin). */
export type RulesAdminDeps = { document: VersionedDocument<RuleSet>; store: FlowVersionStore; shipped: RuleSet; cases: readonly RuleCaseFile[] };
export type RuleParameterRoutesDeps = RulesAdminDeps & { audit: AuditDeps };

const isoDate = z.iso.date();
const noteSchema = z.string().max(500).optional();
/** How often a change is reapplied when another admin published in between. */
const MAX_PUBLISH_ATTEMPTS = 5;
/** An admin's value names its source (a figure is never added without one) and is unconfirmed unless said. */
const valueBodySchema = z.strictObject({
  effectiveFrom: isoDate, value: parameterValueSchema, source: z.string().trim().min(1).max(500), confirmed: z.boolean().default(false), note: noteSchema,
});
const deleteBodySchema = z.strictObject({ note: noteSchema });
const rollbackBodySchema = z.strictObject({ version: z.number().int().min(1), note: noteSchema });
const datedValueView = z.object({
  effectiveFrom: z.string(), value: parameterValueSchema, source: z.string().optional(), confirmed: z.boolean().optional(), origin: z.enum(["shipped", "admin"]),
});
const parameterView = z.object({
  id: z.string(), description: z.string(), unit: z.enum(parameterUnits), source: z.string(), confirmed: z.boolean(),
  inForce: z.object({ effectiveFrom: z.string(), value: parameterValueSchema }).nullable(), values: z.array(datedValueView),
});
type ParameterView = z.infer<typeof parameterView>;
const versionMeta = z.object({ version: z.number(), createdBy: z.string(), createdAt: z.string(), note: z.string(), inForce: z.boolean() });

/**
 * `/api/admin/rules…`: rule parameters as dated values. Admins add, replace or remove their own
 * dated values (shipped values stay; one of the same date supersedes them), see the history and
 * roll back. Every change passes the gate (the merged rule set parses and every rule case in
 * flows/rules/cases passes), is published as a new "rules" version, and is audited.
 */
export function ruleParameterRoutes(deps: RuleParameterRoutesDeps): { router: Router; routes: Route[] } {
  const base = "/api/admin/rules";
  const today = () => toSeoulDate(deps.audit.now());
  const shippedParameter = (id: unknown): Parameter => {
    const found = deps.shipped.parameters.find((p) => p.id === id);
    if (!found) throw new DomainError("NOT_FOUND", "no such rule parameter");
    return found;
  };
  /**
   * The admins' values of the version published in the store (not only loaded here). `unreadable`
   * names a published version that no longer applies to the shipped rules (e.g. after a deploy
   * removed a parameter): changes are refused then, so they never silently drop its values.
   */
  const current = async (): Promise<{ version: number | null; overrides: ParameterOverride[]; ruleSet: RuleSet; unreadable?: DocumentProblem[] }> => {
    await deps.document.refresh();
    const version = (await deps.store.findPublishedNumber(RULES_DOCUMENT_ID)) ?? null;
    if (version === null) return { version, overrides: [], ruleSet: deps.shipped };
    const stored = await deps.store.findVersion(RULES_DOCUMENT_ID, version);
    const overrides = stored ? parseOverridesYaml(stored.yaml) : { ok: false as const, problems: [{ path: "(rules)", message: "the published version cannot be read" }] };
    const merged = overrides.ok ? parseRulesWithOverrides(deps.shipped, overrides.value) : overrides;
    if (!overrides.ok || !merged.ok) return { version, overrides: [], ruleSet: deps.document.current(), unreadable: merged.ok ? [] : merged.problems };
    return { version, overrides: overrides.value, ruleSet: merged.value };
  };
  const gate = (overrides: readonly ParameterOverride[]): RuleSet => {
    const checked = checkRulesDraft(deps.shipped, overrides, deps.cases);
    if (!checked.ok) throw new DomainError("VALIDATION_FAILED", "the rule parameters do not pass the publish checks", checked.problems);
    return checked.value;
  };
  /**
   * Applies `edit` to the admins' values published now, gates and publishes the result only if no
   * other publish came in between (compare-and-set in the store); on such a race it reads again
   * and reapplies the edit, so two admins' changes are both kept. A rollback (`replaces`) does not
   * build on the values in force, so it is allowed while the published version is unreadable.
   */
  const change = async (req: Request, edit: (overrides: ParameterOverride[]) => ParameterOverride[], note: string, replaces = false) => {
    for (let attempt = 1; ; attempt++) {
      const { version, overrides, unreadable } = await current();
      if (unreadable && !replaces) {
        throw new DomainError("CONFLICT", `rules version ${version} no longer applies to the shipped rules; roll back to a version that does before changing values`, unreadable);
      }
      const next = edit(overrides);
      const ruleSet = gate(next);
      try {
        const published = await deps.document.publish({ yaml: toOverridesYaml(next), createdBy: staffUserOf(req).username, createdAt: deps.audit.now().toISOString(), note }, { expected: version });
        return { published, next, ruleSet };
      } catch (error) {
        if (!(error instanceof DomainError && error.code === "CONFLICT") || attempt >= MAX_PUBLISH_ATTEMPTS) throw error;
      }
    }
  };
  const view = (ruleSet: RuleSet, overrides: readonly ParameterOverride[], id: string): ParameterView => {
    const parameter = ruleSet.parameters.find((p) => p.id === id) ?? shippedParameter(id);
    return toParameterView(parameter, overrides, today());
  };

  const noSuchParameter = () => new DomainError("NOT_FOUND", "no such rule parameter");
  const parameterId = z.string().refine((id) => deps.shipped.parameters.some((p) => p.id === id));
  const guarded = { 401: "Not signed in", 403: "Not an admin, or no CSRF token" } as const;
  const gated = "Bad body, or the gate failed: details lists {path, message}; values are named parameters.<id>.values.<effectiveFrom>, failing rule cases rule-cases/<file>#<case name>";
  const changed = { status: 200, description: "Published as a new rules version and in force", schema: z.object({ version: z.number(), parameter: parameterView }) } as const;

  return declareRoutes([
    defineRoute({
      method: "get", path: `${base}/parameters`, summary: "Every rule parameter with its dated values (shipped or admin) and the value in force today (Seoul)",
      body: NO_BODY, query: NO_QUERY, params: { schema: NO_PARAMS },
      success: { status: 200, description: "The parameters; version null = only shipped values", schema: z.object({ version: z.number().nullable(), parameters: z.array(parameterView) }) },
      problems: guarded,
      handle: async ({ res }) => {
        const { version, overrides, ruleSet } = await current();
        res.setHeader("Cache-Control", "no-store");
        return { version, parameters: ruleSet.parameters.map((p) => toParameterView(p, overrides, today())) };
      },
    }),
    defineRoute({
      method: "post", path: `${base}/parameters/{id}/values`, summary: "Add or replace one dated value (gate: the rule set parses and every rule case passes)",
      body: { schema: valueBodySchema }, query: NO_QUERY, params: { schema: z.object({ id: parameterId }), invalid: noSuchParameter },
      success: changed,
      problems: { 404: "No such parameter", 422: gated, ...guarded },
      handle: async ({ body: { note, ...entry }, params: { id }, req }) => {
        const { published, next, ruleSet } = await change(req,
          (overrides) => [...overrides.filter((o) => !(o.param === id && o.effectiveFrom === entry.effectiveFrom)), { param: id, ...entry }],
          note ?? `${id} from ${entry.effectiveFrom}`);
        await recordAudit(deps.audit, req, { action: "rules.value.set", recordType: "rules", recordId: id, detail: { effectiveFrom: entry.effectiveFrom, version: published.version } });
        return { version: published.version, parameter: view(ruleSet, next, id) };
      },
    }),
    defineRoute({
      method: "delete", path: `${base}/parameters/{id}/values/{effectiveFrom}`, summary: "Remove an admin's dated value (shipped values cannot be removed)",
      body: { schema: deleteBodySchema, optional: true }, query: NO_QUERY,
      params: {
        schema: z.object({ id: parameterId, effectiveFrom: isoDate }),
        // An unknown parameter is a 404 whatever the date.
        invalid: (error) => error.issues.some((issue) => issue.path[0] === "id")
          ? noSuchParameter()
          : new DomainError("VALIDATION_FAILED", "not a date", [{ path: "effectiveFrom", message: "a date as YYYY-MM-DD" }]),
      },
      success: changed,
      problems: { 404: "No such parameter or admin value", 422: gated, ...guarded },
      handle: async ({ body: { note }, params: { id, effectiveFrom }, req }) => {
        const parameter = shippedParameter(id);
        const isThisValue = (o: ParameterOverride) => o.param === parameter.id && o.effectiveFrom === effectiveFrom;
        const { published, next, ruleSet } = await change(req, (overrides) => {
          if (overrides.some(isThisValue)) return overrides.filter((o) => !isThisValue(o));
          if (parameter.values.some((v) => v.effectiveFrom === effectiveFrom)) {
            throw new DomainError("VALIDATION_FAILED", "a shipped value cannot be removed; add a value of the same date to supersede it", [
              { path: `parameters.${parameter.id}.values.${effectiveFrom}`, message: "a shipped value cannot be removed; add a value of the same date to supersede it" },
            ]);
          }
          throw new DomainError("NOT_FOUND", "no admin value of that date");
        }, note ?? `${parameter.id}: removed the value from ${effectiveFrom}`);
        await recordAudit(deps.audit, req, { action: "rules.value.remove", recordType: "rules", recordId: parameter.id, detail: { effectiveFrom, version: published.version } });
        return { version: published.version, parameter: view(ruleSet, next, parameter.id) };
      },
    }),
    defineRoute({
      method: "get", path: `${base}/versions`, summary: "The history of published rule-parameter versions (no content)",
      body: NO_BODY, query: NO_QUERY, params: { schema: NO_PARAMS },
      success: { status: 200, description: "History, oldest first", schema: z.object({ version: z.number().nullable(), versions: z.array(versionMeta) }) },
      problems: guarded,
      handle: async ({ res }) => {
        const version = deps.document.version();
        const versions = await deps.store.listVersions(RULES_DOCUMENT_ID);
        res.setHeader("Cache-Control", "no-store");
        return {
          version: version ?? null,
          versions: versions.map((v) => ({ version: v.version, createdBy: v.createdBy, createdAt: v.createdAt, note: v.note, inForce: v.version === version })),
        };
      },
    }),
    defineRoute({
      method: "post", path: `${base}/rollback`, summary: "Republish an earlier version's values as a new version (gate again)",
      body: { schema: rollbackBodySchema }, query: NO_QUERY, params: { schema: NO_PARAMS },
      success: { status: 200, description: "The new version", schema: z.object({ version: z.number() }) },
      problems: { 404: "No such version", 422: gated, ...guarded },
      handle: async ({ body, req }) => {
        const earlier = await deps.store.findVersion(RULES_DOCUMENT_ID, body.version);
        if (!earlier) throw new DomainError("NOT_FOUND", "no such rules version");
        const parsed = parseOverridesYaml(earlier.yaml);
        if (!parsed.ok) throw new DomainError("VALIDATION_FAILED", "that version no longer parses", parsed.problems);
        const { published } = await change(req, () => parsed.value, body.note ?? `rollback to version ${body.version}`, true);
        await recordAudit(deps.audit, req, { action: "rules.rollback", recordType: "rules", recordId: RULES_DOCUMENT_ID, detail: { from: body.version, version: published.version } });
        return { version: published.version };
      },
    }),
  ]);
}

function toParameterView(parameter: Parameter, overrides: readonly ParameterOverride[], today: string): ParameterView {
  const admin = new Set(overrides.filter((o) => o.param === parameter.id).map((o) => o.effectiveFrom));
  const entry = parameter.values.filter((v) => v.effectiveFrom <= today).at(-1);
  const inForce = entry ? { effectiveFrom: entry.effectiveFrom, value: entry.value } : null;
  return {
    id: parameter.id, description: parameter.description, unit: parameter.unit, source: parameter.source, confirmed: parameter.confirmed, inForce,
    values: parameter.values.map((v) => ({ ...v, origin: admin.has(v.effectiveFrom) ? "admin" : "shipped" })),
  };
}
