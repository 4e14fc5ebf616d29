import { z } from "zod";
import { draftFactsSchema } from "../../flows/schema/case-facts";

export const STATE_SCHEMA_VERSION = 2;

const varsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** Node ids: questions answered "don't know", skipped, or deferred (optional: older states have none). */
const nodeIdsSchema = z.array(z.string()).max(200).optional();
const unknownSchema = nodeIdsSchema;
/** Where each answered question led, by its id, so a later walk passes it the same way. */
const routesSchema = z.record(z.string(), z.string()).optional();

/** How the walk chooses what to ask: before the first result, or refining it afterwards. */
const walkSchema = {
  /** Questions passed over because no answer could change the result (said to staff). */
  skipped: nodeIdsSchema,
  /** Questions left for after the first result (detail, or everything after urgent help). */
  deferred: nodeIdsSchema,
  /** Urgent help was raised before the first result: the result comes next, the rest after it. */
  urgentFirst: z.boolean().optional(),
  /** The resident chose to answer more after the first result. */
  refining: z.boolean().optional(),
  routes: routesSchema,
  /**
   * Money questions answered by tapping a range, by node id: the range as shown (the fact holds
   * a representative amount inside it, which every rule reads as any amount in the range).
   */
  ranges: z.record(z.string(), z.strictObject({
    min: z.number().int().min(0),
    max: z.number().int().min(0).nullable(),
    label: z.strictObject({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
  })).optional(),
};

const snapshotSchema = z.strictObject({
  nodeId: z.string(),
  facts: draftFactsSchema,
  vars: varsSchema,
  answered: z.number().int().min(0),
  unknown: unknownSchema,
  ...walkSchema,
});

/**
 * Facts read from a free-text message, waiting for the resident's yes or fix: only what was
 * still unknown, and the dotted paths proposed. Nothing here reaches `facts` (or the scorer)
 * until the resident confirms. The resident's words themselves are never kept.
 */
export const pendingFactsSchema = z.strictObject({
  facts: draftFactsSchema,
  items: z.array(z.string()).min(1).max(50),
});

/**
 * Everything the engine needs to continue a conversation. It is plain JSON, carries the flow
 * version it started on, and is parsed again whenever it is read back from a store (a state
 * written by an older version is upgraded first: see `upgradeState`).
 */
const currentStateSchema = z.strictObject({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  flowId: z.string(),
  flowVersion: z.number().int().min(1),
  lang: z.enum(["ko", "en"]),
  nodeId: z.string(),
  facts: draftFactsSchema,
  vars: varsSchema,
  /** Snapshots before each answer, newest last, so "back" can undo one answer at a time. */
  history: z.array(snapshotSchema).max(200),
  answered: z.number().int().min(0),
  done: z.boolean(),
  /** The Seoul date whose rules were applied when the flow reached its evaluate node. */
  evaluatedOn: z.iso.date().optional(),
  /** A proposal from a free-text message awaiting confirmation (optional: older states have none). */
  pendingFacts: pendingFactsSchema.optional(),
  /**
   * Questions the resident answered "몰라요": their facts stay missing, they are not asked
   * again, and a summary can say "모름".
   */
  unknown: unknownSchema,
  ...walkSchema,
  /** Message nodes already said in this conversation: said once, never again on a later walk. */
  shown: nodeIdsSchema,
  /** The question count last shown, so the estimate never jumps up by more than 2. */
  shownTotal: z.number().int().min(0).optional(),
  startedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});

/**
 * Version 1 kept the flow alerts already shown (`alertsShown`); urgent help is now kept by the
 * conversation (the stored session's `urgent`), so the list is dropped.
 */
function upgradeState(data: unknown): unknown {
  if (!isRecord(data) || data.schemaVersion !== 1) return data;
  return { ...Object.fromEntries(Object.entries(data).filter(([key]) => key !== "alertsShown")), schemaVersion: STATE_SCHEMA_VERSION };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const sessionStateSchema = z.preprocess(upgradeState, currentStateSchema);
export type SessionState = z.infer<typeof currentStateSchema>;
export type PendingFacts = z.infer<typeof pendingFactsSchema>;
export type StateSnapshot = z.infer<typeof snapshotSchema>;
export type AnsweredRange = NonNullable<SessionState["ranges"]>[string];
