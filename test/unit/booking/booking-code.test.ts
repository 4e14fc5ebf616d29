import { BOOKING_CODE_ALPHABET, generateBookingCode, normalizeBookingCode } from "../../../bot/booking/booking-code";

/** Returns the given bytes in turn, as many as asked for. */
function bytes(...values: number[]) {
  let i = 0;
  return (n: number) => Uint8Array.from({ length: n }, () => values[i++ % values.length] ?? 0);
}

describe("generateBookingCode", () => {
  it("when given random bytes, then it writes six alphabet characters as ABC-DEF", () => {
    expect(generateBookingCode(bytes(0, 1, 2, 3, 4, 20))).toBe("ACD-EF9");
  });

  it("when a byte would bias the draw, then it is skipped", () => {
    expect(generateBookingCode(bytes(255, 252, 0))).toBe("AAA-AAA");
  });

  it("when the source never gives a usable byte, then it stops with an error", () => {
    expect(() => generateBookingCode(bytes(255))).toThrow(/random source/);
  });

  it("when drawn many times, then only the alphabet appears", () => {
    const codes = Array.from({ length: 200 }, () => generateBookingCode((n) => Uint8Array.from({ length: n }, () => Math.floor(Math.random() * 256))));
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${BOOKING_CODE_ALPHABET}]{3}-[${BOOKING_CODE_ALPHABET}]{3}$`));
  });
});

describe("normalizeBookingCode", () => {
  it.each([
    ["K7M-RX4", "K7M-RX4"],
    ["k7mrx4", "K7M-RX4"],
    [" k7m rx4 ", "K7M-RX4"],
    ["Ｋ７Ｍ－ＲＸ４", "K7M-RX4"],
  ])("when %j is typed, then it reads %s", (text, code) => {
    expect(normalizeBookingCode(text)).toBe(code);
  });

  it.each(["K7M-RX", "K7M-RX44", "K0M-RX4", "B7M-RX4", ""])("when %j is typed, then it is not a code", (text) => {
    expect(normalizeBookingCode(text)).toBeUndefined();
  });
});
