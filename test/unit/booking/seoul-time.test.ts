import { addDays, daysBetween, isCalendarDate, seoulWeekday, toMinutes, toSeoulIso, toSeoulIsoOnDate, toSeoulWallClock } from "../../../bot/time/seoul-time";

describe("seoul-time", () => {
  it("when a Seoul date and minute are given, then the ISO string carries +09:00", () => {
    expect(toSeoulIso("2026-12-03", 10 * 60)).toBe("2026-12-03T10:00+09:00");
    expect(toSeoulIso("2026-12-31", 24 * 60)).toBe("2027-01-01T00:00+09:00");
  });

  it("when a slot's time is written without a Date, then it is exactly what toSeoulIso writes, midnight rollover included", () => {
    for (const date of ["2026-12-03", "2026-12-31", "2028-02-29"]) {
      for (const minutes of [0, 1, 9 * 60 + 5, 10 * 60, 12 * 60 + 30, 23 * 60 + 59, 24 * 60, 25 * 60, 30.5]) {
        expect(toSeoulIsoOnDate(date, minutes)).toBe(toSeoulIso(date, minutes));
      }
    }
    expect(toSeoulIsoOnDate("2026-12-31", 24 * 60)).toBe("2027-01-01T00:00+09:00");
  });

  it("when an instant is read in Seoul, then the date turns at 15:00Z", () => {
    expect(toSeoulWallClock("2026-12-31T14:59:00Z")).toEqual({ date: "2026-12-31", minutes: 23 * 60 + 59 });
    expect(toSeoulWallClock("2026-12-31T15:00:00Z")).toEqual({ date: "2027-01-01", minutes: 0 });
    expect(toSeoulWallClock("not a time")).toBeUndefined();
  });

  it("when weekdays are asked, then they are those of the Seoul calendar", () => {
    expect(seoulWeekday("2026-05-01")).toBe("fri");
    expect(seoulWeekday("2027-01-01")).toBe("fri");
    expect(seoulWeekday("2026-03-01")).toBe("sun");
    expect(() => seoulWeekday("2026-13-01")).toThrow(RangeError);
  });

  it("when days are added across month, year and leap-day ends, then the calendar is followed", () => {
    expect(addDays("2026-04-30", 1)).toBe("2026-05-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-04-01", 28)).toBe("2026-04-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-12-31", "2027-01-28")).toBe(28);
  });

  it("when dates and times are checked, then impossible ones are rejected", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(isCalendarDate("2026-4-1")).toBe(false);
    expect(toMinutes("13:30")).toBe(810);
    expect(toMinutes("24:00")).toBe(1440);
    expect(toMinutes("24:30")).toBeUndefined();
    expect(toMinutes("9:00")).toBeUndefined();
  });
});
