import fc from "fast-check";
import {
  computeDecliningBalanceApr, decliningBalanceExceeds, presentValue, toInstalmentSchedule,
} from "../../../bot/eligibility/compute-declining-balance-apr";
import type { IllegalLoan } from "../../../flows/schema/case-facts";

describe("computeDecliningBalanceApr", () => {
  it.each([
    // Worked by hand: one payment is a loan repaid at the end, so the rate equals the simple one.
    ["one daily payment: 1,000 → 1,001 after 1 day (r = 0.1%/day)", 36.5, { receivedKrw: 1_000, repayKrw: 1_001, days: 1, instalment: "daily" }],
    // Two payments P at r: P/(1+r) + P/(1+r)² = R. With r = 1%/day and P = 1,020,100: R = 2,010,000.
    ["two daily payments of 1,020,100 for 2,010,000 (r = 1%/day)", 365, { receivedKrw: 2_010_000, repayKrw: 2_040_200, days: 2, instalment: "daily" }],
    // r = 10%/week: P (10/11 + 100/121) = P × 210/121; P = 1,210,000 gives R = 2,100,000. 10% × 365/7 = 521.43%.
    ["two weekly payments of 1,210,000 for 2,100,000 (r = 10%/week)", 521.4285714, { receivedKrw: 2_100_000, repayKrw: 2_420_000, days: 14, instalment: "weekly" }],
    // A typical 일수: 100만 received, 13,000 a day for 100 days (checked with a 60-digit decimal bisection).
    ["100 daily payments of 13,000 for 1,000,000", 199.0559228, { receivedKrw: 1_000_000, repayKrw: 1_300_000, days: 100, instalment: "daily" }],
    ["100 daily payments of 10,400 for 1,000,000", 28.5427877, { receivedKrw: 1_000_000, repayKrw: 1_040_000, days: 100, instalment: "daily" }],
    ["10 weekly payments of 120,000 for 1,000,000", 180.4223053, { receivedKrw: 1_000_000, repayKrw: 1_200_000, days: 70, instalment: "weekly" }],
    ["nothing more than received is repaid", 0, { receivedKrw: 500_000, repayKrw: 500_000, days: 50, instalment: "daily" }],
  ] as const)("when %s, then the declining-balance rate is %d%% a year", (_what, aprPct, loan: IllegalLoan) => {
    expect(computeDecliningBalanceApr(loan)).toBeCloseTo(aprPct, 6);
  });

  it("when a loan is repaid at the end, then there is no declining-balance rate", () => {
    expect(computeDecliningBalanceApr({ receivedKrw: 1_000_000, repayKrw: 1_300_000, days: 100 })).toBeUndefined();
    expect(decliningBalanceExceeds({ receivedKrw: 1_000_000, repayKrw: 1_300_000, days: 100 }, 20)).toBe(false);
  });

  it("when less is repaid than received, then the rate is negative", () => {
    expect(computeDecliningBalanceApr({ receivedKrw: 1_000_000, repayKrw: 900_000, days: 10, instalment: "daily" })).toBeLessThan(0);
  });

  it("when weeks do not divide the days, then the payments are rounded to whole weeks, at least one", () => {
    expect(toInstalmentSchedule({ receivedKrw: 1, repayKrw: 100, days: 100, instalment: "weekly" })).toEqual({ instalments: 14, paymentKrw: 100 / 14, periodDays: 7 });
    expect(toInstalmentSchedule({ receivedKrw: 1, repayKrw: 100, days: 3, instalment: "weekly" })).toEqual({ instalments: 1, paymentKrw: 100, periodDays: 7 });
  });

  it("when the rate is compared with a cap, then it is over exactly when the solved rate is", () => {
    const loan: IllegalLoan = { receivedKrw: 1_000_000, repayKrw: 1_040_000, days: 100, instalment: "daily" };
    expect(decliningBalanceExceeds(loan, 20)).toBe(true);
    expect(decliningBalanceExceeds(loan, 28.5)).toBe(true);
    expect(decliningBalanceExceeds(loan, 28.6)).toBe(false);
  });

  it("when any periodic rate builds a schedule, then solving it gives that rate back", () => {
    const arb = fc.record({
      instalments: fc.integer({ min: 1, max: 365 }),
      paymentKrw: fc.integer({ min: 1_000, max: 1_000_000 }),
      ratePerMille: fc.integer({ min: 0, max: 200 }),
      instalment: fc.constantFrom("daily" as const, "weekly" as const),
    });
    fc.assert(fc.property(arb, ({ instalments, paymentKrw, ratePerMille, instalment }) => {
      const periodDays = instalment === "daily" ? 1 : 7;
      const rate = ratePerMille / 1000;
      const receivedKrw = presentValue({ instalments, paymentKrw, periodDays }, rate);
      const loan = { receivedKrw, repayKrw: paymentKrw * instalments, days: instalments * periodDays, instalment };
      expect(computeDecliningBalanceApr(loan)).toBeCloseTo(rate * (365 / periodDays) * 100, 6);
    }));
  });

  it("when the same loan is rated on the declining balance, then it is never below the simple rate", () => {
    const arb = fc.record({ receivedKrw: fc.integer({ min: 10_000, max: 10_000_000 }), extraPct: fc.integer({ min: 0, max: 300 }), days: fc.integer({ min: 1, max: 365 }) });
    fc.assert(fc.property(arb, ({ receivedKrw, extraPct, days }) => {
      const repayKrw = Math.round(receivedKrw * (1 + extraPct / 100));
      const simple = ((repayKrw - receivedKrw) / receivedKrw) * (365 / days) * 100;
      expect(computeDecliningBalanceApr({ receivedKrw, repayKrw, days, instalment: "daily" })).toBeGreaterThanOrEqual(simple - 1e-6);
    }));
  });
});
