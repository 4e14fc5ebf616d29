import type { SessionState } from "./conversation/session-state";

/** Where a conversation comes from; stored and shown to staff and analytics. */
export type Channel = "web" | "kakao" | "botpress";

/** A conversation's key: the channel and an opaque id (a web session id, a hashed Kakao key). */
export type SessionKey = { channel: Channel; id: string };

/** What a session store keeps per conversation: the engine state and channel bookkeeping. */
export type StoredSession = {
  state: SessionState;
  /** Channel-specific view state, such as which page of quick replies Kakao shows. */
  view: { optionPage: number };
};

/**
 * Sessions, kept until they have been idle for `ttlSeconds`. Implementations parse what they
 * read back; a record that does not parse is reported and answered as absent (a fresh start).
 */
export interface SessionStore {
  findSession(key: SessionKey): Promise<StoredSession | undefined>;
  /** Saves and restarts the idle clock. */
  saveSession(key: SessionKey, session: StoredSession, ttlSeconds: number): Promise<void>;
  /** Returns whether something was erased. */
  eraseSession(key: SessionKey): Promise<boolean>;
}

/** A store that can say whether it answers, for /readyz. */
export interface Pingable {
  ping(): Promise<boolean>;
}

/** The engine's only clock, injected at the edge. */
export type Clock = () => Date;
