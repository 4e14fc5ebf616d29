import type { Condition } from "../../flows/schema/condition";
import { computeLoanApr, RATE_CAP_PARAM, WHOLE_CONTRACT_VOID_PARAM } from "./compute-loan-apr";
import type { LoanApr } from "./compute-loan-apr";
import type { DeriveInput, DerivedFactSpec } from "./derived-fact-spec";
import { numberParam } from "./param-as-of";

/** An unregistered lender may charge this much interest (0%: the agreement is void), from 2025-07-22. */
export const UNREGISTERED_INTEREST_PARAM = "lending.unregistered_interest_pct";

/** A fact that counts only when told and true: silence is "not reported", never "unknown". */
const told = (condition: Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown }>): Condition =>
  ({ all: [{ fact: condition.fact, op: "known" }, condition] });

/** Derived facts about illegal loans and collection (domain-ko.md §6, §7 rules 9–12). */
export const lendingDerivedFacts = {
  anyLoanOverLegalCap: {
    dependsOn: ["illegalLending.loans"], params: [], contractParams: [RATE_CAP_PARAM],
    compute: (input) => {
      const loans = loansOf(input);
      return loans === undefined ? undefined : loans.some((l) => l.overLegalCap);
    },
  },
  /** A whole loan contract is void: over 60% a year, or sexual images, threats or violence. */
  anyLoanContractVoid: {
    dependsOn: ["illegalLending.loans", "illegalLending.sexualImages", "illegalLending.threats"], params: [], contractParams: [WHOLE_CONTRACT_VOID_PARAM],
    compute: anyLoanContractVoid,
  },
  /** The highest annual rate among the loans (simple formula), one decimal, for reasons. */
  maxLoanAprPct: {
    dependsOn: ["illegalLending.loans"], params: [],
    compute: (input) => {
      const loans = loansOf(input);
      return loans?.length ? Math.max(...loans.map((l) => l.aprPct)) : undefined;
    },
  },
  /** An instalment (일수) loan is over the legal cap when its rate is taken on the declining balance. */
  anyLoanOverCapOnDecliningBalance: {
    dependsOn: ["illegalLending.loans"], params: [], contractParams: [RATE_CAP_PARAM],
    compute: (input) => {
      const loans = loansOf(input);
      return loans === undefined ? undefined : loans.some((l) => decliningBalance(l)?.overLegalCap === true);
    },
  },
  /** The highest declining-balance rate among instalment loans, one decimal, for reasons. */
  maxDecliningBalanceAprPct: {
    dependsOn: ["illegalLending.loans"], params: [],
    compute: (input) => {
      const rates = (loansOf(input) ?? []).flatMap((l) => decliningBalance(l)?.aprPct ?? []);
      return rates.length ? Math.max(...rates) : undefined;
    },
  },
  /**
   * What is owed, as one statement: the whole contract is void (nothing owed, §7 rule 10); the
   * lender is unregistered, so no interest at all and the principal only (§7 rule 9, from
   * 2025-07-22); interest above the cap is void and refundable (§7 rule 10); or none of these.
   * The first that holds wins, so the card never says two of them.
   */
  illegalLoanOutcome: {
    dependsOn: ["illegalLending.loans", "illegalLending.sexualImages", "illegalLending.threats", "illegalLending.lenderRegistered", "creditorTypes"],
    params: [], contractParams: [RATE_CAP_PARAM, WHOLE_CONTRACT_VOID_PARAM],
    compute: (input) => {
      const contractVoid = anyLoanContractVoid(input);
      if (contractVoid === true) return "void";
      const { facts, param } = input;
      const unregistered = facts.illegalLending?.lenderRegistered === "no" || facts.creditorTypes?.includes("unregistered_lender") === true;
      if (unregistered && numberParam(param, UNREGISTERED_INTEREST_PARAM) !== undefined) return "no_interest";
      const loans = loansOf(input);
      if (loans?.some((l) => l.overLegalCap)) return "excess_interest_void";
      return contractVoid === undefined || loans === undefined ? undefined : "none";
    },
  },
  /**
   * An illegal-lending case under way: an unregistered lender, a loan over the legal cap or void,
   * threats, sexual-image extortion, or a lender that took the contact list. Only what was told
   * counts (silence is no case), so it is never unknown.
   */
  activeIllegalLendingCase: {
    condition: {
      any: [
        told({ fact: "illegalLending.lenderRegistered", op: "eq", value: "no" }),
        told({ fact: "creditorTypes", op: "includes", value: "unregistered_lender" }),
        told({ fact: "anyLoanOverLegalCap", op: "eq", value: true }),
        told({ fact: "anyLoanContractVoid", op: "eq", value: true }),
        told({ fact: "illegalLending.threats", op: "eq", value: true }),
        told({ fact: "illegalLending.sexualImages", op: "eq", value: true }),
        told({ fact: "illegalLending.contactsTaken", op: "eq", value: true }),
      ],
    },
  },
} satisfies Record<string, DerivedFactSpec>;

function loansOf({ facts, parameters, asOf }: DeriveInput): LoanApr[] | undefined {
  const loans = facts.illegalLending?.loans;
  return loans === undefined ? undefined : computeLoanApr(loans, parameters, { asOf, abusive: false });
}

function decliningBalance(loan: LoanApr) {
  return loan.aprByMethod?.find((m) => m.method === "declining_balance");
}

function anyLoanContractVoid({ facts, param, parameters, asOf }: DeriveInput): boolean | undefined {
  const lending = facts.illegalLending;
  const abuse = kleeneOr(lending?.sexualImages, lending?.threats);
  const listed = lending?.loans ?? [];
  if (computeLoanApr(listed, parameters, { asOf, abusive: false }).some((l) => l.wholeContractVoid)) return true;
  // With no loan listed, an abusive lender's contract counts as made on asOf (see computeLoanApr).
  const voidIfAbusive = listed.length
    ? computeLoanApr(listed, parameters, { asOf, abusive: true }).some((l) => l.wholeContractVoid)
    : numberParam(param, WHOLE_CONTRACT_VOID_PARAM) !== undefined;
  if (abuse === true) return voidIfAbusive;
  if (lending?.loans === undefined) return undefined;
  return abuse === false || !voidIfAbusive ? false : undefined;
}

function kleeneOr(...values: Array<boolean | undefined>): boolean | undefined {
  if (values.includes(true)) return true;
  return values.includes(undefined) ? undefined : false;
}
