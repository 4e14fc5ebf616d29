import { z } from "zod";

/** A flow's wording overrides per language: a nested tree of text keys merged over locales/. */
export type TextTree = { [key: string]: string | TextTree };
export const textTreeSchema: z.ZodType<TextTree> = z.lazy(() => z.record(z.string(), z.union([z.string(), textTreeSchema])));

/**
 * One saved version of a flow: its YAML and wording overrides. Published versions are numbered
 * 1, 2, …; the draft (at most one per flow) has version 0 until it is published. Stores parse
 * what they read back with it.
 */
export const flowVersionSchema = z.object({
  flowId: z.string().min(1),
  version: z.number().int().min(0),
  status: z.enum(["draft", "published", "archived"]),
  yaml: z.string(),
  texts: z.object({ ko: textTreeSchema.optional(), en: textTreeSchema.optional() }),
  createdBy: z.string(),
  createdAt: z.string(),
  note: z.string(),
  /**
   * The draft's revision: an opaque token the store sets on every save, so an editor can save
   * only over the draft it read. Absent on numbered versions and on drafts saved before revisions.
   */
  revision: z.string().min(1).optional(),
});
export type FlowVersion = z.infer<typeof flowVersionSchema>;

/** What publishing stores: the content; the store assigns the number and archives the previous one. */
export type FlowVersionInput = Omit<FlowVersion, "version" | "status" | "revision">;

/** Flow versions. History is append-only: publishing and rolling back both add a new version. */
export interface FlowVersionStore {
  findDraft(flowId: string): Promise<FlowVersion | undefined>;
  /**
   * Replaces the flow's one draft and gives it a new revision. With `expectedRevision` (a
   * revision, or null for "no draft, or one saved before revisions") it saves only while that is
   * still the draft's revision, in one atomic step, and otherwise throws a CONFLICT DomainError
   * with details `{revision}` (the current one or null), so two admins never overwrite each other unseen.
   */
  saveDraft(draft: FlowVersionInput, expectedRevision?: string | null): Promise<FlowVersion>;
  /** Every numbered version, oldest first. */
  listVersions(flowId: string): Promise<FlowVersion[]>;
  findVersion(flowId: string, version: number): Promise<FlowVersion | undefined>;
  /** The number of the published version, or undefined before anything was published. */
  findPublishedNumber(flowId: string): Promise<number | undefined>;
  /**
   * Adds `input` as the next version, published, in one atomic step: the previous one becomes
   * archived; the draft is dropped when `dropDraft`. With `expectedPublished` (a number, or null
   * for "nothing published yet") it publishes only while that is still the published number, and
   * otherwise throws a CONFLICT DomainError, so two admins never overwrite each other unseen.
   * With `dropDraftRevision` (a revision, or null for a draft without one) the draft is dropped
   * only while it is still that revision, so a draft saved after the publisher read it survives.
   */
  publishVersion(input: FlowVersionInput, dropDraft: boolean, expectedPublished?: number | null, dropDraftRevision?: string | null): Promise<FlowVersion>;
  /** Stores `input` as version 1, published, unless the flow has versions already (several instances may race). */
  seedVersion(input: FlowVersionInput): Promise<void>;
}
