import { z } from "zod";
import { instalmentValues } from "../../flows/schema/case-facts";
import { serviceIds, specialtyValues, urgentCodes } from "../../flows/schema/catalog";

/** One method's figures for an instalment loan: §6's simple formula or the declining balance. */
const methodAprSchema = z.object({
  method: z.enum(["simple", "declining_balance"]),
  aprPct: z.number(),
  overLegalCap: z.boolean(),
  wholeContractVoid: z.boolean(),
});

/** The contract's Evaluation, as sent to clients (reasons already in the request's language). */
export const evaluationSchema = z.object({
  asOf: z.iso.date(),
  rulesVersion: z.string(),
  /** One plain sentence first: what we think (or the urgent help to reach first), and that the center decides. */
  headline: z.string().optional(),
  recommendations: z.array(z.object({
    service: z.enum(serviceIds),
    tier: z.enum(["likely", "possible", "insufficient_data"]),
    score: z.number().int().min(0).max(100),
    reasons: z.array(z.string()),
    missing: z.array(z.string()).optional(),
    nextSteps: z.array(z.string()).optional(),
  })),
  urgent: z.array(z.object({ code: z.enum(urgentCodes), message: z.string() })),
  /** "What would change it": at most 3 services one threshold away, nearest first, each said in one sentence. */
  nearMisses: z.array(z.object({ service: z.enum(serviceIds), message: z.string() })).optional(),
  loans: z.array(z.object({
    index: z.number().int(),
    /** By §6's simple formula, as are the two flags. */
    aprPct: z.number(),
    overLegalCap: z.boolean(),
    wholeContractVoid: z.boolean(),
    /** Only for a loan repaid in daily or weekly instalments (일수). */
    instalment: z.enum(instalmentValues).optional(),
    /** Only for an instalment loan: each method's figures, named, simple first. */
    aprByMethod: z.array(methodAprSchema).optional(),
  })).optional(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const serviceSchema = z.object({
  id: z.enum(serviceIds), name: z.string(), provider: z.string(), specialty: z.enum(specialtyValues), description: z.string(),
});
