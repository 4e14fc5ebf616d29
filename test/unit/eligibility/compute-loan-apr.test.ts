import fc from "fast-check";
import { computeLoanApr, rateExceeds } from "../../../bot/eligibility/compute-loan-apr";
import type { IllegalLoan } from "../../../flows/schema/case-facts";
import type { Parameter } from "../../../flows/schema/rules";

const parameters: Parameter[] = [
  { id: "lending.rate_cap_pct", description: "cap", unit: "pct", source: "test", confirmed: true, values: [{ effectiveFrom: "2021-07-07", value: 20 }] },
  { id: "lending.whole_contract_void_rate_pct", description: "void", unit: "pct", source: "test", confirmed: true, values: [{ effectiveFrom: "2025-07-22", value: 60 }] },
];
const asOf = "2026-03-01";
const one = (loan: IllegalLoan, options: { asOf?: string; abusive?: boolean } = {}) =>
  computeLoanApr([loan], parameters, { asOf: options.asOf ?? asOf, abusive: options.abusive ?? false })[0];

describe("computeLoanApr", () => {
  it("when 800,000 is received and 1,000,000 repaid after 7 days, then the rate is 1303.6%", () => {
    expect(one({ receivedKrw: 800_000, repayKrw: 1_000_000, days: 7 })).toEqual({ index: 0, aprPct: 1303.6, overLegalCap: true, wholeContractVoid: true });
  });

  it("when 500,000 is received and 700,000 repaid after 30 days, then the rate is 486.7%", () => {
    expect(one({ receivedKrw: 500_000, repayKrw: 700_000, days: 30 })?.aprPct).toBe(486.7);
  });

  it("when 300,000 is received and 500,000 repaid after 7 days, then the rate is about 3476%", () => {
    expect(one({ receivedKrw: 300_000, repayKrw: 500_000, days: 7 })?.aprPct).toBe(3476.2);
  });

  it("when the rate is exactly 20%, then it is not over the cap; one won more is", () => {
    expect(one({ receivedKrw: 365_000, repayKrw: 438_000, days: 365, contractDate: "2024-01-01" })?.overLegalCap).toBe(false);
    expect(one({ receivedKrw: 365_000, repayKrw: 438_001, days: 365, contractDate: "2024-01-01" })?.overLegalCap).toBe(true);
  });

  it("when §6's legal maximum repayment for 800,000 over 7 days (803,068) is repaid, then it is within the cap", () => {
    expect(one({ receivedKrw: 800_000, repayKrw: 803_068, days: 7 })?.overLegalCap).toBe(false);
    expect(one({ receivedKrw: 800_000, repayKrw: 803_069, days: 7 })?.overLegalCap).toBe(true);
  });

  it("when §6's void line for 800,000 over 7 days (809,205) is repaid, then the contract stands; above it, it is void", () => {
    expect(one({ receivedKrw: 800_000, repayKrw: 809_205, days: 7 })?.wholeContractVoid).toBe(false);
    expect(one({ receivedKrw: 800_000, repayKrw: 809_206, days: 7 })?.wholeContractVoid).toBe(true);
  });

  it("when the rate is exactly 60% on a 2025-08 contract, then it is not void; one won more is", () => {
    expect(one({ receivedKrw: 365_000, repayKrw: 584_000, days: 365, contractDate: "2025-08-01" })?.wholeContractVoid).toBe(false);
    expect(one({ receivedKrw: 365_000, repayKrw: 584_001, days: 365, contractDate: "2025-08-01" })?.wholeContractVoid).toBe(true);
  });

  it("when contracts straddle 2021-07-07 and 2025-07-22, then each rule governs only contracts from its date", () => {
    const loan = (contractDate: string) => ({ receivedKrw: 365_000, repayKrw: 730_000, days: 365, contractDate });
    const results = computeLoanApr(["2021-07-06", "2021-07-07", "2025-07-21", "2025-07-22"].map(loan), parameters, { asOf, abusive: false });
    expect(results.map((r) => [r.index, r.overLegalCap, r.wholeContractVoid])).toEqual([[0, false, false], [1, true, false], [2, true, false], [3, true, true]]);
  });

  it("when the contract date is missing, then the loan counts as made on asOf", () => {
    const loan = { receivedKrw: 800_000, repayKrw: 1_000_000, days: 7 };
    expect(one(loan, { asOf: "2025-07-21" })?.wholeContractVoid).toBe(false);
    expect(one(loan, { asOf: "2025-07-22" })?.wholeContractVoid).toBe(true);
  });

  it("when a contract date lies after asOf, then rules newer than asOf are not applied", () => {
    expect(one({ receivedKrw: 365_000, repayKrw: 730_000, days: 365, contractDate: "2025-08-01" }, { asOf: "2025-07-01" })?.wholeContractVoid).toBe(false);
  });

  it("when the lender was abusive, then a contract under the void rule is void whatever its rate", () => {
    const legalRate = { receivedKrw: 365_000, repayKrw: 401_500, days: 365 };
    expect(one({ ...legalRate, contractDate: "2025-08-01" }, { abusive: true })).toEqual({ index: 0, aprPct: 10, overLegalCap: false, wholeContractVoid: true });
    expect(one({ ...legalRate, contractDate: "2024-08-01" }, { abusive: true })?.wholeContractVoid).toBe(false);
  });

  it("when less is repaid than received, then the rate is negative and nothing is over a cap", () => {
    expect(one({ receivedKrw: 1_000_000, repayKrw: 900_000, days: 10 })).toEqual({ index: 0, aprPct: -365, overLegalCap: false, wholeContractVoid: false });
  });

  it("when amounts are near the largest allowed, then the arithmetic stays exact", () => {
    const huge = { receivedKrw: 900_000_000_000, repayKrw: 1_000_000_000_000, days: 36_500 };
    expect(one(huge)?.aprPct).toBe(0.1);
    expect(rateExceeds(huge, 0.111)).toBe(true);
    expect(rateExceeds(huge, 0.1112)).toBe(false);
  });

  it("when any loan is checked, then 'over the cap' means repaying more than R × (1 + 0.20 × days / 365)", () => {
    const loanArb = fc.record({ receivedKrw: fc.integer({ min: 1, max: 100_000_000 }), extra: fc.integer({ min: 0, max: 100_000_000 }), days: fc.integer({ min: 1, max: 36_500 }) });
    fc.assert(fc.property(loanArb, ({ receivedKrw, extra, days }) => {
      const repayKrw = receivedKrw + extra;
      const over = one({ receivedKrw, repayKrw, days, contractDate: "2024-01-01" })?.overLegalCap;
      // 365 × T > R × (365 + 0.2 × days)  ⇔  1825 × (T − R) > R × days
      expect(over).toBe(1825 * extra > receivedKrw * days);
    }));
  });

  it("when a loan is repaid in daily instalments, then both methods are named and the simple figures stay on top", () => {
    const loan: IllegalLoan = { receivedKrw: 1_000_000, repayKrw: 1_040_000, days: 100, instalment: "daily", contractDate: "2025-09-01" };
    expect(one(loan)).toEqual({
      index: 0, aprPct: 14.6, overLegalCap: false, wholeContractVoid: false, instalment: "daily",
      aprByMethod: [
        { method: "simple", aprPct: 14.6, overLegalCap: false, wholeContractVoid: false },
        { method: "declining_balance", aprPct: 28.5, overLegalCap: true, wholeContractVoid: false },
      ],
    });
  });

  it("when a weekly instalment loan is checked, then its declining-balance rate has its own cap and void checks", () => {
    const loan: IllegalLoan = { receivedKrw: 1_000_000, repayKrw: 1_200_000, days: 70, instalment: "weekly", contractDate: "2025-09-01" };
    expect(one(loan)?.aprByMethod).toEqual([
      { method: "simple", aprPct: 104.3, overLegalCap: true, wholeContractVoid: true },
      { method: "declining_balance", aprPct: 180.4, overLegalCap: true, wholeContractVoid: true },
    ]);
    expect(one({ ...loan, contractDate: "2024-09-01" })?.aprByMethod?.map((m) => m.wholeContractVoid)).toEqual([false, false]);
  });

  it("when an ordinary loan is checked, then its result has exactly the four contract fields as before", () => {
    expect(Object.keys(one({ receivedKrw: 800_000, repayKrw: 1_000_000, days: 7 }) ?? {}).sort()).toEqual(["aprPct", "index", "overLegalCap", "wholeContractVoid"]);
  });

  it("when the rule set has no cap parameters, then no loan is reported over a cap", () => {
    expect(computeLoanApr([{ receivedKrw: 1, repayKrw: 100, days: 1 }], [], { asOf, abusive: true })).toEqual([
      { index: 0, aprPct: 3613500, overLegalCap: false, wholeContractVoid: false },
    ]);
  });
});
