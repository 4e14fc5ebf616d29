import { z } from "zod";
import { supportedDate } from "../http/query-values";

export const asOfQuerySchema = z.strictObject({
  asOf: supportedDate.optional(),
  lang: z.enum(["ko", "en"]).optional(),
});
