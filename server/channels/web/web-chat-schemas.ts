import { z } from "zod";

export const createSessionBodySchema = z.strictObject({ lang: z.enum(["ko", "en"]).optional() });

/** A message is typed text or a tapped option, never both. */
export const sendMessageBodySchema = z.union([
  z.strictObject({ text: z.string().max(2000) }),
  z.strictObject({ optionId: z.string().min(1).max(200) }),
]);

/** 128 random bits, base64url: anything else cannot be one of ours. */
export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
