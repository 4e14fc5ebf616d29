import { applyProposal, CONFIRM_OPTION_IDS, readConfirmation, toConfirmationMessages } from "../../../bot/extract/confirm-proposal";
import { extractFacts } from "../../../bot/extract/extract-facts";

const proposal = extractFacts("카드값 3천 밀린 지 넉 달이고 사채도 50 빌렸는데 협박 문자가 와요").facts;

describe("confirm-proposal", () => {
  it("when a proposal is shown, then each fact is a line between the intro and the question", () => {
    expect(toConfirmationMessages(proposal)).toEqual([
      { key: "flow.extract.intro" },
      { key: "flow.extract.fact.totalDebt", params: { won: 30_500_000 } },
      { key: "flow.extract.fact.overdueDays", params: { days: 120, months: 4 } },
      { key: "flow.extract.fact.loanReceived", params: { won: 500_000 } },
      { key: "flow.extract.fact.threats" },
      { key: "flow.extract.creditor.card" },
      { key: "flow.extract.creditor.unregistered_lender" },
      { key: "flow.extract.question" },
    ]);
  });

  it("when the resident taps or types an answer, then yes confirms and no or 수정 fixes", () => {
    expect(readConfirmation({ optionId: CONFIRM_OPTION_IDS.confirm })).toBe("confirm");
    expect(readConfirmation({ optionId: CONFIRM_OPTION_IDS.fix })).toBe("fix");
    expect(readConfirmation({ text: "네 맞아요" })).toBe("confirm");
    expect(readConfirmation({ text: "아니요" })).toBe("fix");
    expect(readConfirmation({ text: "수정" })).toBe("fix");
    expect(readConfirmation({ text: "음..." })).toBe("unclear");
  });

  it("when a confirmed proposal is applied, then it fills unknown facts only and joins lists", () => {
    const facts = applyProposal({ overdueDays: 30, creditorTypes: ["bank"] }, proposal);
    expect(facts).toEqual({
      overdueDays: 30, creditorTypes: ["bank", "card", "unregistered_lender"], totalDebtKrw: 30_500_000,
      illegalLending: { loans: [{ receivedKrw: 500_000 }], threats: true },
    });
  });
});
