import type { Router } from "express";
import { rateLimit } from "express-rate-limit";
import { z } from "zod";
import { evaluationSchema, serviceSchema } from "../../bot/contract/evaluation-schema";
import { DomainError } from "../../bot/errors";
import type { RateLimitStores } from "../http/rate-limit-store";
import type { CaseFacts } from "../../flows/schema/case-facts";
import { caseFactsSchema } from "../../flows/schema/case-facts";
import { serviceIds, serviceSpecialty } from "../../flows/schema/catalog";
import type { EvaluationCore } from "../../bot/eligibility/score-services";
import { toSeoulDate } from "../../bot/time/seoul-date";
import type { Route } from "../http/define-route";
import { NO_BODY, NO_PARAMS, declareRoutes, defineRoute } from "../http/define-route";
import { lenientLangQuerySchema, requestLang } from "../http/request-context";
import type { Translator } from "../i18n/create-translator";
import { asOfQuerySchema } from "./evaluation-schema";
import { toEvaluation } from "./to-evaluation";

export type TriageDeps = {
  evaluate: (facts: CaseFacts, asOf: string) => EvaluationCore;
  translator: Translator;
  now: () => Date;
  /** Calls per client IP and minute (RATE_LIMIT_IP_PER_MINUTE), counted in `rateLimitStore` (every instance, with Redis). */
  perIpPerMinute: number;
  rateLimitStore?: RateLimitStores;
};

/** POST /api/triage/evaluate and GET /api/services. */
export function triageRoutes(deps: TriageDeps): { router: Router; routes: Route[] } {
  const perIp = rateLimit({
    windowMs: 60_000, limit: deps.perIpPerMinute, standardHeaders: "draft-7", legacyHeaders: false, store: deps.rateLimitStore?.("triage-ip"),
    handler: (_req, _res, next) => next(new DomainError("RATE_LIMITED", "too many requests")),
  });
  return declareRoutes([
    defineRoute({
      method: "post", path: "/api/triage/evaluate", summary: "Score every service for a set of case facts",
      body: { schema: caseFactsSchema }, query: asOfQuerySchema, params: { schema: NO_PARAMS }, middleware: [perIp],
      success: { status: 200, description: "Recommendations, best first, with urgent flags and loan findings", schema: evaluationSchema },
      problems: {
        400: "Malformed JSON or no body", 413: "Body too large", 415: "Not application/json",
        422: "Unknown fields, wrong types or out-of-range values; details lists {path, message}", 429: "Rate limited (Retry-After)",
      },
      handle: async ({ body, query, req }) => toEvaluation(deps.evaluate(body, query.asOf ?? toSeoulDate(deps.now())), deps.translator.forLang(requestLang(req))),
    }),
    defineRoute({
      method: "get", path: "/api/services", summary: "The service catalog",
      body: NO_BODY, query: z.object({ lang: lenientLangQuerySchema }).loose(), params: { schema: NO_PARAMS }, middleware: [perIp],
      success: { status: 200, description: "Every service with its specialty", schema: z.object({ services: z.array(serviceSchema) }) },
      problems: { 429: "Rate limited (Retry-After)" },
      handle: async ({ req }) => {
        const t = deps.translator.forLang(requestLang(req));
        return {
          services: serviceIds.map((id) => ({
            id, name: t(`services.${id}.name`), provider: t(`services.${id}.provider`), specialty: serviceSpecialty[id], description: t(`services.${id}.description`),
          })),
        };
      },
    }),
  ]);
}
