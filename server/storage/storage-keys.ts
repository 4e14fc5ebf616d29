import type { SessionKey } from "../../bot/ports";

/** Every Redis key and SQLite id the stores use, in one place. */
export const storageKeys = {
  session: (prefix: string, key: SessionKey) => `${prefix}session:${key.channel}:${key.id}`,
  sessionId: (key: SessionKey) => `${key.channel}:${key.id}`,
  /** A booking's JSON, by its code ("K7M-RX4"). */
  booking: (prefix: string, code: string) => `${prefix}booking:${code}`,
  /** Set of the codes holding a place in a slot (every booking but cancelled ones). */
  slotBookings: (prefix: string, slotId: string) => `${prefix}slot:${slotId}:bookings`,
  /** Sorted set of holder ids scored by expiry (epoch ms). */
  slotHolds: (prefix: string, slotId: string) => `${prefix}slot:${slotId}:holds`,
  /** Sorted set of a phone's confirmed booking codes scored by start (epoch ms). */
  phoneBookings: (prefix: string, phone: string) => `${prefix}phone:${phone}:bookings`,
  /** The booking key an idempotency key produced; kept 24 h. */
  bookingIdempotency: (prefix: string, key: string) => `${prefix}idempotency:${key}`,
  /** Sorted set of every booking code scored by start, for listings. */
  bookingsByStart: (prefix: string) => `${prefix}bookings:by-start`,
  /** Sorted set of every slot id with bookings or holds, scored by start, for counting. */
  slotsByStart: (prefix: string) => `${prefix}slots:by-start`,
  /** A reminder outbox entry's hash, by its id ("<bookingId>:day_before:<date>"). */
  reminder: (prefix: string, id: string) => `${prefix}reminder:${id}`,
  /** Sorted set of pending reminder ids scored by when each may next be claimed (epoch ms). */
  remindersDue: (prefix: string) => `${prefix}reminders:due`,
  /** An intake, sealed, by its id. */
  intake: (prefix: string, id: string) => `${prefix}intake:${id}`,
  /** The intake id of a conversation (its hashed sessionRef) and of a booking code. */
  intakeBySession: (prefix: string, sessionRef: string) => `${prefix}intake-session:${sessionRef}`,
  intakeByBooking: (prefix: string, code: string) => `${prefix}intake-booking:${code}`,
  /** Sorted set of intake ids scored by deleteAfter (epoch ms), for the retention job. */
  intakesByDeleteAfter: (prefix: string) => `${prefix}intakes:by-delete-after`,
  /** Hash of "<nodeId> <questionKey>" → corrections staff made to that question's answers. */
  questionCorrections: (prefix: string) => `${prefix}intakes:question-corrections`,
  /** A console account's JSON, by its id. */
  staffUser: (prefix: string, id: string) => `${prefix}staff:user:${id}`,
  /** Hash of lower-case username → account id. */
  staffUsersByName: (prefix: string) => `${prefix}staff:users:by-name`,
  /** A console session's JSON, by the SHA-256 of its id (the raw id is only in the cookie). */
  staffSession: (prefix: string, idHash: string) => `${prefix}staff:session:${idHash}`,
  /** Hash of audit entry id → JSON. */
  auditEntries: (prefix: string) => `${prefix}audit:entries`,
  /** Sorted set of every audit entry id scored by time (epoch ms). */
  auditByTime: (prefix: string) => `${prefix}audit:by-time`,
  /** Sorted set of a record's audit entry ids scored by time. */
  auditByRecord: (prefix: string, recordId: string) => `${prefix}audit:record:${recordId}`,
  /** Hash of a flow's version number → JSON (published and archived versions). */
  flowVersions: (prefix: string, flowId: string) => `${prefix}flow:${flowId}:versions`,
  /** A flow's draft JSON, the number of its published version, and its last version number. */
  flowDraft: (prefix: string, flowId: string) => `${prefix}flow:${flowId}:draft`,
  /** The draft's revision, kept beside its JSON (so scripts never decode the JSON); counts only while the draft exists. */
  flowDraftRevision: (prefix: string, flowId: string) => `${prefix}flow:${flowId}:draftRevision`,
  flowPublished: (prefix: string, flowId: string) => `${prefix}flow:${flowId}:published`,
  flowSeq: (prefix: string, flowId: string) => `${prefix}flow:${flowId}:seq`,
  /** Hash of analytics event name → count, for one flow version (counts only). */
  flowAnalytics: (prefix: string, flowId: string, version: number) => `${prefix}analytics:${flowId}:v${version}`,
  /** Set of a flow's version numbers that have analytics counters. */
  flowAnalyticsVersions: (prefix: string, flowId: string) => `${prefix}analytics:${flowId}:versions`,
};
