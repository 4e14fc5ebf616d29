import type { EvaluationCore } from "../../bot/eligibility/score-services";
import type { Translate } from "../i18n/create-translator";
import type { Evaluation } from "../../bot/contract/evaluation-schema";

/** The scorer's keys and params as text in one language: the contract's Evaluation. */
export function toEvaluation(core: EvaluationCore, t: Translate): Evaluation {
  return {
    asOf: core.asOf,
    rulesVersion: core.rulesVersion,
    headline: t(core.headline.key, core.headline.params),
    recommendations: core.recommendations.map((r) => ({
      service: r.service,
      tier: r.tier,
      score: r.score,
      reasons: r.reasons.map((m) => t(m.key, m.params)),
      ...(r.missing.length ? { missing: r.missing } : {}),
      ...(r.nextSteps.length ? { nextSteps: r.nextSteps.map((m) => t(m.key, m.params)) } : {}),
    })),
    urgent: core.urgent.map((u) => ({ code: u.code, message: t(u.message.key, u.message.params) })),
    ...(core.nearMisses.length ? { nearMisses: core.nearMisses.map((n) => ({ service: n.service, message: t(n.message.key, n.message.params) })) } : {}),
    ...(core.loans ? { loans: core.loans } : {}),
  };
}
