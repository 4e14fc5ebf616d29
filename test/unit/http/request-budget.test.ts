import { createMemoryCounters } from "../../../server/http/memory-counters";
import { RequestBudgets } from "../../../server/http/request-budget";
import { DAY_MS, SEOUL_DAY_OFFSET_MS, windowOf } from "../../../server/http/shared-counters";
import { DomainError } from "../../../bot/errors";

const SEOUL_DAY = { ms: DAY_MS, offsetMs: SEOUL_DAY_OFFSET_MS };

describe("windowOf", () => {
  it.each([
    ["2026-12-03T00:00:00+09:00", "2026-12-04T00:00:00+09:00"],
    ["2026-12-03T08:59:59+09:00", "2026-12-04T00:00:00+09:00"],
    ["2026-12-03T09:00:00+09:00", "2026-12-04T00:00:00+09:00"],
    ["2026-12-03T23:59:59+09:00", "2026-12-04T00:00:00+09:00"],
  ])("when it is %s, then the Seoul day's window ends at %s", (now, end) => {
    expect(windowOf(Date.parse(now), DAY_MS, SEOUL_DAY_OFFSET_MS).resetAtMs).toBe(Date.parse(end));
  });

  it("when no offset is given, then windows align to the epoch as before", () => {
    expect(windowOf(125_000, 60_000)).toEqual({ index: 2, resetAtMs: 180_000 });
  });
});

describe("RequestBudgets", () => {
  let clock = Date.parse("2026-12-03T23:00:00+09:00");
  const budgets = new RequestBudgets(createMemoryCounters(() => new Date(clock)), () => new Date(clock));
  const budget = [{ name: "hold-ip", id: "192.0.2.1", limit: 2 }];

  it("when a budget is spent, then the next hit is RATE_LIMITED with the seconds to the Seoul midnight; a refund gives a hit back; the next day starts anew", async () => {
    await budgets.spend(budget, SEOUL_DAY);
    const second = await budgets.spend(budget, SEOUL_DAY);
    const refused = await budgets.spend(budget, SEOUL_DAY).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 3600 } });
    await second.refund();
    // The refused hit gave itself back: one refund leaves room for one more, and no more.
    await expect(budgets.spend(budget, SEOUL_DAY)).resolves.toBeDefined();
    await expect(budgets.spend(budget, SEOUL_DAY)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    clock = Date.parse("2026-12-04T00:00:00+09:00");
    await expect(budgets.spend(budget, SEOUL_DAY)).resolves.toBeDefined();
  });

  it("when one budget of a request is spent, then the request spends none of the others (an address past its budget cannot use up a phone's)", async () => {
    const address = { name: "book-ip", id: "192.0.2.9", limit: 1 };
    const victimPhone = { name: "book-phone", id: "phone-index-of-a-victim", limit: 2 };
    await budgets.spend([address], SEOUL_DAY);
    for (let i = 0; i < 5; i++) await expect(budgets.spend([address, victimPhone], SEOUL_DAY)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(budgets.spend([victimPhone], SEOUL_DAY)).resolves.toBeDefined();
    await expect(budgets.spend([victimPhone], SEOUL_DAY)).resolves.toBeDefined();
  });

  it("when failures reach a budget, then it cools down until the deadline, and not after", async () => {
    const guesses = [{ name: "guess-code", id: "K7M-RX4", limit: 3 }];
    for (let i = 0; i < 3; i++) {
      await budgets.assertNotCooling(guesses);
      await budgets.fail(guesses, { ms: 600_000 }, 600_000);
    }
    await expect(budgets.assertNotCooling(guesses)).rejects.toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 600 } });
    clock += 600_000;
    await expect(budgets.assertNotCooling(guesses)).resolves.toBeUndefined();
  });
});
