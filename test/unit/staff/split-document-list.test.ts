import { mergeDocuments } from "../../../server/staff/intake-summary";
import { splitDocumentList } from "../../../server/staff/split-document-list";

describe("splitDocumentList", () => {
  it("when a list has commas inside brackets, then it splits only at the commas outside them", () => {
    expect(splitDocumentList("신분증, 빌린 기록(차용증, 이체 내역, 문자·메신저 대화, 통화 녹음 등)")).toEqual(["신분증", "빌린 기록(차용증, 이체 내역, 문자·메신저 대화, 통화 녹음 등)"]);
    expect(splitDocumentList("ID card, related papers (contracts, papers from the court)")).toEqual(["ID card", "related papers (contracts, papers from the court)"]);
    expect(splitDocumentList("신분증，통장 사본、이력서[있다면, 한 부]")).toEqual(["신분증", "통장 사본", "이력서[있다면, 한 부]"]);
  });

  it("when a list is empty, has empty items or an unclosed bracket, then no text is lost and no empty item is made", () => {
    expect(splitDocumentList("")).toEqual([]);
    expect(splitDocumentList(" 신분증 ,, 통장 사본 ,")).toEqual(["신분증", "통장 사본"]);
    expect(splitDocumentList("신분증, 서류(계약서, 영수증")).toEqual(["신분증", "서류(계약서, 영수증"]);
  });
});

describe("mergeDocuments", () => {
  it("when services share items, then each is listed once, and an item another says in more detail is left out", () => {
    expect(mergeDocuments([["신분증", "소득 증빙(급여명세서 등)"], ["신분증", "소득 증빙", "통장 사본"]])).toEqual(["신분증", "소득 증빙(급여명세서 등)", "통장 사본"]);
  });
});
