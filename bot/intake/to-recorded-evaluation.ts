import type { EvaluationCore, ScoredServices } from "../eligibility/score-services";

/**
 * What an intake keeps of an evaluation: the scored services, not the sentences said about them
 * (the headline and the near misses are worked out again from the intake's facts when needed).
 */
export function toRecordedEvaluation({ asOf, rulesVersion, recommendations, urgent, loans }: EvaluationCore): ScoredServices {
  return { asOf, rulesVersion, recommendations, urgent, ...(loans ? { loans } : {}) };
}
