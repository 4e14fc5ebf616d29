import { stripIdentifiers } from "../../../bot/extract/strip-identifiers";

describe("stripIdentifiers", () => {
  it("when a message holds a phone, a registration number, a card, an account and an address, then each is masked", () => {
    const text = "010-1234-5678로 연락주세요. 주민번호 900101-1234567, 카드 1234-5678-9012-3456, 계좌 110-234-567890, 서울시 강남구 테헤란로 123-4 에 살아요";
    const { text: stripped, removed } = stripIdentifiers(text);
    expect(stripped).not.toMatch(/\d{3,}-\d{3,}/);
    expect(stripped).toContain("[전화번호]");
    expect(stripped).toContain("[주민번호]");
    expect(stripped).toContain("[카드번호]");
    expect(stripped).toContain("[계좌번호]");
    expect(stripped).toContain("[주소]");
    expect(removed).toEqual({ phone: 1, rrn: 1, card: 1, account: 1, address: 1 });
  });

  it("when numbers are written without hyphens, then they are masked too", () => {
    const { text } = stripIdentifiers("01012345678 9001011234567 110234567890");
    expect(text).toBe("[전화번호] [주민번호] [계좌번호]");
  });

  it("when the resident gives a name, then it is masked wherever it appears", () => {
    const { text } = stripIdentifiers("제 이름은 김철수예요. 김철수 앞으로 대출이 있어요", ["김철수"]);
    expect(text).not.toContain("김철수");
    expect(stripIdentifiers("제 이름은 박영희이고 카드값 300 밀렸어요").text).toBe("제 이름은 [이름]이고 카드값 300 밀렸어요");
  });

  it("when a message has amounts and durations only, then it is left as it was", () => {
    const text = "카드값 3천 밀린 지 넉 달이고 사채도 50 빌렸는데 협박 문자가 와요. 카드로 300 썼어요";
    expect(stripIdentifiers(text)).toEqual({ text, removed: {} });
  });
});
