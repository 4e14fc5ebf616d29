import type { FlowAnalyticsStore } from "../../../bot/analytics/flow-analytics-ports";
import type { SqlDatabase } from "./open-database";

/** Analytics counters in SQL: one row per (flow, version, event), upserted in one transaction. */
export class SqlAnalyticsStore implements FlowAnalyticsStore {
  constructor(private readonly sql: SqlDatabase) {}

  async add(flowId: string, version: number, events: readonly string[]): Promise<void> {
    const counts = new Map<string, number>();
    for (const event of events) counts.set(event, (counts.get(event) ?? 0) + 1);
    if (counts.size === 0) return;
    // Sorted, so two writers on PostgreSQL lock the rows in the same order.
    const rows = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([event, count]) => ({ flow_id: flowId, version, event, count }));
    await (await this.sql.open()).insertInto("analytics_counters").values(rows)
      .onConflict((oc) => oc.columns(["flow_id", "version", "event"]).doUpdateSet((eb) => ({ count: eb("analytics_counters.count", "+", eb.ref("excluded.count")) }))).execute();
  }

  async read(flowId: string, version: number): Promise<Record<string, number>> {
    const rows = await (await this.sql.open()).selectFrom("analytics_counters").select(["event", "count"]).where("flow_id", "=", flowId).where("version", "=", version).execute();
    return Object.fromEntries(rows.map((row) => [row.event, Number(row.count)]));
  }

  async versions(flowId: string): Promise<number[]> {
    const rows = await (await this.sql.open()).selectFrom("analytics_counters").select("version").distinct().where("flow_id", "=", flowId).orderBy("version").execute();
    return rows.map((row) => Number(row.version));
  }
}
