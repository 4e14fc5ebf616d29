import { z } from "zod";
import type { Intake } from "../../bot/intake/intake-ports";
import { draftFactsSchema, instalmentValues } from "../../flows/schema/case-facts";
import { serviceIds, urgentCodes } from "../../flows/schema/catalog";
import type { Sealer } from "../security/personal-data-cipher";
import type { CorruptRecordReporter } from "./parse-stored-record";
import { parseStoredRecord } from "./parse-stored-record";

/** Question ids, as a session state lists them. */
const nodeIds = z.array(z.string().min(1).max(100)).max(200);
const instant = z.union([z.iso.datetime({ offset: true, precision: -1 }), z.iso.datetime({ offset: true })]);
const msgSchema = z.strictObject({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
const methodAprSchema = z.strictObject({ method: z.enum(["simple", "declining_balance"]), aprPct: z.number(), overLegalCap: z.boolean(), wholeContractVoid: z.boolean() });
const loanSchema = z.strictObject({
  index: z.number().int(), aprPct: z.number(), overLegalCap: z.boolean(), wholeContractVoid: z.boolean(),
  instalment: z.enum(instalmentValues).optional(), aprByMethod: z.array(methodAprSchema).optional(),
});

const evaluationCoreSchema = z.strictObject({
  asOf: z.iso.date(),
  rulesVersion: z.string(),
  recommendations: z.array(z.strictObject({
    service: z.enum(serviceIds),
    tier: z.enum(["likely", "possible", "insufficient_data"]),
    score: z.number(),
    reasons: z.array(msgSchema),
    missing: z.array(z.string()),
    nextSteps: z.array(msgSchema),
    ruleIds: z.array(z.string()),
  })),
  urgent: z.array(z.strictObject({ code: z.enum(urgentCodes), message: msgSchema })),
  loans: z.array(loanSchema).optional(),
});

export const storedIntakeSchema: z.ZodType<Intake> = z.strictObject({
  id: z.string().min(1).max(64),
  sessionRef: z.string().min(1).max(200),
  channel: z.enum(["web", "kakao", "botpress"]),
  lang: z.enum(["ko", "en"]),
  createdAt: instant,
  completedAt: instant,
  flowId: z.string(),
  flowVersion: z.number().int(),
  answers: z.array(z.strictObject({
    nodeId: z.string(), questionKey: z.string(), value: z.json(), source: z.literal("self_reported"),
    range: z.strictObject({
      min: z.number().int().min(0), max: z.number().int().min(0).nullable(),
      label: z.strictObject({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
    }).optional(),
  })),
  unknown: nodeIds.optional(),
  skipped: nodeIds.optional(),
  later: nodeIds.optional(),
  corrections: z.array(z.strictObject({
    nodeId: z.string(), value: z.json(), by: z.string(), at: instant, note: z.string().optional(), source: z.literal("staff_verified"),
  })),
  facts: draftFactsSchema,
  evaluation: evaluationCoreSchema,
  urgent: z.array(z.enum(urgentCodes)),
  loans: z.array(loanSchema),
  bookingCode: z.string().optional(),
  appointmentStart: instant.optional(),
  notes: z.array(z.strictObject({ by: z.string(), at: instant, text: z.string() })),
  /** Optional: records sealed before the flags existed have none and still read. */
  counted: z.strictObject({ booked: z.literal(true).optional(), attended: z.literal(true).optional() }).optional(),
  deleteAfter: instant,
});

/** The whole intake as one sealed string: answers, notes and corrections may hold anything personal. */
export function sealIntake(sealer: Sealer, intake: Intake): string {
  return sealer.seal(JSON.stringify(intake));
}

/** Opens and parses a sealed intake; undefined (and a report, key only) when it does not open or parse. */
export function openIntake(sealer: Sealer, sealed: string, store: string, key: string, report: CorruptRecordReporter): Intake | undefined {
  let text: string;
  try {
    text = sealer.open(sealed);
  } catch {
    report({ store, key, issues: 1 });
    return undefined;
  }
  return parseStoredRecord(storedIntakeSchema, text, { store, key }, report);
}
