import type Database from "better-sqlite3";
import type { FlowAnalyticsStore } from "../../../bot/analytics/flow-analytics-ports";

/** Analytics counters in the embedded SQLite file: one row per (flow, version, event), upserted in one transaction. */
export class SqliteFlowAnalyticsStore implements FlowAnalyticsStore {
  private readonly bump: Database.Statement<[string, number, string]>;
  private readonly counts: Database.Statement<[string, number], { event: string; count: number }>;
  private readonly numbers: Database.Statement<[string], { version: number }>;
  private readonly addTx: (flowId: string, version: number, events: readonly string[]) => void;

  constructor(db: Database.Database) {
    this.bump = db.prepare("INSERT INTO flow_analytics (flow_id, version, event, count) VALUES (?, ?, ?, 1) ON CONFLICT(flow_id, version, event) DO UPDATE SET count = count + 1");
    this.counts = db.prepare("SELECT event, count FROM flow_analytics WHERE flow_id = ? AND version = ?");
    this.numbers = db.prepare("SELECT DISTINCT version FROM flow_analytics WHERE flow_id = ? ORDER BY version");
    this.addTx = db.transaction((flowId: string, version: number, events: readonly string[]) => {
      for (const event of events) this.bump.run(flowId, version, event);
    });
  }

  async add(flowId: string, version: number, events: readonly string[]): Promise<void> {
    this.addTx(flowId, version, events);
  }

  async read(flowId: string, version: number): Promise<Record<string, number>> {
    return Object.fromEntries(this.counts.all(flowId, version).map((row) => [row.event, row.count]));
  }

  async versions(flowId: string): Promise<number[]> {
    return this.numbers.all(flowId).map((row) => row.version);
  }
}
