import fc from "fast-check";
import { formatPhone, parsePhone } from "../../../bot/parse/parse-phone";

describe("parsePhone", () => {
  it.each<[string, string]>([
    ["010-1234-5678", "01012345678"],
    ["01012345678", "01012345678"],
    ["010 1234 5678", "01012345678"],
    ["+82 10-1234-5678", "01012345678"],
    ["+821012345678", "01012345678"],
    ["+82 010-1234-5678", "01012345678"],
    ["010.1234.5678", "01012345678"],
    ["(010) 1234-5678", "01012345678"],
    ["０１０－１２３４－５６７８", "01012345678"],
    [" 010–1234–5678 ", "01012345678"],
    ["011-123-4567", "0111234567"],
    ["011-1234-5678", "01112345678"],
    ["016-123-4567", "0161234567"],
    ["017-1234-5678", "01712345678"],
    ["018-123-4567", "0181234567"],
    ["019-1234-5678", "01912345678"],
  ])("when the resident types %p, then it reads %p", (text, digits) => {
    expect(parsePhone(text)).toEqual({ ok: true, value: digits });
  });

  it.each<[string, string]>([
    ["", "parse.phone.invalid"],
    ["010-123-4567", "parse.phone.invalid"],
    ["010-1234-56789", "parse.phone.invalid"],
    ["011-12-3456", "parse.phone.invalid"],
    ["012-1234-5678", "parse.phone.invalid"],
    ["010-1234-567a", "parse.phone.invalid"],
    ["공일공 1234 5678", "parse.phone.invalid"],
    ["+1 555 123 4567", "parse.phone.invalid"],
    ["010+1234+5678", "parse.phone.invalid"],
    ["1234-5678", "parse.phone.invalid"],
    ["02-123-4567", "parse.phone.notMobile"],
    ["02-1234-5678", "parse.phone.notMobile"],
    ["031-123-4567", "parse.phone.notMobile"],
    ["070-1234-5678", "parse.phone.notMobile"],
  ])("when the resident types %p, then it asks again with %p", (text, key) => {
    expect(parsePhone(text)).toEqual({ ok: false, reason: { key } });
  });

  it("when given any string, then it never throws", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(..."0123456789+-. ()") })), (text) => {
        const result = parsePhone(text);
        expect(result.ok ? /^01[016789]\d{7,8}$/.test(result.value) : true).toBe(true);
      }),
    );
  });
});

describe("formatPhone", () => {
  it.each<[string, string]>([
    ["01012345678", "010-1234-5678"],
    ["0111234567", "011-123-4567"],
    ["01712345678", "017-1234-5678"],
    ["0212345678", "0212345678"],
    ["abc", "abc"],
  ])("when given %p, then it writes %p", (digits, text) => {
    expect(formatPhone(digits)).toBe(text);
  });

  it("when a formatted mobile number is read back, then it gives the same digits", () => {
    const mobile = fc.oneof(
      fc.stringMatching(/^010\d{8}$/),
      fc.stringMatching(/^01[16789]\d{7,8}$/),
    );
    fc.assert(
      fc.property(mobile, (digits) => {
        expect(parsePhone(formatPhone(digits))).toEqual({ ok: true, value: digits });
      }),
    );
  });
});
