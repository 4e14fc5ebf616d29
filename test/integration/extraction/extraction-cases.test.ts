import type { DraftFacts } from "../../../flows/schema/case-facts";
import { ModelExtractor } from "../../../server/extraction/model-extractor";
import type { ModelFacts } from "../../../server/extraction/model-extractor";
import { ExtractionService } from "../../../server/extraction/extraction-service";
import { createMetrics } from "../../../server/observability/metrics";
import { loadExtractionCases } from "../../support/extraction-cases";
import type { FakeOpenAiServer } from "../../support/fake-openai-server";
import { startFakeOpenAiServer } from "../../support/fake-openai-server";

const cases = loadExtractionCases();

/** The expected facts as the model's flat answer, as a well-behaved model would give them. */
function toModelFacts(facts: DraftFacts): ModelFacts {
  const loan = facts.illegalLending?.loans?.[0];
  const sign = (value: boolean | undefined) => value ?? null;
  return {
    totalDebtKrw: facts.totalDebtKrw ?? null, overdueDays: facts.overdueDays ?? null, creditorTypes: facts.creditorTypes ?? null,
    illegalLoanReceivedKrw: loan?.receivedKrw ?? null, illegalLoanRepayKrw: loan?.repayKrw ?? null, illegalLoanDays: loan?.days ?? null,
    threats: sign(facts.illegalLending?.threats), sexualImages: sign(facts.illegalLending?.sexualImages),
    contactsTaken: sign(facts.illegalLending?.contactsTaken), familyOrWorkContacted: sign(facts.illegalLending?.familyOrWorkContacted),
    nightContacts: sign(facts.illegalLending?.nightContacts), employment: facts.employment ?? null,
    crisisEvents: facts.crisisEvents ?? null, selfHarmRisk: sign(facts.selfHarmRisk),
  };
}

let fake: FakeOpenAiServer;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
  const byText = new Map(cases.map((c) => [c.text, c.facts]));
  fake.behave({ kind: "answer", answer: (text) => JSON.stringify(toModelFacts(byText.get(text) ?? {})) });
});
afterAll(() => fake.close());

describe("extraction cases", () => {
  const withModel = new ExtractionService(createMetrics(), new ModelExtractor({ apiKey: "k", baseURL: "", model: "fake-model", budgetMs: 2000 }));
  const rulesOnly = new ExtractionService(createMetrics());

  it.each(cases.map((c) => [c.text, c.facts] as const))("when %s is read without a model, then the expected facts are proposed", async (text, facts) => {
    expect(await rulesOnly.propose(text)).toEqual({ facts, source: "rules" });
  });

  it.each(cases.map((c) => [c.text, c.facts] as const))("when %s is read with a model that agrees, then the merge keeps the expected facts", async (text, facts) => {
    const service = new ExtractionService(createMetrics(), new ModelExtractor({ apiKey: "k", baseURL: fake.baseURL, model: "fake-model", budgetMs: 2000 }));
    expect(await service.propose(text)).toEqual({ facts, source: "rules+model" });
  });

  it("when the service is built with a model, then it says so", () => {
    expect(withModel.mode).toBe("model");
  });
});
