import type { FlowAnalyticsStore } from "../../../bot/analytics/flow-analytics-ports";
import { SqlAnalyticsStore } from "../../../server/storage/sql/sql-analytics-store";
import { sqlBackends } from "../../support/sql-backends";

type Harness = { store: FlowAnalyticsStore; close: () => Promise<void> };

const implementations = sqlBackends("analytics").map(([name, backend]): [string, () => Promise<Harness>] => [name, async () => {
  const store = backend();
  return { store: new SqlAnalyticsStore(store.open()), close: () => store.close() };
}]);

describe.each(implementations)("FlowAnalyticsStore contract (%s)", (_name, make) => {
  let h: Harness;
  beforeEach(async () => { h = await make(); });
  afterEach(async () => { await h.close(); });

  it("when events are added, then each counter grows by how often it was named", async () => {
    await h.store.add("default", 2, ["started", "reached:consent"]);
    await h.store.add("default", 2, ["reached:consent", "answered:consent", "answered:consent"]);
    expect(await h.store.read("default", 2)).toEqual({ "started": 1, "reached:consent": 2, "answered:consent": 2 });
  });

  it("when versions and flows differ, then their counters are kept apart", async () => {
    await h.store.add("default", 1, ["started"]);
    await h.store.add("default", 3, ["started", "finished"]);
    await h.store.add("other", 1, ["booked"]);
    expect(await h.store.read("default", 1)).toEqual({ started: 1 });
    expect(await h.store.read("default", 3)).toEqual({ started: 1, finished: 1 });
    expect(await h.store.read("other", 1)).toEqual({ booked: 1 });
    expect(await h.store.versions("default")).toEqual([1, 3]);
  });

  it("when nothing was counted, then a version reads as empty and no version is listed", async () => {
    await h.store.add("default", 4, []);
    expect(await h.store.read("default", 4)).toEqual({});
    expect(await h.store.versions("default")).toEqual([]);
  });

  it("when many writers (on two connections) add at once, then no count is lost", async () => {
    await Promise.all(Array.from({ length: 50 }, () => h.store.add("default", 1, ["started", "reached:consent"])));
    expect(await h.store.read("default", 1)).toEqual({ "started": 50, "reached:consent": 50 });
  });
});
