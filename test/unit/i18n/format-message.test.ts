import { formatMessage } from "../../../bot/i18n/format-message";
import { FORMAT_CASES } from "../../fixtures/i18n/message-format-cases";

describe("formatMessage", () => {
  it.each(FORMAT_CASES)("when $template is filled, then it reads as the format says", ({ template, params, texts, ko, en }) => {
    const lookup = (key: string) => texts?.[key];
    expect(formatMessage(template, params, { lang: "ko", lookup })).toBe(ko);
    expect(formatMessage(template, params, { lang: "en", lookup })).toBe(en);
  });

  it("when texts name each other in a loop, then the nesting stops", () => {
    const lookup = (key: string) => (key === "a" ? "$t(b)" : "$t(a)");
    expect(formatMessage("$t(a)", {}, { lang: "ko", lookup })).toMatch(/\$t\([ab]\)/);
  });
});
