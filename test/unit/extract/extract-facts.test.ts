import { extractFacts } from "../../../bot/extract/extract-facts";
import { loadExtractionCases } from "../../support/extraction-cases";

const cases = loadExtractionCases();

describe("extractFacts", () => {
  it("when the case file is read, then it holds at least 40 messages", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.text, c.facts] as const))("when a resident writes %s, then the rules propose the expected facts", (text, facts) => {
    expect(extractFacts(text).facts).toEqual(facts);
  });

  it("when a fact is proposed, then it carries the resident's words as evidence", () => {
    const { proposals } = extractFacts("카드값 3천 밀린 지 넉 달이고 사채도 50 빌렸는데 협박 문자가 와요");
    expect(proposals.find((p) => p.path === "overdueDays")).toEqual({ path: "overdueDays", value: 120, evidence: "카드값 3천 밀린 지 넉 달이고" });
    expect(proposals.find((p) => p.path === "illegalLending.threats")?.evidence).toContain("협박");
    expect(proposals.every((p) => p.evidence.length > 0)).toBe(true);
  });

  it("when nothing is said about a sign, then no false is proposed", () => {
    const { proposals } = extractFacts("카드값 300 있어요");
    expect(proposals.some((p) => p.value === false)).toBe(false);
  });

  // No clock here: a pattern that backtracks badly would run past the test's timeout on 7,500 characters.
  it("when the text is very long, then it still reads it", () => {
    const { facts } = extractFacts("카드값 3천 밀린 지 넉 달이고 ".repeat(500));
    expect(facts.totalDebtKrw).toBeGreaterThan(0);
  });
});
