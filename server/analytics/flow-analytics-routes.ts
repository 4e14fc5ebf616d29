import type { Router } from "express";
import { z } from "zod";
import { computeFlowReport } from "../../bot/analytics/compute-flow-report";
import type { FlowAnalyticsStore } from "../../bot/analytics/flow-analytics-ports";
import { DomainError } from "../../bot/errors";
import type { FlowVersionStore } from "../../bot/flow-versions/flow-version-ports";
import type { FlowSource } from "../flow-versions/flow-registry";
import type { Route } from "../http/define-route";
import { NO_BODY, declareRoutes, defineRoute } from "../http/define-route";
import { lenientLangQuerySchema, requestLang } from "../http/request-context";
import type { Translator } from "../i18n/create-translator";

export type FlowAnalyticsDeps = { store: FlowAnalyticsStore; versions: FlowVersionStore; flows: FlowSource; flowId: string; translator: Translator };

const analyticsQuerySchema = z.object({
  version: z.string().regex(/^[1-9][0-9]{0,8}$/, "a version number such as 2").transform(Number).optional().describe("default: the published version"),
  lang: lenientLangQuerySchema,
});
const nodeCountsSchema = z.object({
  id: z.string(), type: z.string().nullable().describe("null when flowAvailable is false"),
  text: z.string().describe("The node's wording in that version, in ?lang (the id when flowAvailable is false)"), reached: z.number().int(),
  left: z.number().int().describe("reached − answered: conversations that left at this question or are still in progress (0 at an end)"),
});
export const flowAnalyticsSchema = z.object({
  flowId: z.string(), version: z.number().int(), versions: z.array(z.number().int()),
  started: z.number().int(), finished: z.number().int(), booked: z.number().int(), attended: z.number().int(),
  flowAvailable: z.boolean().describe("false when the version's stored flow cannot be built: the counters are still the version's own, but nodes lists only the node ids they name (most reached first, no type or wording), never another version's nodes"),
  nodes: z.array(nodeCountsSchema).describe("Question and end nodes in the version's flow order (see flowAvailable)"),
  services: z.array(z.object({ service: z.string(), name: z.string(), recommended: z.number().int() })).describe("Likely or possible at the result, most first"),
});

/**
 * `GET /api/admin/flows/:flowId/analytics?version=` (admin only): the counters of one flow
 * version (default: the published one) over that version's nodes. Counts only, no resident data.
 */
export function flowAnalyticsRoutes(deps: FlowAnalyticsDeps): { router: Router; routes: Route[] } {
  return declareRoutes([defineRoute({
    method: "get", path: "/api/admin/flows/{flowId}/analytics", summary: "Counters of one flow version: started, reached and left per node, finished, booked, attended, recommended services",
    body: NO_BODY, query: analyticsQuerySchema,
    params: { schema: z.object({ flowId: z.string().refine((id) => id === deps.flowId) }), invalid: () => new DomainError("NOT_FOUND", "no such flow") },
    success: {
      status: 200, schema: flowAnalyticsSchema,
      description: "The counters over the version's nodes; when the version's flow cannot be built, flowAvailable is false and nodes come from the counters alone",
    },
    problems: { 401: "Not signed in", 403: "Not an admin", 404: "No such flow or version", 422: "version is not a number" },
    handle: async ({ query, req, res }) => {
      const [stored, counted, published] = await Promise.all([
        deps.versions.listVersions(deps.flowId), deps.store.versions(deps.flowId), deps.versions.findPublishedNumber(deps.flowId),
      ]);
      // Before the first conversation seeds the store, the shipped flow is the published one.
      const live = published ?? (await deps.flows.current()).flow.version;
      const versions = [...new Set([...stored.map((v) => v.version), ...counted, live])].sort((a, b) => a - b);
      const version = query.version ?? live;
      if (!versions.includes(version)) throw new DomainError("NOT_FOUND", "no such flow version");
      const [engine, counts] = await Promise.all([deps.flows.forVersion(version), deps.store.read(deps.flowId, version)]);
      res.setHeader("Cache-Control", "no-store");
      const t = deps.translator.forLang(requestLang(req), engine.wording);
      // forVersion answers the newest engine when this version's flow does not build: its nodes are not this version's.
      const flow = engine.flow.version === version ? engine.flow : undefined;
      const report = computeFlowReport(flow, counts);
      const texts = new Map((flow?.nodes ?? []).map((node) => [node.id, "text" in node ? t(node.text) : node.id]));
      return {
        flowId: deps.flowId, version, versions, flowAvailable: flow !== undefined, ...report,
        nodes: report.nodes.map((node) => ({ ...node, text: texts.get(node.id) ?? node.id })),
        services: report.services.map((s) => ({ ...s, name: t(`services.${s.service}.name`) })),
      };
    },
  })]);
}
