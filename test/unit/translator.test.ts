import { createTranslator } from "../../server/i18n/create-translator";

const translator = createTranslator(
  {
    ko: { a: { won: "{{amount, number}}원", hello: "{{name}}님, 안녕하세요", center: "☎ {{centerPhone}}", items_other: "{{count}}개" } },
    en: { a: { won: "KRW {{amount, number}}", hello: "Hello, {{name}}", center: "Call {{centerPhone}}", items_one: "{{count}} item", items_other: "{{count}} items" } },
  },
  { ko: { centerPhone: "1234" }, en: { centerPhone: "1234" } },
);

describe("createTranslator", () => {
  it("when params are given, then they are interpolated, and configuration defaults fill the rest", () => {
    expect(translator.forLang("ko")("a.hello", { name: "민수" })).toBe("민수님, 안녕하세요");
    expect(translator.forLang("en")("a.center")).toBe("Call 1234");
  });

  it("when a number format is asked, then the amount is grouped as the language writes it", () => {
    expect(translator.forLang("ko")("a.won", { amount: 30_000_000 })).toBe("30,000,000원");
    expect(translator.forLang("en")("a.won", { amount: 1_500 })).toBe("KRW 1,500");
  });

  it("when a count is given, then plural forms come from i18next", () => {
    expect(translator.forLang("en")("a.items", { count: 1 })).toBe("1 item");
    expect(translator.forLang("en")("a.items", { count: 2 })).toBe("2 items");
    expect(translator.forLang("ko")("a.items", { count: 1 })).toBe("1개");
  });

  it("when a key is missing in English, then the Korean text is the fallback; text is never HTML-escaped", () => {
    expect(translator.forLang("en")("a.nothere")).toBe("a.nothere");
    expect(translator.forLang("ko")("a.hello", { name: "<b>" })).toBe("<b>님, 안녕하세요");
  });

  it("when a label is asked in every language, then both texts come back", () => {
    expect(translator.allLanguages("a.center")).toEqual(["☎ 1234", "Call 1234"]);
  });
});
