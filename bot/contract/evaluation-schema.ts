import { z } from "zod";
import { serviceIds, specialtyValues, urgentCodes } from "../../flows/schema/catalog";

/** The contract's Evaluation, as sent to clients (reasons already in the request's language). */
export const evaluationSchema = z.object({
  asOf: z.iso.date(),
  rulesVersion: z.string(),
  recommendations: z.array(z.object({
    service: z.enum(serviceIds),
    tier: z.enum(["likely", "possible", "insufficient_data"]),
    score: z.number().int().min(0).max(100),
    reasons: z.array(z.string()),
    missing: z.array(z.string()).optional(),
    nextSteps: z.array(z.string()).optional(),
  })),
  urgent: z.array(z.object({ code: z.enum(urgentCodes), message: z.string() })),
  loans: z.array(z.object({ index: z.number().int(), aprPct: z.number(), overLegalCap: z.boolean(), wholeContractVoid: z.boolean() })).optional(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const serviceSchema = z.object({
  id: z.enum(serviceIds), name: z.string(), provider: z.string(), specialty: z.enum(specialtyValues), description: z.string(),
});
