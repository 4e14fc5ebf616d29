import fc from "fast-check";
import { formatWon } from "../../../bot/parse/format-won";
import { parseMoney } from "../../../bot/parse/parse-money";

describe("formatWon", () => {
  it.each<[number, string, string]>([
    [0, "0원", "0 won"],
    [5_000, "5,000원", "5,000 won"],
    [350_000, "35만원", "350,000 won"],
    [1_000_000, "100만원", "1 million won"],
    [2_500_000, "250만원", "2.5 million won"],
    [12_000_000, "1,200만원", "12 million won"],
    [12_345_000, "1,234만 5,000원", "12.35 million won"],
    [100_000_000, "1억원", "100 million won"],
    [120_000_000, "1억 2,000만원", "120 million won"],
    [123_456_789, "1억 2,345만 6,789원", "123.46 million won"],
    [1_200_000_000, "12억원", "1.2 billion won"],
    [1_000_000_000_000, "10,000억원", "1,000 billion won"],
  ])("when given %p won, then it writes %p in Korean and %p in English", (won, ko, en) => {
    expect(formatWon(won, "ko")).toBe(ko);
    expect(formatWon(won, "en")).toBe(en);
  });

  it("when a Korean amount is written, then the money parser reads it back", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (won) => {
        expect(parseMoney(formatWon(won, "ko"))).toEqual({ ok: true, value: won });
      }),
    );
  });
});
