import { z } from "zod";

/** Largest amount of money we accept: 1조 won; anything above is a typo, not a debt. */
export const MAX_KRW = 1_000_000_000_000;

const krw = z.number().int().min(0).max(MAX_KRW);
const isoDate = z.iso.date();

export const employmentValues = [
  "employed", "self_employed", "daily_worker", "unemployed", "retired", "student", "homemaker", "other",
] as const;
export const welfareStatusValues = ["none", "basic_livelihood", "near_poverty", "single_parent"] as const;
export const crisisEventValues = [
  "job_loss", "business_closure", "serious_illness", "hospital_3_months", "death_of_earner",
  "domestic_violence", "disaster", "other",
] as const;
export const creditorTypeValues = [
  "bank", "card", "capital", "savings_bank", "insurance", "mutual_finance", "registered_lender",
  "unregistered_lender", "private_person", "public_or_tax", "other",
] as const;

/** A resident already in a debt procedure: court rehabilitation, bankruptcy, or a CCRS workout. */
export const currentProcedureValues = ["court_rehabilitation", "court_bankruptcy", "ccrs_workout", "none"] as const;
/** How an instalment (일수) loan is repaid: one equal payment a day, or one a week. */
export const instalmentValues = ["daily", "weekly"] as const;

const loanFields = {
  receivedKrw: krw.min(1),
  repayKrw: krw,
  days: z.number().int().min(1).max(36_500),
};
/**
 * One loan: `repayKrw` is everything repaid over `days`. With `instalment`, it is repaid in equal
 * daily or weekly payments over those days (일수), and its rate is also computed on the declining
 * balance; without it, it is repaid at the end.
 */
export const illegalLoanSchema = z.strictObject({ ...loanFields, contractDate: isoDate.optional(), instalment: z.enum(instalmentValues).optional() });
export type IllegalLoan = z.infer<typeof illegalLoanSchema>;

const creditScoreFields = { bureau: z.enum(["NICE", "KCB"]), score: z.number().int().min(0).max(1000) };

function caseFactsShape<L extends z.ZodType, C extends z.ZodType>(loan: L, creditScore: C) {
  return z.strictObject({
    householdSize: z.number().int().min(1).max(10).optional(),
    monthlyIncomeKrw: krw.optional(),
    annualIncomeKrw: krw.optional(),
    employment: z.enum(employmentValues).optional(),
    employedMonths: z.number().int().min(0).max(1200).optional(),
    age: z.number().int().min(0).max(130).optional(),
    gyeonggiResident: z.boolean().optional(),
    welfareStatus: z.enum(welfareStatusValues).optional(),
    severeDisability: z.boolean().optional(),
    crisisEvents: z.array(z.enum(crisisEventValues)).max(crisisEventValues.length).optional(),
    totalDebtKrw: krw.optional(),
    securedDebtKrw: krw.optional(),
    overdueDays: z.number().int().min(0).max(36_500).optional(),
    atRiskOfDefault: z.boolean().optional(),
    creditorTypes: z.array(z.enum(creditorTypeValues)).max(creditorTypeValues.length).optional(),
    newDebtLast6MonthsKrw: krw.optional(),
    creditScore: creditScore.optional(),
    smallBusiness: z.strictObject({
      operatedBetween2020And2025: z.boolean().optional(),
      closed: z.boolean().optional(),
    }).optional(),
    priorDischarge: z.strictObject({
      bankruptcyWithin7Years: z.boolean().optional(),
      rehabilitationWithin5Years: z.boolean().optional(),
    }).optional(),
    canCoverLivingCosts: z.boolean().optional(),
    /** Already in a procedure; untold counts as none, so older clients keep their results. */
    currentProcedure: z.enum(currentProcedureValues).optional(),
    illegalLending: z.strictObject({
      lenderRegistered: z.enum(["yes", "no", "unknown"]).optional(),
      loans: z.array(loan).max(20).optional(),
      threats: z.boolean().optional(),
      sexualImages: z.boolean().optional(),
      contactsTaken: z.boolean().optional(),
      familyOrWorkContacted: z.boolean().optional(),
      nightContacts: z.boolean().optional(),
      contactsLast7Days: z.number().int().min(0).max(10_000).optional(),
    }).optional(),
    urgentCashKrw: krw.optional(),
    wantsJobHelp: z.boolean().optional(),
    selfHarmRisk: z.boolean().optional(),
  });
}

/**
 * What a resident has told us (CONTRACT.md "Case facts"). Every field is optional: a missing
 * field is unknown, never false. Unknown fields are rejected.
 */
export const caseFactsSchema = caseFactsShape(illegalLoanSchema, z.strictObject(creditScoreFields));
export type CaseFacts = z.infer<typeof caseFactsSchema>;

/**
 * Facts while a conversation is under way: the same fields, but a loan or a credit score may be
 * half-told (the cash received is asked before the amount to repay). Only complete parts reach
 * the scorer (see bot/conversation/complete-facts.ts).
 */
export const draftFactsSchema = caseFactsShape(illegalLoanSchema.partial(), z.strictObject(creditScoreFields).partial());
export type DraftFacts = z.infer<typeof draftFactsSchema>;
