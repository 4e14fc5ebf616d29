import { z } from "zod";

export const asOfQuerySchema = z.strictObject({
  asOf: z.iso.date().optional(),
  lang: z.enum(["ko", "en"]).optional(),
});
