import { z } from "zod";

/**
 * A piece of user-facing text, as an i18n key and its parameters. The engine never holds copy:
 * the server translates keys in the resident's language (server/i18n).
 */
export const msgSchema = z.strictObject({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
export type Msg = z.infer<typeof msgSchema>;

export type Lang = "ko" | "en";

/** What a parser returns: a value, or a reason (a Msg key) why the input did not parse. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: Msg };
