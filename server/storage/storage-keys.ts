import type { SessionKey } from "../../bot/ports";

/** Every Redis key and SQLite id the stores use, in one place. */
export const storageKeys = {
  session: (prefix: string, key: SessionKey) => `${prefix}session:${key.channel}:${key.id}`,
  sessionId: (key: SessionKey) => `${key.channel}:${key.id}`,
};
