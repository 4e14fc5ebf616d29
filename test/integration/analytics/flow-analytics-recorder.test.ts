import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FlowAnalyticsRecorder } from "../../../server/analytics/flow-analytics-recorder";
import { createLogger } from "../../../server/logging/create-logger";
import { createMetrics } from "../../../server/observability/metrics";
import { openDatabase } from "../../../server/storage/sql/open-database";
import { SqlAnalyticsStore } from "../../../server/storage/sql/sql-analytics-store";

const failedCount = async (metrics: ReturnType<typeof createMetrics>) =>
  (await metrics.events.get()).values.find((v) => v.labels.kind === "analytics_failed")?.value ?? 0;

describe("FlowAnalyticsRecorder", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-analytics-recorder-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("when the store works, then the events are counted without the caller awaiting anything", async () => {
    const db = openDatabase({ dataDir: path.join(dir, "ok") });
    const store = new SqlAnalyticsStore(db);
    const metrics = createMetrics();
    const recorder = new FlowAnalyticsRecorder(store, createLogger("silent"), metrics);
    expect(recorder.record("default", 1, ["started", "reached:consent"])).toBeUndefined();
    await recorder.flush();
    expect(await store.read("default", 1)).toEqual({ "started": 1, "reached:consent": 1 });
    expect(await failedCount(metrics)).toBe(0);
    await db.close();
  });

  it("when the store fails, then record does not throw and the failure is counted in metrics", async () => {
    const db = openDatabase({ dataDir: path.join(dir, "closed") });
    const store = new SqlAnalyticsStore(db);
    await db.close();
    const metrics = createMetrics();
    const recorder = new FlowAnalyticsRecorder(store, createLogger("silent"), metrics);
    expect(() => recorder.record("default", 1, ["started"])).not.toThrow();
    recorder.record("default", 1, ["booked"]);
    await recorder.flush();
    expect(await failedCount(metrics)).toBe(2);
  });
});
