import { z } from "zod";
import type { IllegalLoan } from "../../flows/schema/case-facts";
import { instalmentValues } from "../../flows/schema/case-facts";
import type { Parameter } from "../../flows/schema/rules";
import { computeDecliningBalanceApr, decliningBalanceExceeds } from "./compute-declining-balance-apr";
import { paramAsOf } from "./param-as-of";

/** The interest cap (대부업법 8조, 이자제한법 2조), dated by the contracts it governs. */
export const RATE_CAP_PARAM = "lending.rate_cap_pct";
/** The whole-contract-void rule (대부업법 8조의2), dated by the contracts it governs. */
export const WHOLE_CONTRACT_VOID_PARAM = "lending.whole_contract_void_rate_pct";

/** How a rate was computed: §6's simple formula, or the declining balance of an instalment loan. */
export const methodAprSchema = z.strictObject({ method: z.enum(["simple", "declining_balance"]), aprPct: z.number(), overLegalCap: z.boolean(), wholeContractVoid: z.boolean() });
export type MethodApr = z.infer<typeof methodAprSchema>;
export type AprMethod = MethodApr["method"];

/**
 * One loan's rate and cap checks. `aprPct` and its flags always come from §6's simple formula. An
 * instalment (일수) loan also names its repayment and lists each method's figures, simple first.
 */
export const loanAprSchema = z.strictObject({
  index: z.number().int(),
  aprPct: z.number(),
  overLegalCap: z.boolean(),
  wholeContractVoid: z.boolean(),
  instalment: z.enum(instalmentValues).optional(),
  aprByMethod: z.array(methodAprSchema).optional(),
});
export type LoanApr = z.infer<typeof loanAprSchema>;

export type LoanAprOptions = {
  /** The evaluation date; also the contract date of a loan that does not give one. */
  asOf: string;
  /** Sexual images demanded or used, threats or violence: a ground for voiding the whole contract. */
  abusive: boolean;
};

/**
 * The annualised rate of each loan (domain-ko.md §6): APR% = (T − R) / R × 365 / days × 100, with
 * R the cash actually received (선이자 and fees already taken off) and T everything repaid.
 * `index` is the loan's position in the list (0-based). `aprPct` is rounded half-up to one decimal
 * for display; the cap comparisons use exact integer arithmetic, so a rate of exactly the cap is
 * not over it.
 *
 * Each cap applies as it stood on the contract date (the law governs contracts made from its
 * in-force date), but never a rule newer than `asOf`. A loan without a contractDate is treated as
 * made on `asOf`: residents mostly ask about loans they are repaying now, and this applies the
 * newest rules, which a counsellor then confirms against the contract.
 *
 * An instalment loan repays principal as it goes, so the simple formula understates its rate; the
 * declining-balance figures are reported beside it (§6 calls the formula "a screen only" for 일수
 * loans and the regulators' method [U]), and the top-level flags stay on the simple formula.
 */
export function computeLoanApr(loans: readonly IllegalLoan[], parameters: readonly Parameter[], options: LoanAprOptions): LoanApr[] {
  const cap = parameters.find((p) => p.id === RATE_CAP_PARAM);
  const voidRule = parameters.find((p) => p.id === WHOLE_CONTRACT_VOID_PARAM);
  return loans.map((loan, index) => {
    const contractDate = loan.contractDate ?? options.asOf;
    const lawDate = contractDate < options.asOf ? contractDate : options.asOf;
    const capPct = cap ? paramAsOf(cap, lawDate) : undefined;
    const voidPct = voidRule ? paramAsOf(voidRule, lawDate) : undefined;
    const checks = (exceeds: (pct: number) => boolean) => ({
      overLegalCap: typeof capPct === "number" && exceeds(capPct),
      wholeContractVoid: typeof voidPct === "number" && (options.abusive || exceeds(voidPct)),
    });
    const simple: MethodApr = { method: "simple", aprPct: aprTenths(loan) / 10, ...checks((pct) => rateExceeds(loan, pct)) };
    const declining = computeDecliningBalanceApr(loan);
    const result: LoanApr = { index, aprPct: simple.aprPct, overLegalCap: simple.overLegalCap, wholeContractVoid: simple.wholeContractVoid };
    if (declining === undefined || loan.instalment === undefined) return result;
    const byDecliningBalance: MethodApr = { method: "declining_balance", aprPct: roundTenth(declining), ...checks((pct) => decliningBalanceExceeds(loan, pct)) };
    return { ...result, instalment: loan.instalment, aprByMethod: [simple, byDecliningBalance] };
  });
}

/** Half away from zero, to one decimal, for display. */
function roundTenth(pct: number): number {
  return (Math.sign(pct) * Math.round(Math.abs(pct) * 10)) / 10;
}

/** True when the loan's annual rate is strictly above `pct` percent, decided without rounding. */
export function rateExceeds(loan: IllegalLoan, pct: number): boolean {
  const scale = 10_000n;
  const interest = BigInt(loan.repayKrw) - BigInt(loan.receivedKrw);
  const lhs = interest * 365n * 100n * scale;
  const rhs = BigInt(Math.round(pct * 10_000)) * BigInt(loan.receivedKrw) * BigInt(loan.days);
  return lhs > rhs;
}

/** APR in tenths of a percent, rounded half away from zero. */
function aprTenths(loan: IllegalLoan): number {
  const numerator = (BigInt(loan.repayKrw) - BigInt(loan.receivedKrw)) * 365n * 1000n;
  const denominator = BigInt(loan.receivedKrw) * BigInt(loan.days);
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return Number(numerator < 0n ? -rounded : rounded);
}
