import { computeNextAttemptAt, computeReminderId, computeReminderWindow, isWithinSendingHours, toReminderTimeParams, toSeoulDate } from "../../../server/reminders/reminder-schedule";

const at = (text: string) => new Date(text);

describe("computeReminderWindow", () => {
  it.each([
    ["before 10:00 Seoul, then tomorrow's bookings are due at 10:00 today", "2026-03-02T08:15:00+09:00", "2026-03-02T10:00:00.000+09:00"],
    ["after 10:00 Seoul, then they are due at once", "2026-03-02T16:20:00+09:00", "2026-03-02T16:20:00.000+09:00"],
  ])("when %s", (_label, now, dueAt) => {
    expect(computeReminderWindow(at(now))).toEqual({ from: "2026-03-03T00:00:00.000+09:00", to: "2026-03-04T00:00:00.000+09:00", dueAt });
  });

  it("when it is late evening in UTC but already the next day in Seoul, then tomorrow is on the Seoul calendar", () => {
    expect(computeReminderWindow(at("2026-03-02T23:30:00Z")).from).toBe("2026-03-04T00:00:00.000+09:00");
  });
});

describe("computeReminderId", () => {
  it("when a booking starts just after midnight Seoul, then the id carries the Seoul date", () => {
    expect(computeReminderId({ id: "bk-1", start: "2026-03-03T00:30:00+09:00" })).toBe("bk-1:day_before:2026-03-03");
    expect(toSeoulDate("2026-03-02T15:30:00Z")).toBe("2026-03-03");
  });
});

describe("isWithinSendingHours", () => {
  it.each([
    ["2026-03-02T07:59:59+09:00", false], ["2026-03-02T08:00:00+09:00", true],
    ["2026-03-02T20:59:59+09:00", true], ["2026-03-02T21:00:00+09:00", false],
  ])("when it is %s, then sending is %s", (now, expected) => {
    expect(isWithinSendingHours(at(now))).toBe(expected);
  });
});

describe("computeNextAttemptAt", () => {
  it("when attempts fail, then the wait doubles from one minute up to the cap", () => {
    const now = at("2026-03-02T10:00:00+09:00");
    expect([1, 2, 3, 4, 8].map((n) => computeNextAttemptAt(now, n))).toEqual([
      "2026-03-02T10:01:00.000+09:00", "2026-03-02T10:02:00.000+09:00", "2026-03-02T10:04:00.000+09:00",
      "2026-03-02T10:08:00.000+09:00", "2026-03-02T11:00:00.000+09:00",
    ]);
  });
});

describe("toReminderTimeParams", () => {
  it("when formatted, then the date and time are Seoul wall-clock in each language", () => {
    expect(toReminderTimeParams("2026-03-03T05:00:00Z", "ko")).toEqual({ date: "3월 3일 (화)", time: "14:00" });
    expect(toReminderTimeParams("2026-03-03T05:00:00Z", "en")).toEqual({ date: "Tue 3 March", time: "14:00" });
  });
});
