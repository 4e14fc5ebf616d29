import { Router } from "express";
import { rateLimit } from "express-rate-limit";
import { DomainError } from "../../bot/errors";
import type { RateLimitStores } from "../http/rate-limit-store";
import type { CaseFacts } from "../../flows/schema/case-facts";
import { caseFactsSchema } from "../../flows/schema/case-facts";
import { serviceIds, serviceSpecialty } from "../../flows/schema/catalog";
import type { EvaluationCore } from "../../bot/eligibility/score-services";
import { toSeoulDate } from "../../bot/time/seoul-date";
import { parseBody } from "../http/json-body";
import { requestLang } from "../http/request-context";
import { validationError } from "../http/error-handler";
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
export function triageRoutes(deps: TriageDeps): Router {
  const router = Router();
  router.use(["/api/triage", "/api/services"], rateLimit({
    windowMs: 60_000, limit: deps.perIpPerMinute, standardHeaders: "draft-7", legacyHeaders: false, store: deps.rateLimitStore?.("triage-ip"),
    handler: (_req, _res, next) => next(new DomainError("RATE_LIMITED", "too many requests")),
  }));

  router.post("/api/triage/evaluate", (req, res) => {
    const query = asOfQuerySchema.safeParse(req.query);
    if (!query.success) throw validationError(query.error);
    const facts = parseBody(caseFactsSchema, req.body);
    const asOf = query.data.asOf ?? toSeoulDate(deps.now());
    const t = deps.translator.forLang(requestLang(req));
    res.json(toEvaluation(deps.evaluate(facts, asOf), t));
  });

  router.get("/api/services", (req, res) => {
    const t = deps.translator.forLang(requestLang(req));
    res.json({
      services: serviceIds.map((id) => ({
        id, name: t(`services.${id}.name`), provider: t(`services.${id}.provider`), specialty: serviceSpecialty[id], description: t(`services.${id}.description`),
      })),
    });
  });

  return router;
}
