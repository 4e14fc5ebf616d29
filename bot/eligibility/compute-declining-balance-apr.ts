import type { IllegalLoan } from "../../flows/schema/case-facts";

type Instalment = NonNullable<IllegalLoan["instalment"]>;

/** Days between two payments of an instalment loan. */
const PERIOD_DAYS: Record<Instalment, number> = { daily: 1, weekly: 7 };
const BISECTION_STEPS = 200;

/** An instalment loan's schedule: equal payments, the first one period after the cash is received. */
export type InstalmentSchedule = { instalments: number; paymentKrw: number; periodDays: number };

/**
 * The schedule of an instalment (일수) loan: `repayKrw` in equal payments over `days`, one a day or
 * one a week (weeks rounded to the nearest whole number, at least one). Undefined for a loan repaid
 * at the end.
 */
export function toInstalmentSchedule(loan: IllegalLoan): InstalmentSchedule | undefined {
  if (!loan.instalment) return undefined;
  const periodDays = PERIOD_DAYS[loan.instalment];
  const instalments = Math.max(1, Math.round(loan.days / periodDays));
  return { instalments, paymentKrw: loan.repayKrw / instalments, periodDays };
}

/**
 * The annual rate of an instalment loan on the declining balance: the rate per period r that makes
 * the present value of the equal payments equal the cash received, found by bisection, and
 * annualised simply (r × periods a year), as domain-ko.md §6 converts daily and monthly rates.
 * Pure and deterministic: a fixed number of halvings. Undefined for a loan repaid at the end.
 */
export function computeDecliningBalanceApr(loan: IllegalLoan): number | undefined {
  const schedule = toInstalmentSchedule(loan);
  if (!schedule) return undefined;
  const rate = solvePeriodRate(schedule, loan.receivedKrw, loan.repayKrw);
  return rate * (365 / schedule.periodDays) * 100;
}

/**
 * True when the declining-balance rate is strictly above `pct` a year: the payments, discounted at
 * `pct`, are worth more than the cash received (present value falls as the rate rises).
 */
export function decliningBalanceExceeds(loan: IllegalLoan, pct: number): boolean {
  const schedule = toInstalmentSchedule(loan);
  if (!schedule) return false;
  return presentValue(schedule, (pct / 100) * (schedule.periodDays / 365)) > loan.receivedKrw;
}

/** Present value of the schedule's payments at `rate` per period (r > −1). */
export function presentValue({ instalments, paymentKrw }: InstalmentSchedule, rate: number): number {
  if (rate === 0) return paymentKrw * instalments;
  return (paymentKrw * (1 - (1 + rate) ** -instalments)) / rate;
}

/** The total repaid is compared as given, not as payment × count, so "nothing extra" is exactly 0. */
function solvePeriodRate(schedule: InstalmentSchedule, receivedKrw: number, totalKrw: number): number {
  if (totalKrw === receivedKrw) return 0;
  // Present value falls as the rate rises: bracket the root, then halve the bracket.
  let low = 0;
  let high = 0;
  if (totalKrw > receivedKrw) {
    high = 1;
    for (let i = 0; i < BISECTION_STEPS && presentValue(schedule, high) > receivedKrw; i++) high *= 2;
  } else {
    low = -0.5;
    for (let i = 0; i < BISECTION_STEPS && presentValue(schedule, low) < receivedKrw; i++) low = (low - 1) / 2;
  }
  for (let i = 0; i < BISECTION_STEPS; i++) {
    const middle = (low + high) / 2;
    if (presentValue(schedule, middle) > receivedKrw) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
