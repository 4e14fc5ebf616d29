import { Redis } from "ioredis";
import type { Logger } from "../../logging/create-logger";

/**
 * A Redis client that fails fast while disconnected (no offline queue, one retry, a command
 * timeout), so a request gets a 503 or an apology instead of hanging, and that reconnects by
 * itself when Redis returns.
 */
export function connectRedis(url: string, logger: Logger, onRestart?: () => void): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1500,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    lazyConnect: false,
  });
  let down = false;
  redis.on("error", (error: Error) => {
    if (!down) logger.warn({ err: { message: error.message } }, "redis unavailable");
    down = true;
  });
  let runId: string | undefined;
  redis.on("ready", () => {
    if (down) logger.info("redis is back");
    down = false;
    // A new run id is a restarted server: without persistence (AOF/RDB) its chat sessions are gone,
    // and residents who come back start again. Bookings, intakes and the audit log are not in Redis.
    redis.info("server").then((info) => {
      const id = /run_id:(\w+)/.exec(info)?.[1];
      if (runId !== undefined && id !== undefined && id !== runId) {
        logger.warn("redis restarted: chat sessions survive only if it persists (AOF/RDB); residents whose session is gone start again");
        onRestart?.();
      }
      runId = id ?? runId;
    }, () => undefined); // not answered: the next "ready" asks again

  });
  return redis;
}

export async function pingRedis(redis: Redis): Promise<boolean> {
  if (redis.status !== "ready") return false;
  try {
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  }
}
