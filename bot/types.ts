/**
 * A piece of user-facing text, as an i18n key and its parameters. The engine never holds copy:
 * the server translates keys with i18next in the resident's language.
 */
export type Msg = { key: string; params?: Record<string, string | number> };

export type Lang = "ko" | "en";

/** What a parser returns: a value, or a reason (a Msg key) why the input did not parse. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: Msg };
