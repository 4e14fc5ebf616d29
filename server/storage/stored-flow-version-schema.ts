import { z } from "zod";
import type { FlowVersion, TextTree } from "../../bot/flow-versions/flow-version-ports";

export const textTreeSchema: z.ZodType<TextTree> = z.lazy(() => z.record(z.string(), z.union([z.string(), textTreeSchema])));

/** A flow version as stored (JSON); parsed again whenever it is read back. */
export const storedFlowVersionSchema: z.ZodType<FlowVersion> = z.object({
  flowId: z.string().min(1),
  version: z.number().int().min(0),
  status: z.enum(["draft", "published", "archived"]),
  yaml: z.string(),
  texts: z.object({ ko: textTreeSchema.optional(), en: textTreeSchema.optional() }),
  createdBy: z.string(),
  createdAt: z.string(),
  note: z.string(),
  revision: z.string().min(1).optional(),
});
