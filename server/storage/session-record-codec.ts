import type { SessionKey } from "../../bot/ports";
import type { StoredSession } from "../../bot/conversation/stored-session";
import { storedSessionSchema } from "../../bot/conversation/stored-session";
import type { PersonalDataCipher } from "../security/personal-data-cipher";
import type { CorruptRecordReporter } from "./parse-stored-record";
import { parseSealedRecord } from "./parse-stored-record";

/** How a session store names and encodes its records (see `sealedSessionCodec`). */
export type SessionRecordCodec = {
  idOf: (key: SessionKey) => string;
  encode: (json: string) => string;
  /** Throws or returns text that does not parse when the record cannot be opened: it is then reported and read as absent. */
  decode: (stored: string) => string;
};

/**
 * Session records sealed at rest: every fact, answer and anything typed into an unfinished dialog
 * (a name, a phone) is inside one AES-256-GCM blob, and the record is named "<channel>:<HMAC of
 * the id>", so the store never holds the raw session id (a web session's bearer token). A record
 * written before sealing, or under another key, does not open: it is reported and read as absent.
 */
export function sealedSessionCodec(cipher: PersonalDataCipher): SessionRecordCodec {
  return {
    idOf: (key) => `${key.channel}:${cipher.recordId(`${key.channel}:${key.id}`)}`,
    encode: (json) => cipher.seal(json),
    decode: (stored) => cipher.open(stored),
  };
}

/** Decodes and parses a stored session; one that does not open or parse is reported (key only) and read as absent. */
export function openSessionRecord(codec: SessionRecordCodec, stored: string, where: { store: string; key: string }, report: CorruptRecordReporter): StoredSession | undefined {
  return parseSealedRecord(storedSessionSchema, stored, (sealed) => codec.decode(sealed), where, report);
}
