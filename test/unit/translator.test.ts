import { createTranslator } from "../../server/i18n/create-translator";

const translator = createTranslator(
  {
    ko: { a: { won: "{{amount, number}}원", hello: "{{name}}님, 안녕하세요", center: "☎ {{centerPhone}}", nested: "$t(a.center) 또는 방문", question: "빚이 있나요?" } },
    en: { a: { won: "KRW {{amount, number}}", hello: "Hello, {{name}}", center: "Call {{centerPhone}}", nested: "$t(a.center) or visit", question: "Any debt?" } },
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

  it("when a text names another with $t(…), then that text is put in", () => {
    expect(translator.forLang("ko")("a.nested")).toBe("☎ 1234 또는 방문");
    expect(translator.forLang("en")("a.nested")).toBe("Call 1234 or visit");
  });

  it("when a param is missing, then its placeholder stays, for the browser to fill", () => {
    expect(translator.forLang("ko")("a.hello")).toBe("{{name}}님, 안녕하세요");
  });

  it("when a flow version has its own wording, then only translations asked with it read it, and labels match it", () => {
    const wording = { ko: new Map([["a.question", "지금 빚이 있으세요?"]]), en: new Map<string, string>() };
    expect(translator.forLang("ko", wording)("a.question")).toBe("지금 빚이 있으세요?");
    expect(translator.forLang("en", wording)("a.question")).toBe("Any debt?");
    expect(translator.forLang("ko")("a.question")).toBe("빚이 있나요?");
    expect(translator.allLanguages("a.question", wording)).toEqual(["지금 빚이 있으세요?", "Any debt?"]);
  });

  it("when a key is missing in English, then the Korean text is the fallback; text is never HTML-escaped", () => {
    expect(translator.forLang("en")("a.nothere")).toBe("a.nothere");
    expect(translator.forLang("ko")("a.hello", { name: "<b>" })).toBe("<b>님, 안녕하세요");
  });

  it("when a label is asked in every language, then both texts come back", () => {
    expect(translator.allLanguages("a.center")).toEqual(["☎ 1234", "Call 1234"]);
  });
});
