import type { Redis } from "ioredis";
import type { FlowVersion, FlowVersionInput, FlowVersionStore } from "../../../bot/flow-versions/flow-version-ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { parseStoredRecord } from "../parse-stored-record";
import { storageKeys } from "../storage-keys";
import { storedFlowVersionSchema } from "../stored-flow-version-schema";

/**
 * Flow versions in Redis: a hash of number → JSON, the draft's JSON, the published number and a
 * counter (INCR), so two instances publishing at once get different numbers.
 */
export class RedisFlowVersionStore implements FlowVersionStore {
  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly reportCorrupt: CorruptRecordReporter) {}

  async findDraft(flowId: string): Promise<FlowVersion | undefined> {
    const key = storageKeys.flowDraft(this.prefix, flowId);
    return this.parse(await this.redis.get(key), key);
  }

  async saveDraft(draft: FlowVersionInput): Promise<FlowVersion> {
    const saved: FlowVersion = { ...draft, version: 0, status: "draft" };
    await this.redis.set(storageKeys.flowDraft(this.prefix, draft.flowId), JSON.stringify(saved));
    return saved;
  }

  async listVersions(flowId: string): Promise<FlowVersion[]> {
    const key = storageKeys.flowVersions(this.prefix, flowId);
    const all = await this.redis.hgetall(key);
    return Object.values(all).flatMap((text) => this.parse(text, key) ?? []).sort((a, b) => a.version - b.version);
  }

  async findVersion(flowId: string, version: number): Promise<FlowVersion | undefined> {
    const key = storageKeys.flowVersions(this.prefix, flowId);
    return this.parse(await this.redis.hget(key, String(version)), key);
  }

  async findPublishedNumber(flowId: string): Promise<number | undefined> {
    const text = await this.redis.get(storageKeys.flowPublished(this.prefix, flowId));
    return text === null ? undefined : Number(text);
  }

  async publishVersion(input: FlowVersionInput, dropDraft: boolean): Promise<FlowVersion> {
    const number = await this.redis.incr(storageKeys.flowSeq(this.prefix, input.flowId));
    const previous = await this.findPublishedNumber(input.flowId);
    const old = previous === undefined ? undefined : await this.findVersion(input.flowId, previous);
    const next: FlowVersion = { ...input, version: number, status: "published" };
    const versions = storageKeys.flowVersions(this.prefix, input.flowId);
    const multi = this.redis.multi().hset(versions, String(number), JSON.stringify(next));
    if (old) multi.hset(versions, String(old.version), JSON.stringify({ ...old, status: "archived" }));
    multi.set(storageKeys.flowPublished(this.prefix, input.flowId), String(number));
    if (dropDraft) multi.del(storageKeys.flowDraft(this.prefix, input.flowId));
    await multi.exec();
    return next;
  }

  async seedVersion(input: FlowVersionInput): Promise<void> {
    const first = await this.redis.setnx(storageKeys.flowSeq(this.prefix, input.flowId), "1");
    if (first !== 1) return;
    await this.redis.multi()
      .hset(storageKeys.flowVersions(this.prefix, input.flowId), "1", JSON.stringify({ ...input, version: 1, status: "published" }))
      .set(storageKeys.flowPublished(this.prefix, input.flowId), "1")
      .exec();
  }

  private parse(text: string | null, key: string): FlowVersion | undefined {
    return text === null ? undefined : parseStoredRecord(storedFlowVersionSchema, text, { store: "redis", key }, this.reportCorrupt);
  }
}
