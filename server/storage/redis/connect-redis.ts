import { Redis } from "ioredis";
import type { Logger } from "../../logging/create-logger";

/**
 * A Redis client that fails fast while disconnected (no offline queue, one retry, a command
 * timeout), so a request gets a 503 or an apology instead of hanging, and that reconnects by
 * itself when Redis returns.
 */
export function connectRedis(url: string, logger: Logger): Redis {
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
  redis.on("ready", () => {
    if (down) logger.info("redis is back");
    down = false;
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
