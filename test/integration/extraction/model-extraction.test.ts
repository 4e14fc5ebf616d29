import { extractFacts } from "../../../bot/extract/extract-facts";
import type { ModelFacts } from "../../../server/extraction/model-extractor";
import { ModelExtractor } from "../../../server/extraction/model-extractor";
import { ExtractionService } from "../../../server/extraction/extraction-service";
import { createMetrics } from "../../../server/observability/metrics";
import type { FakeOpenAiServer } from "../../support/fake-openai-server";
import { startFakeOpenAiServer } from "../../support/fake-openai-server";
import { createManualTimers } from "../../support/manual-timers";

const STORY = "카드값 3천 밀린 지 넉 달이고 사채도 50 빌렸는데 협박 문자가 와요";
/** Kept by hand-fired timers: the test says when the budget is up, so its length costs no time. */
const BUDGET_MS = 2000;

const NOTHING: ModelFacts = {
  totalDebtKrw: null, overdueDays: null, creditorTypes: null, illegalLoanReceivedKrw: null, illegalLoanRepayKrw: null,
  illegalLoanDays: null, threats: null, sexualImages: null, contactsTaken: null, familyOrWorkContacted: null, nightContacts: null,
  employment: null, crisisEvents: null, selfHarmRisk: null,
};

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.received.length = 0;
});

function service() {
  const metrics = createMetrics();
  const timers = createManualTimers();
  const model = new ModelExtractor({ apiKey: "test-key", baseURL: fake.baseURL, model: "fake-model", budgetMs: BUDGET_MS }, timers);
  return { metrics, timers, extraction: new ExtractionService(metrics, model) };
}

async function countOf(metrics: ReturnType<typeof createMetrics>, kind: string): Promise<number> {
  const metric = await metrics.events.get();
  return metric.values.find((v) => v.labels.kind === kind)?.value ?? 0;
}

describe("ExtractionService with a model", () => {
  it("when the model answers within budget, then its facts fill what the rules missed and the rules win on conflicts", async () => {
    const { metrics, extraction } = service();
    fake.behave({ kind: "json", content: JSON.stringify({ ...NOTHING, totalDebtKrw: 1, illegalLoanRepayKrw: 800000, illegalLoanDays: 7, nightContacts: true, contactsTaken: false }) });
    const result = await extraction.propose(STORY);
    expect(result.source).toBe("rules+model");
    expect(result.facts).toEqual({
      ...extractFacts(STORY).facts,
      illegalLending: { loans: [{ receivedKrw: 500000, repayKrw: 800000, days: 7 }], threats: true, nightContacts: true },
    });
    expect(await countOf(metrics, "extraction_model_used")).toBe(1);
    expect(JSON.parse(fake.received[0] ?? "{}")).toMatchObject({ model: "fake-model", response_format: { type: "json_schema" } });
  });

  it.each([
    ["slower than the budget", { kind: "hang" }, "timeout"],
    ["429", { kind: "status", status: 429 }, "rate_limited"],
    ["500", { kind: "status", status: 500 }, "server_error"],
    ["invalid JSON", { kind: "json", content: "{ not json" }, "invalid_output"],
    ["output that breaks the schema", { kind: "json", content: JSON.stringify({ ...NOTHING, creditorTypes: ["loan_shark"] }) }, "invalid_output"],
    ["a value CaseFacts refuses", { kind: "json", content: JSON.stringify({ ...NOTHING, totalDebtKrw: -5 }) }, "schema_violation"],
  ] as const)("when the model answers %s, then the rules' facts are used and the fallback is counted", async (_label, behaviour, reason) => {
    const { metrics, timers, extraction } = service();
    fake.behave(behaviour);
    const arrived = fake.nextRequest();
    const proposing = extraction.propose(STORY);
    const budget = await timers.next();
    expect(budget.ms).toBe(BUDGET_MS);
    if (reason === "timeout") {
      await arrived;
      budget.fire();
    }
    const result = await proposing;
    // Only the hanging model needed the budget; the others gave up on their own answer.
    expect(budget.fired).toBe(reason === "timeout");
    expect(result).toEqual({ facts: extractFacts(STORY).facts, source: "rules" });
    expect(await countOf(metrics, `extraction_fallback_${reason}`)).toBe(1);
    expect(fake.received).toHaveLength(1); // no retries
  });

  it("when the message holds identifiers, then none reaches the model server", async () => {
    const { extraction } = service();
    fake.behave({ kind: "json", content: JSON.stringify(NOTHING) });
    await extraction.propose("김민수예요. 010-9876-5432, 01098765432, 주민번호 850505-2345678 / 8505052345678. 카드 1234 5678 9012 3456 연체 3개월, 서울시 노원구 상계로 12-3 살아요", ["김민수"]);
    const sent = fake.received.join("\n");
    expect(sent).not.toMatch(/9876|5432|850505|2345678|8505052345678|1234 5678|상계로|김민수/);
    expect(sent).toContain("[전화번호]");
    expect(sent).toContain("[주민번호]");
  });

  it("when no model is configured, then only the rules answer and nothing is sent", async () => {
    const extraction = new ExtractionService(createMetrics());
    expect(extraction.mode).toBe("rules");
    expect(await extraction.propose(STORY)).toEqual({ facts: extractFacts(STORY).facts, source: "rules" });
    expect(fake.received).toHaveLength(0);
  });
});
