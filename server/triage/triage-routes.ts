import { Router } from "express";
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
};

/** POST /api/triage/evaluate and GET /api/services. */
export function triageRoutes(deps: TriageDeps): Router {
  const router = Router();

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
