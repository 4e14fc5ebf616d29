import type { FlowAnalyticsStore, FlowEventSink } from "../../bot/analytics/flow-analytics-ports";
import type { Logger } from "../logging/create-logger";
import type { Metrics } from "../observability/metrics";

/**
 * Hands analytics events to the store without making anyone wait: `record` returns at once; a
 * failure is logged (flow, version and how many events; nothing about the resident) and counted
 * as `hanbeon_events_total{kind="analytics_failed"}`, never thrown. A lost count is the price
 * of a turn that never waits for analytics.
 */
export class FlowAnalyticsRecorder implements FlowEventSink {
  private pending = new Set<Promise<void>>();

  constructor(private readonly store: FlowAnalyticsStore, private readonly logger: Logger, private readonly metrics: Metrics) {}

  record(flowId: string, version: number, events: readonly string[]): void {
    if (events.length === 0) return;
    let write: Promise<void>;
    try {
      write = this.store.add(flowId, version, events);
    } catch (error) {
      write = Promise.reject(error);
    }
    const settled = write.catch((error: unknown) => {
      this.metrics.events.inc({ kind: "analytics_failed" });
      this.logger.warn({ err: error, flowId, version, events: events.length }, "analytics counters not written");
    }).finally(() => this.pending.delete(settled));
    this.pending.add(settled);
  }

  /** Resolves once every write started so far has settled (for shutdown and tests). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
