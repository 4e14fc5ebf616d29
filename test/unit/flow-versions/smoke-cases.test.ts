import { readdirSync } from "node:fs";
import type { SmokeCase } from "../../../bot/flow-versions/smoke-case";
import { FIRST_RESULT_TARGET, questionStats, smokeCaseSchema, walkSmokeCase } from "../../../bot/flow-versions/smoke-case";
import { SMOKE_CASES_DIR, loadSmokeCases } from "../../../flows/load-smoke-cases";
import { SMOKE_AS_OF } from "../../../server/flow-versions/check-draft";
import { flowFixture } from "../../support/flow-harness";

const { chat } = flowFixture();
const cases = loadSmokeCases();
const runs = cases.map((smoke) => walkSmokeCase(chat, smoke, SMOKE_AS_OF));
const typedCase = (fields: Partial<SmokeCase> & Pick<SmokeCase, "answers" | "expect">): SmokeCase => smokeCaseSchema.parse({ name: "test resident", typed: true, ...fields });

describe("the shipped smoke cases", () => {
  it("when the cases folder is read, then every *.cases.yaml is loaded", () => {
    const files = readdirSync(SMOKE_CASES_DIR).filter((f) => f.endsWith(".cases.yaml")).sort();
    expect([...new Set(cases.map((c) => c.file))]).toEqual(files);
  });

  it.each(cases.map((smoke, i) => [smoke.name, runs[i]?.problems ?? ["not run"]] as const))("when %s walks through the chat, then it reaches the expected result", (_name, problems) => {
    expect(problems).toEqual([]);
  });

  it("when residents answer only by typing, then at least ten of them, in both languages, reach their result", () => {
    const typed = cases.filter((c) => c.typed);
    expect(typed.length).toBeGreaterThanOrEqual(10);
    expect(new Set(typed.map((c) => c.lang))).toEqual(new Set(["ko", "en"]));
    const reached = typed.filter((c) => runs[cases.indexOf(c)]?.problems.length === 0);
    expect(reached.map((c) => c.name)).toEqual(typed.map((c) => c.name));
  });

  it(`when the questions before each first result are counted, then the median is at most ${FIRST_RESULT_TARGET.median} and none exceeds ${FIRST_RESULT_TARGET.max}`, () => {
    const stats = questionStats(runs);
    expect(stats).toBeDefined();
    expect(stats?.median).toBeLessThanOrEqual(FIRST_RESULT_TARGET.median);
    expect(stats?.max).toBeLessThanOrEqual(FIRST_RESULT_TARGET.max);
  });
});

describe("walkSmokeCase", () => {
  const CARD_DEBTOR = {
    consent: "네", safety_check: "아니요", has_debt: "네", total_debt: "2500만원", creditor_types: "카드", has_illegal_loan: "아니요", overdue_days: "45일",
    current_procedure: "없어요", household_size: "2명", monthly_income: "250만원", employment: "회사 다녀요", welfare_status: "없어요",
  };

  it("when a typed resident reaches the result, then the questions answered before it are counted", () => {
    const run = walkSmokeCase(chat, typedCase({ answers: CARD_DEBTOR, expect: { services: ["ccrs_pre_workout"], absent: [], urgent: [] } }), SMOKE_AS_OF);
    expect(run).toEqual({ name: "test resident", questionsToFirstResult: Object.keys(CARD_DEBTOR).length, problems: [] });
  });

  it("when a typed answer is asked again, then the case fails naming the question and the answer", () => {
    const run = walkSmokeCase(chat, typedCase({ answers: { ...CARD_DEBTOR, total_debt: "꽤 많아요" }, expect: { services: [], absent: [], urgent: [] } }), SMOKE_AS_OF);
    expect(run.problems).toEqual(['"total_debt": the answer "꽤 많아요" was asked again']);
  });

  it("when a typed resident has no answer for a question the flow asks, then the case fails naming it", () => {
    const { welfare_status: _left, ...rest } = CARD_DEBTOR;
    const run = walkSmokeCase(chat, typedCase({ answers: rest, expect: { services: [], absent: [], urgent: [] } }), SMOKE_AS_OF);
    expect(run.problems).toEqual(['"welfare_status" was asked, and the resident has no answer for it']);
  });

  it("when the result offers a service expected absent, or lacks an expected service or urgent help, then each is named", () => {
    const run = walkSmokeCase(chat, typedCase({ answers: CARD_DEBTOR, expect: { services: ["illegal_lending_relief"], absent: ["ccrs_pre_workout"], urgent: ["call_112"] } }), SMOKE_AS_OF);
    expect(run.problems).toEqual([
      expect.stringMatching(/^illegal_lending_relief expected, not recommended/),
      "ccrs_pre_workout recommended, expected absent",
      "urgent call_112 expected on screen (got none)",
    ]);
  });

  it("when a typed case gives an answer as a tap, then the schema refuses it", () => {
    expect(smokeCaseSchema.safeParse({ name: "x", typed: true, answers: { consent: { optionId: "agree" } }, expect: { services: [] } }).success).toBe(false);
  });
});
