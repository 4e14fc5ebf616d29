import { computeOpenSlots, nearestSlots } from "../../../bot/booking/compute-open-slots";
import { loadSchedule } from "../../../flows/load-schedule";

const schedule = loadSchedule();
const NOW = "2026-12-03T08:00:00+09:00";

/** The definition: every open slot of the horizon, nearest first, ties to the earlier. */
function bruteForce(taken: ReadonlyMap<string, number>, around: string, specialty: "debt" | "legal", count = 3) {
  const target = Date.parse(around.split("@")[1] ?? "");
  const distance = (start: string) => Math.abs(Date.parse(start) - target);
  return computeOpenSlots(schedule, taken, NOW, { specialty, from: "2026-12-03", days: schedule.horizonDays + 1 })
    .filter((s) => s.id !== around)
    .sort((a, b) => distance(a.start) - distance(b.start) || Date.parse(a.start) - Date.parse(b.start))
    .slice(0, count)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

describe("nearestSlots", () => {
  const all = computeOpenSlots(schedule, new Map(), NOW, { specialty: "legal", from: "2026-12-03", days: schedule.horizonDays + 1 });

  it("when the days around a slot have room, then the windowed search equals the whole-horizon definition", () => {
    for (const slot of all.filter((_, i) => i % 7 === 0)) {
      expect(nearestSlots(schedule, new Map(), NOW, slot.id)).toEqual(bruteForce(new Map(), slot.id, "legal"));
    }
  });

  it("when the week around a slot is full, then it still finds the nearest open slots further away", () => {
    const around = all[10];
    if (!around) throw new Error("the schedule has too few slots");
    const aroundDay = Date.parse(around.start);
    const taken = new Map(all.filter((s) => Math.abs(Date.parse(s.start) - aroundDay) < 6 * 86_400_000).map((s) => [s.id, 99]));
    const found = nearestSlots(schedule, taken, NOW, around.id);
    expect(found).toHaveLength(3);
    expect(found).toEqual(bruteForce(taken, around.id, "legal"));
  });
});
