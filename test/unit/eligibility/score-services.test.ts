import { INSUFFICIENT_DATA_REASON, scoreServices } from "../../../bot/eligibility/score-services";
import type { CaseFacts } from "../../../flows/schema/case-facts";
import type { Rule, RuleSet } from "../../../flows/schema/rules";

const rule = (patch: Partial<Rule> & Pick<Rule, "id" | "service" | "when">): Rule => ({
  source: "test", score: 60, reasons: [{ key: `t.reason.${patch.id}` }], nextSteps: [{ key: "t.next" }], ...patch,
});

const ruleSet: RuleSet = {
  version: "test-1",
  parameters: [
    { id: "t.max_days", description: "d", unit: "days", source: "test", confirmed: true, values: [{ effectiveFrom: "2025-01-01", value: 30 }] },
    { id: "t.late_bonus", description: "b", unit: "pct", source: "test", confirmed: false, values: [{ effectiveFrom: "2026-01-01", value: 5 }] },
    { id: "t.deadline", description: "d", unit: "date", source: "test", confirmed: false, values: [{ effectiveFrom: "2020-01-01", value: "2026-06-30" }] },
  ],
  rules: [
    rule({ id: "days_ok", service: "ccrs_fast_track", when: { fact: "overdueDays", op: "lte", param: "t.max_days" }, score: 70,
      reasons: [{ key: "t.reason.days", params: { days: { fact: "overdueDays" }, max: { param: "t.max_days" }, label: "x" } }],
      boosts: [
        { when: { fact: "age", op: "gte", value: 70 }, score: 40, reason: { key: "t.reason.old" } },
        { when: { fact: "age", op: "gte", value: 0 }, score: 1, reason: { key: "t.reason.late", params: { pct: { param: "t.late_bonus" } } } },
      ] }),
    rule({ id: "also_fast", service: "ccrs_fast_track", when: { fact: "atRiskOfDefault", op: "eq", value: true }, score: 50 }),
    rule({ id: "maybe", service: "sunshine_loan_worker", when: { fact: "employment", op: "eq", value: "employed" }, maxTier: "possible", score: 90 }),
    rule({ id: "unknown_one", service: "job_counseling", when: { fact: "wantsJobHelp", op: "eq", value: true }, score: 61 }),
    rule({ id: "windowed", service: "fresh_start_fund", when: { fact: "overdueDays", op: "gte", value: 0 }, effectiveFrom: "2026-01-01", until: { param: "t.deadline" } }),
  ],
  urgent: [
    { id: "later", code: "report_1332", source: "test", when: { fact: "illegalLending.nightContacts", op: "eq", value: true }, message: { key: "t.u.1332" } },
    { id: "first", code: "crisis_line_109", source: "test", when: { fact: "selfHarmRisk", op: "eq", value: true }, message: { key: "t.u.109" } },
    { id: "again", code: "report_1332", source: "test", when: { fact: "illegalLending.contactsTaken", op: "eq", value: true }, message: { key: "t.u.other" } },
  ],
  contacts: [],
};

const score = (facts: CaseFacts, asOf = "2026-03-01") => scoreServices(ruleSet, facts, asOf);
const find = (facts: CaseFacts, service: string, asOf?: string) => score(facts, asOf).recommendations.find((r) => r.service === service);

describe("scoreServices", () => {
  it("when one rule holds and another for the same service is unknown, then the service is likely with no missing facts", () => {
    expect(find({ overdueDays: 10 }, "ccrs_fast_track")).toEqual(expect.objectContaining({
      tier: "likely", missing: [], ruleIds: ["days_ok"],
      reasons: [{ key: "t.reason.days", params: { days: 10, max: 30, label: "x" } }],
    }));
  });

  it("when two rules hold for one service, then their reasons combine, best score first, and next steps are not repeated", () => {
    const fast = find({ overdueDays: 10, atRiskOfDefault: true }, "ccrs_fast_track");
    expect(fast?.reasons.map((m) => m.key)).toEqual(["t.reason.days", "t.reason.also_fast"]);
    expect(fast?.nextSteps).toEqual([{ key: "t.next" }]);
    expect(fast?.score).toBe(70);
  });

  it("when a rule cannot be decided, then the service is insufficient_data at half the score, with a generic reason and the missing facts", () => {
    expect(find({}, "job_counseling")).toEqual(expect.objectContaining({
      tier: "insufficient_data", score: 31, reasons: [{ key: INSUFFICIENT_DATA_REASON }], missing: ["wantsJobHelp"],
    }));
  });

  it("when a rule is false, then its service is left out", () => {
    expect(find({ wantsJobHelp: false }, "job_counseling")).toBeUndefined();
  });

  it("when a capped rule holds, then its tier is possible", () => {
    expect(find({ employment: "employed" }, "sunshine_loan_worker")?.tier).toBe("possible");
  });

  it("when boosts hold, then they add their score up to 100 and their reasons; a boost whose parameter is not in force is skipped", () => {
    const boosted = find({ overdueDays: 10, age: 75 }, "ccrs_fast_track");
    expect(boosted?.score).toBe(100);
    expect(boosted?.reasons.map((m) => m.key)).toEqual(["t.reason.days", "t.reason.old", "t.reason.late"]);
    expect(find({ overdueDays: 10, age: 75 }, "ccrs_fast_track", "2025-06-01")?.reasons.map((m) => m.key)).toEqual(["t.reason.days", "t.reason.old"]);
  });

  it("when services are ranked, then tier comes first and score second", () => {
    const order = score({ overdueDays: 10, employment: "employed" }).recommendations.map((r) => [r.service, r.tier]);
    expect(order).toEqual([
      ["ccrs_fast_track", "likely"], ["fresh_start_fund", "likely"], ["sunshine_loan_worker", "possible"], ["job_counseling", "insufficient_data"],
    ]);
  });

  it("when asOf is outside a rule's dates or before its parameters exist, then the rule is not in force", () => {
    expect(find({ overdueDays: 1 }, "fresh_start_fund", "2025-12-31")).toBeUndefined();
    expect(find({ overdueDays: 1 }, "fresh_start_fund", "2026-06-30")?.tier).toBe("likely");
    expect(find({ overdueDays: 1 }, "fresh_start_fund", "2026-07-01")).toBeUndefined();
    expect(find({ overdueDays: 1, atRiskOfDefault: false }, "ccrs_fast_track", "2024-12-31")).toBeUndefined();
  });

  it("when urgent rules fire, then each code appears once, in the fixed order, and unknown facts never fire", () => {
    const urgent = score({ selfHarmRisk: true, illegalLending: { nightContacts: true, contactsTaken: true } }).urgent;
    expect(urgent).toEqual([{ code: "crisis_line_109", message: { key: "t.u.109" } }, { code: "report_1332", message: { key: "t.u.1332" } }]);
    expect(score({}).urgent).toEqual([]);
  });

  it("when the same case is scored twice, then the results are equal and the facts unchanged", () => {
    const facts: CaseFacts = { overdueDays: 10, age: 75, illegalLending: { loans: [{ receivedKrw: 800_000, repayKrw: 1_000_000, days: 7 }] } };
    const copy = structuredClone(facts);
    expect(score(facts)).toEqual(score(facts));
    expect(facts).toEqual(copy);
    expect(score(facts)).toEqual(expect.objectContaining({ asOf: "2026-03-01", rulesVersion: "test-1", loans: [expect.objectContaining({ index: 0, aprPct: 1303.6 })] }));
  });
});
