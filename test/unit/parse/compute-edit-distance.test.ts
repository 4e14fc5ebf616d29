import { computeEditDistance } from "../../../bot/parse/compute-edit-distance";

describe("computeEditDistance", () => {
  it.each<[string, string, number]>([
    ["", "", 0],
    ["abc", "abc", 0],
    ["abc", "abd", 1],
    ["abc", "ab", 1],
    ["kitten", "sitting", 3],
    ["사금융", "사금웅", 1],
    ["은행대출", "은행대츨", 1],
  ])("when comparing %p and %p, then the distance is %p", (a, b, distance) => {
    expect(computeEditDistance(a, b)).toBe(distance);
  });

  it("when the distance is over the limit, then it stops at limit + 1", () => {
    expect(computeEditDistance("abcdef", "uvwxyz", 1)).toBe(2);
    expect(computeEditDistance("a", "abcdef", 2)).toBe(3);
  });
});
