import { createHash } from "node:crypto";
import type { SessionKey } from "../../bot/ports";

/**
 * The reference bookings and intakes keep to a conversation: the channel and a hash of its key,
 * so a web session id (a capability) is never stored beside them. Stable per conversation.
 */
export function toSessionRef(key: SessionKey): string {
  return `${key.channel}:${createHash("sha256").update(`${key.channel}:${key.id}`).digest("hex").slice(0, 32)}`;
}
