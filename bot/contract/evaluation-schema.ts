import { z } from "zod";
import { serviceIds, specialtyValues, urgentCodes } from "../../flows/schema/catalog";
import { loanAprSchema } from "../eligibility/compute-loan-apr";
import { tiers } from "../eligibility/score-services";

/** The contract's Evaluation, as sent to clients (reasons already in the request's language). */
export const evaluationSchema = z.object({
  asOf: z.iso.date(),
  rulesVersion: z.string(),
  /** One plain sentence first: what we think (or the urgent help to reach first), and that the center decides. */
  headline: z.string().optional(),
  recommendations: z.array(z.object({
    service: z.enum(serviceIds),
    tier: z.enum(tiers),
    score: z.number().int().min(0).max(100),
    reasons: z.array(z.string()),
    missing: z.array(z.string()).optional(),
    nextSteps: z.array(z.string()).optional(),
  })),
  urgent: z.array(z.object({ code: z.enum(urgentCodes), message: z.string() })),
  /** "What would change it": at most 3 services one threshold away, nearest first, each said in one sentence. */
  nearMisses: z.array(z.object({ service: z.enum(serviceIds), message: z.string() })).optional(),
  /** By §6's simple formula, as are the two flags; an instalment (일수) loan also names its repayment and each method's figures, simple first. */
  loans: z.array(loanAprSchema).optional(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const serviceSchema = z.object({
  id: z.enum(serviceIds), name: z.string(), provider: z.string(), specialty: z.enum(specialtyValues), description: z.string(),
});
