import type { SessionKey, StoredSession } from "../../bot/ports";
import type { CorruptRecordReporter } from "./parse-stored-record";
import { parseStoredRecord } from "./parse-stored-record";
import { storedSessionSchema } from "./stored-session-schema";

/**
 * How a session store names and encodes its records: the seam where session records get sealed
 * and keyed by a hash of the session id (the bearer token) instead of the raw id. `plainSessionCodec`
 * keeps today's form: "<channel>:<id>" and the JSON as is.
 */
export type SessionRecordCodec = {
  idOf: (key: SessionKey) => string;
  encode: (json: string) => string;
  /** Throws or returns text that does not parse when the record cannot be opened: it is then reported and read as absent. */
  decode: (stored: string) => string;
};

export const plainSessionCodec: SessionRecordCodec = {
  idOf: (key) => `${key.channel}:${key.id}`,
  encode: (json) => json,
  decode: (stored) => stored,
};

/** Decodes and parses a stored session; one that does not open or parse is reported (key only) and read as absent. */
export function openSessionRecord(codec: SessionRecordCodec, stored: string, where: { store: string; key: string }, report: CorruptRecordReporter): StoredSession | undefined {
  let text: string;
  try {
    text = codec.decode(stored);
  } catch {
    report({ ...where, issues: 1 });
    return undefined;
  }
  return parseStoredRecord(storedSessionSchema, text, where, report);
}
