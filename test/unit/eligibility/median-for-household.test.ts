import { medianForHousehold, pctOfMedianLine } from "../../../bot/eligibility/median-for-household";

/** The 2026 기준 중위소득 as published for 1..7 people. */
const TABLE_2026 = { 1: 2_564_238, 2: 4_199_292, 3: 5_359_036, 4: 6_494_738, 5: 7_556_719, 6: 8_555_952, 7: 9_515_150 };

describe("medianForHousehold", () => {
  it.each([
    [1, 2_564_238], [6, 8_555_952], [7, 9_515_150],
    [8, 10_474_348], [9, 11_433_546], [10, 12_392_744],
  ])("when the household has %i people, then the 2026 median is %i won", (size, median) => {
    expect(medianForHousehold(TABLE_2026, size)).toBe(median);
  });

  it("when the 2025 table is used, then 8 people give the 9,912,051 the 고시 states", () => {
    const table2025 = { 1: 2_392_013, 2: 3_932_658, 3: 5_025_353, 4: 6_097_773, 5: 7_108_192, 6: 8_064_805, 7: 8_988_428 };
    expect(medianForHousehold(table2025, 8)).toBe(9_912_051);
  });

  it("when a table lists only 1..6, then 7 and more stay unknown instead of being extrapolated", () => {
    const { 7: _seven, ...upToSix } = TABLE_2026;
    expect(medianForHousehold(upToSix, 6)).toBe(8_555_952);
    expect(medianForHousehold(upToSix, 7)).toBeUndefined();
    expect(medianForHousehold(upToSix, 8)).toBeUndefined();
  });

  it("when an admin lists a size beyond 7 directly, then the listed figure wins over the step rule", () => {
    expect(medianForHousehold({ ...TABLE_2026, 8: 10_500_000 }, 8)).toBe(10_500_000);
    expect(medianForHousehold({ ...TABLE_2026, 8: 10_500_000 }, 9)).toBe(11_433_546);
  });
});

describe("pctOfMedianLine", () => {
  it.each([
    [2_564_238, 32, 820_556], [2_564_238, 60, 1_538_543], [8_555_952, 48, 4_106_857], [9_515_150, 32, 3_044_848], [11_433_546, 75, 8_575_160],
  ])("when %i is taken at %i%%, then the line is %i won, rounded half-up as published", (median, pct, line) => {
    expect(pctOfMedianLine(median, pct)).toBe(line);
  });
});
