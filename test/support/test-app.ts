import { createApp } from "../../server/app";
import { composeRuntime } from "../../server/compose";
import { parseConfig } from "../../server/config";
import { createLogger } from "../../server/logging/create-logger";

/** The real app, wired as production wires it, with a fixed clock and silent logs. */
export function buildTestApp(options: { env?: Record<string, string>; now?: string } = {}) {
  const config = parseConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", ...options.env });
  const now = options.now;
  const runtime = composeRuntime(config, createLogger(config.LOG_LEVEL), now ? () => new Date(now) : undefined);
  return { app: createApp(runtime.deps), runtime };
}
