import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isCalendarDate, seoulWeekday } from "../../../bot/time/seoul-time";
import { loadSchedule, parseSchedule, SCHEDULE_FILE, ScheduleError } from "../../../flows/load-schedule";
import { specialtyValues } from "../../../flows/schema/catalog";

const shipped = loadSchedule();

function problemsOf(data: unknown) {
  const result = parseSchedule(data);
  return result.ok ? [] : result.problems;
}

function edited(patch: Record<string, unknown>): unknown {
  return { ...structuredClone(shipped), ...patch };
}

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("loadSchedule", () => {
  it("when the shipped file is loaded, then it parses with the documented defaults", () => {
    expect(existsSync(SCHEDULE_FILE)).toBe(true);
    expect(shipped.timezone).toBe("Asia/Seoul");
    expect(shipped.weeklyHours.mon).toEqual([{ from: "09:00", to: "12:00" }, { from: "13:00", to: "18:00" }]);
    expect(shipped.weeklyHours.sat).toEqual([]);
    expect(shipped).toMatchObject({ minNoticeMinutes: 120, horizonDays: 28, holdMinutes: 5 });
    expect(Object.keys(shipped.specialties).sort()).toEqual([...specialtyValues].sort());
    expect(shipped.specialties.debt).toEqual({ counsellors: 2, slotMinutes: 60 });
    expect(shipped.specialties.welfare).toEqual({ counsellors: 1, slotMinutes: 30 });
  });

  it("when the holidays are read, then each is a real date in 2026 or 2027 and the source is given", () => {
    expect(shipped.holidaySource).toContain("관공서의 공휴일에 관한 규정");
    expect(shipped.holidays.length).toBeGreaterThan(30);
    for (const holiday of shipped.holidays) {
      expect(isCalendarDate(holiday.date)).toBe(true);
      expect(holiday.date).toMatch(/^202[67]-/);
      expect(holiday.name).toMatch(/[가-힣]/);
    }
  });

  it("when a 대체공휴일 is listed, then it falls on a weekday", () => {
    const substitutes = shipped.holidays.filter((holiday) => holiday.substitute);
    expect(substitutes.map((h) => h.date)).toEqual([
      "2026-03-02", "2026-05-25", "2026-08-17", "2026-09-28", "2026-10-05",
      "2027-02-09", "2027-08-16", "2027-10-04", "2027-10-11", "2027-12-27",
    ]);
    for (const holiday of substitutes) expect(["sat", "sun"]).not.toContain(seoulWeekday(holiday.date));
  });

  it("when the lunar holidays are checked, then 설날, 추석 and 부처님오신날 are on their 2026/2027 dates", () => {
    const dates = new Set(shipped.holidays.map((holiday) => holiday.date));
    for (const date of ["2026-02-17", "2026-09-25", "2026-05-24", "2027-02-07", "2027-09-15", "2027-05-13"]) expect(dates.has(date)).toBe(true);
  });

  it("when the file is broken, then a ScheduleError lists the problems", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "hanbeon-schedule-"));
    try {
      const bad = path.join(dir, "bad.yaml");
      writeFileSync(bad, "holidaySource: test\nholidays: [{ date: 2026-02-30, name: x }]\nspecialties: {}\n");
      const error = catchError(() => loadSchedule(bad));
      expect(error).toBeInstanceOf(ScheduleError);
      expect(error instanceof ScheduleError ? error.problems.map((p) => p.path) : []).toEqual(expect.arrayContaining(["holidays.2026-02-30.date", "specialties.debt"]));
      const notYaml = path.join(dir, "not-yaml.yaml");
      writeFileSync(notYaml, "holidays: [\n");
      const yamlError = catchError(() => loadSchedule(notYaml));
      expect(yamlError instanceof ScheduleError ? yamlError.problems : []).toEqual([{ path: "not-yaml.yaml", message: expect.stringContaining("not valid YAML") }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("parseSchedule", () => {
  it("when only the required fields are given, then the defaults fill the rest", () => {
    const result = parseSchedule({ holidaySource: "test", holidays: [], specialties: structuredClone(shipped.specialties) });
    expect(result.ok && result.schedule).toMatchObject({
      timezone: "Asia/Seoul", weeklyHours: shipped.weeklyHours, closures: [], minNoticeMinutes: 120, horizonDays: 28, holdMinutes: 5,
    });
  });

  it("when the schedule is broken in many places, then every problem is listed with its path", () => {
    const problems = problemsOf(edited({
      timezone: "Asia/Tokyo",
      weeklyHours: {
        ...shipped.weeklyHours,
        mon: [{ from: "09:00", to: "12:00" }, { from: "11:00", to: "18:00" }],
        tue: [{ from: "13:00", to: "12:00" }],
        wed: [{ from: "9:00", to: "12:00" }],
      },
      holidays: [...shipped.holidays, { date: "2026-01-01", name: "신정" }, { date: "2026-02-30", name: "없는 날" }],
      closures: [{ date: "2026-04-07", from: "14:00", to: "10:00" }],
      specialties: { ...shipped.specialties, welfare: undefined, job: { counsellors: -1, slotMinutes: 30.5 } },
      horizonDays: 0,
    }));
    const paths = problems.map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining([
      "timezone",
      "weeklyHours.mon.1.from",
      "weeklyHours.tue.0.to",
      "weeklyHours.wed.0.from",
      "holidays.2026-02-30.date",
      "holidays.2026-01-01.date",
      "closures.2026-04-07.to",
      "specialties.welfare",
      "specialties.job.counsellors",
      "specialties.job.slotMinutes",
      "horizonDays",
    ]));
    expect(problems).toContainEqual({ path: "holidays.2026-01-01.date", message: "holiday 2026-01-01 is listed twice" });
    expect(problems.every((problem) => problem.message.length > 0)).toBe(true);
  });

  it("when a key is misspelt or a specialty is invented, then it is rejected rather than ignored", () => {
    expect(problemsOf(edited({ minNoticeMinute: 60 }))).toContainEqual({ path: "minNoticeMinute", message: expect.stringContaining("minNoticeMinute") });
    expect(problemsOf(edited({ specialties: { ...shipped.specialties, tax: { counsellors: 1, slotMinutes: 30 } } }))).toContainEqual({ path: "specialties.tax", message: expect.stringContaining("tax") });
  });

  it("when a weekday is left out of weeklyHours, then it is reported instead of silently closed", () => {
    const { fri: _fri, ...rest } = shipped.weeklyHours;
    expect(problemsOf(edited({ weeklyHours: rest }))).toContainEqual({ path: "weeklyHours.fri", message: expect.any(String) });
  });
});
