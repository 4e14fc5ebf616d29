import type { Redis } from "ioredis";
import type { Logger } from "../../logging/create-logger";

/**
 * Tells every instance that an admin published a document ("default", "rules", "schedule"), so
 * each applies it within a second instead of waiting for its poll. Redis pub/sub on a connection
 * of its own (a subscribed connection can do nothing else). A message lost while Redis is away is
 * covered by the poll, which stays as the fallback.
 */
export type PublishChannel = {
  announce: (documentId: string) => Promise<void>;
  /** Calls `listener` with each document id announced by any instance (this one included). */
  listen: (listener: (documentId: string) => void) => void;
  /** Resolves once this instance is subscribed (true), or false after `withinMs` (it keeps trying; polling covers meanwhile). */
  subscribed: (withinMs: number) => Promise<boolean>;
  close: () => Promise<void>;
};

export function createPublishChannel(redis: Redis, prefix: string, logger: Logger): PublishChannel {
  const channel = `${prefix}published`;
  const subscriber = redis.duplicate();
  subscriber.on("error", () => {}); // reported by the shared connection's listener
  const listeners: ((documentId: string) => void)[] = [];
  subscriber.on("message", (from: string, documentId: string) => {
    if (from === channel) for (const listener of listeners) listener(documentId);
  });
  let isSubscribed = false;
  const waiting: (() => void)[] = [];
  // Subscribes again after every reconnect (ioredis does too; this covers a first connect that failed).
  subscriber.on("ready", () => {
    subscriber.subscribe(channel).then(() => {
      isSubscribed = true;
      for (const wake of waiting.splice(0)) wake();
    }, (error: unknown) => logger.warn({ err: error }, "publish notifications unavailable; polling instead"));
  });
  return {
    announce: async (documentId) => {
      await redis.publish(channel, documentId);
    },
    listen: (listener) => {
      listeners.push(listener);
    },
    subscribed: (withinMs) => isSubscribed ? Promise.resolve(true) : new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), withinMs);
      timer.unref();
      waiting.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    }),
    close: async () => {
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
