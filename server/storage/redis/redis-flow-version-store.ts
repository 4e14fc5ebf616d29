import type { Redis } from "ioredis";
import { z } from "zod";
import type { FlowVersion, FlowVersionInput, FlowVersionStore } from "../../../bot/flow-versions/flow-version-ports";
import type { CorruptRecordReporter } from "../parse-stored-record";
import { parseStoredRecord } from "../parse-stored-record";
import { storageKeys } from "../storage-keys";
import { storedFlowVersionSchema } from "../stored-flow-version-schema";
import { draftConflict, newDraftRevision, publishConflict } from "../publish-conflict";
import { execTransaction } from "./exec-transaction";
import { PUBLISH_VERSION_LUA, SAVE_DRAFT_LUA } from "./flow-version-scripts";

/** The publish script's reply: the new number (or -1 when the expected number did not match) and the previous published one. */
const publishReplySchema = z.tuple([z.number().int(), z.string()]);
/** The save-draft script's reply: 1 saved, or 0 and the draft's current revision ("" = none). */
const saveDraftReplySchema = z.tuple([z.number().int(), z.string()]);

/** A version's content only, `flowId` first (the publish script splices number and status in front of its JSON). */
function toContent(input: FlowVersionInput): FlowVersionInput {
  return { flowId: input.flowId, yaml: input.yaml, texts: input.texts, createdBy: input.createdBy, createdAt: input.createdAt, note: input.note };
}

/**
 * Flow versions in Redis: a hash of number → JSON, the draft's JSON and its revision, the
 * published number and a counter. Publishing and checked draft saves are Lua scripts
 * (flow-version-scripts.ts) that never decode the JSON, so instances publishing at once get
 * different numbers, exactly one version stays published, and any text JS can write is stored.
 */
export class RedisFlowVersionStore implements FlowVersionStore {
  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly reportCorrupt: CorruptRecordReporter) {
    redis.defineCommand("hanbeonPublishVersion", { numberOfKeys: 5, lua: PUBLISH_VERSION_LUA });
    redis.defineCommand("hanbeonSaveDraft", { numberOfKeys: 2, lua: SAVE_DRAFT_LUA });
  }

  /** The draft; its revision is the one in its JSON when older code wrote it there, else the revision key's. */
  async findDraft(flowId: string): Promise<FlowVersion | undefined> {
    const key = storageKeys.flowDraft(this.prefix, flowId);
    const [text, revision] = await this.redis.mget(key, storageKeys.flowDraftRevision(this.prefix, flowId));
    const draft = this.parse(text ?? null, key);
    if (!draft || draft.revision !== undefined || !revision) return draft;
    return { ...draft, revision };
  }

  async saveDraft(draft: FlowVersionInput, expectedRevision?: string | null): Promise<FlowVersion> {
    const { flowId, yaml, texts, createdBy, createdAt, note } = draft;
    const stored: FlowVersion = { flowId, yaml, texts, createdBy, createdAt, note, version: 0, status: "draft" };
    const revision = newDraftRevision();
    const keys = [storageKeys.flowDraft(this.prefix, flowId), storageKeys.flowDraftRevision(this.prefix, flowId)];
    const check = expectedRevision === undefined ? "0" : "1";
    const [ok, current] = saveDraftReplySchema.parse(await this.redis.hanbeonSaveDraft(...keys, JSON.stringify(stored), revision, check, expectedRevision ?? ""));
    if (ok !== 1) throw draftConflict(current === "" ? null : current);
    return { ...stored, revision };
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
      storageKeys.flowDraftRevision(this.prefix, input.flowId),
    ];
    const expected = expectedPublished === undefined ? "" : expectedPublished === null ? "none" : String(expectedPublished);
    const content = toContent(input);
    const [number, current] = publishReplySchema.parse(await this.redis.hanbeonPublishVersion(...keys, JSON.stringify(content), dropDraft ? "1" : "0", expected,
      dropDraftRevision === undefined ? "0" : "1", dropDraftRevision ?? ""));
    if (number === -1) throw publishConflict(current === "" ? null : Number(current));
    return { ...content, version: number, status: "published" };
  }

  async seedVersion(input: FlowVersionInput): Promise<void> {
    const first = await this.redis.setnx(storageKeys.flowSeq(this.prefix, input.flowId), "1");
    if (first !== 1) return;
    // The same layout the publish script writes: number and status first.
    await execTransaction(this.redis.multi()
      .hset(storageKeys.flowVersions(this.prefix, input.flowId), "1", `{"version":1,"status":"published",${JSON.stringify(toContent(input)).slice(1)}`)
      .set(storageKeys.flowPublished(this.prefix, input.flowId), "1"), "seed flow version");
  }

  private parse(text: string | null, key: string): FlowVersion | undefined {
    return text === null ? undefined : parseStoredRecord(storedFlowVersionSchema, text, { store: "redis", key }, this.reportCorrupt);
  }
}
