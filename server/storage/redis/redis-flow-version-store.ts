import type { Redis } from "ioredis";
import { z } from "zod";
import type { FlowVersion, FlowVersionInput, FlowVersionStore } from "../../../bot/flow-versions/flow-version-ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { parseStoredRecord } from "../parse-stored-record";
import { storageKeys } from "../storage-keys";
import { storedFlowVersionSchema } from "../stored-flow-version-schema";
import { draftConflict, newDraftRevision, publishConflict } from "../publish-conflict";
import { PUBLISH_VERSION_LUA, SAVE_DRAFT_LUA } from "./flow-version-scripts";

/** The publish script's reply: the new number (or -1 when the expected number did not match) and the previous published one. */
const publishReplySchema = z.tuple([z.number().int(), z.string()]);
/** The save-draft script's reply: 1 saved, or 0 and the draft's current revision ("" = none). */
const saveDraftReplySchema = z.tuple([z.number().int(), z.string()]);

/**
 * Flow versions in Redis: a hash of number → JSON, the draft's JSON, the published number and a
 * counter. Publishing is one Lua script (flow-version-scripts.ts), so instances publishing at once
 * get different numbers and exactly one version stays published.
 */
export class RedisFlowVersionStore implements FlowVersionStore {
  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly reportCorrupt: CorruptRecordReporter) {
    redis.defineCommand("hanbeonPublishVersion", { numberOfKeys: 4, lua: PUBLISH_VERSION_LUA });
    redis.defineCommand("hanbeonSaveDraft", { numberOfKeys: 1, lua: SAVE_DRAFT_LUA });
  }

  async findDraft(flowId: string): Promise<FlowVersion | undefined> {
    const key = storageKeys.flowDraft(this.prefix, flowId);
    return this.parse(await this.redis.get(key), key);
  }

  async saveDraft(draft: FlowVersionInput, expectedRevision?: string | null): Promise<FlowVersion> {
    const saved: FlowVersion = { ...draft, version: 0, status: "draft", revision: newDraftRevision() };
    const key = storageKeys.flowDraft(this.prefix, draft.flowId);
    if (expectedRevision === undefined) {
      await this.redis.set(key, JSON.stringify(saved));
      return saved;
    }
    const [ok, current] = saveDraftReplySchema.parse(await this.redis.hanbeonSaveDraft(key, JSON.stringify(saved), expectedRevision ?? ""));
    if (ok !== 1) throw draftConflict(current === "" ? null : current);
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

  async publishVersion(input: FlowVersionInput, dropDraft: boolean, expectedPublished?: number | null, dropDraftRevision?: string | null): Promise<FlowVersion> {
    const keys = [
      storageKeys.flowSeq(this.prefix, input.flowId), storageKeys.flowVersions(this.prefix, input.flowId),
      storageKeys.flowPublished(this.prefix, input.flowId), storageKeys.flowDraft(this.prefix, input.flowId),
    ];
    const expected = expectedPublished === undefined ? "" : expectedPublished === null ? "none" : String(expectedPublished);
    const content: FlowVersionInput = { flowId: input.flowId, yaml: input.yaml, texts: input.texts, createdBy: input.createdBy, createdAt: input.createdAt, note: input.note };
    const [number, current] = publishReplySchema.parse(await this.redis.hanbeonPublishVersion(...keys, JSON.stringify(content), dropDraft ? "1" : "0", expected,
      dropDraftRevision === undefined ? "0" : "1", dropDraftRevision ?? ""));
    if (number === -1) throw publishConflict(current === "" ? null : Number(current));
    return { ...content, version: number, status: "published" };
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
