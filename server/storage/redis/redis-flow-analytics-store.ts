import type { Redis } from "ioredis";
import type { FlowAnalyticsStore } from "../../../bot/analytics/flow-analytics-ports";
import { storageKeys } from "../storage-keys";
import { execTransaction } from "./exec-transaction";

/** Analytics counters in Redis: one hash per flow version (HINCRBY in one MULTI) and a set of versions. */
export class RedisFlowAnalyticsStore implements FlowAnalyticsStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async add(flowId: string, version: number, events: readonly string[]): Promise<void> {
    if (events.length === 0) return;
    const key = storageKeys.flowAnalytics(this.prefix, flowId, version);
    const multi = this.redis.multi().sadd(storageKeys.flowAnalyticsVersions(this.prefix, flowId), String(version));
    for (const event of events) multi.hincrby(key, event, 1);
    await execTransaction(multi, "count analytics events");
  }

  async read(flowId: string, version: number): Promise<Record<string, number>> {
    const all = await this.redis.hgetall(storageKeys.flowAnalytics(this.prefix, flowId, version));
    return Object.fromEntries(Object.entries(all).flatMap(([event, text]) => {
      const count = Number(text);
      return Number.isSafeInteger(count) && count > 0 ? [[event, count]] : [];
    }));
  }

  async versions(flowId: string): Promise<number[]> {
    const members = await this.redis.smembers(storageKeys.flowAnalyticsVersions(this.prefix, flowId));
    return members.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0).sort((a, b) => a - b);
  }
}
