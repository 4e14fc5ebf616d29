import { computeOpenSlots } from "../../../bot/booking/compute-open-slots";
import { parseSlotId, toSlotId } from "../../../bot/booking/slot-id";
import { loadSchedule } from "../../../flows/load-schedule";
import { specialtyValues } from "../../../flows/schema/catalog";

describe("toSlotId", () => {
  it("when the start is in Seoul time, then the id is specialty@start", () => {
    expect(toSlotId("debt", "2026-12-03T10:00+09:00")).toBe("debt@2026-12-03T10:00+09:00");
  });

  it("when the start is the same instant in UTC or with seconds, then the id is the same", () => {
    expect(toSlotId("debt", "2026-12-03T01:00:00.000Z")).toBe("debt@2026-12-03T10:00+09:00");
    expect(toSlotId("illegal_lending", "2026-12-31T15:30:00Z")).toBe("illegal_lending@2027-01-01T00:30+09:00");
  });

  it("when the start is not an instant on a whole minute, then it throws a RangeError", () => {
    expect(() => toSlotId("debt", "soon")).toThrow(RangeError);
    expect(() => toSlotId("debt", "2026-12-03T10:00:30+09:00")).toThrow(RangeError);
  });
});

describe("parseSlotId", () => {
  it("when the id is canonical, then the specialty and start come back", () => {
    expect(parseSlotId("illegal_lending@2026-12-03T10:00+09:00")).toEqual({ specialty: "illegal_lending", start: "2026-12-03T10:00+09:00" });
  });

  it("when every specialty's id is parsed back, then it round-trips", () => {
    for (const specialty of specialtyValues) {
      const id = toSlotId(specialty, "2027-02-10T13:30+09:00");
      const parsed = parseSlotId(id);
      expect(parsed).toEqual({ specialty, start: "2027-02-10T13:30+09:00" });
      expect(parsed && toSlotId(parsed.specialty, parsed.start)).toBe(id);
    }
  });

  it("when listed slots' ids are parsed, then each gives back its own specialty and start", () => {
    const slots = computeOpenSlots(loadSchedule(), new Map(), "2026-04-06T18:00+09:00", { specialty: "welfare", from: "2026-04-07", days: 2 });
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) expect(parseSlotId(slot.id)).toEqual({ specialty: slot.specialty, start: slot.start });
  });

  it.each([
    ["", "empty"],
    ["debt", "no time"],
    ["tax@2026-12-03T10:00+09:00", "unknown specialty"],
    ["Debt@2026-12-03T10:00+09:00", "upper case"],
    ["debt@2026-02-30T10:00+09:00", "no such date"],
    ["debt@2026-12-03T24:00+09:00", "hour 24"],
    ["debt@2026-12-03T10:60+09:00", "minute 60"],
    ["debt@2026-12-03T01:00Z", "not in Seoul time"],
    ["debt@2026-12-03T10:00:00+09:00", "with seconds"],
    ["debt@2026-12-03T10:00+09:00 ", "trailing space"],
    ["debt@@2026-12-03T10:00+09:00", "two @"],
  ])("when the id is %j (%s), then it is undefined", (id) => {
    expect(parseSlotId(id)).toBeUndefined();
  });
});
