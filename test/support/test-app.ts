import { createApp } from "../../server/app";
import { composeRuntime } from "../../server/compose";
import { parseConfig } from "../../server/config";
import { createLogger } from "../../server/logging/create-logger";
import type { Timers } from "../../server/timing/timers";

/** The data encryption key tests seal with: explicit, as production requires (without one a key file would be generated in DATA_DIR). */
export const TEST_DATA_KEY = Buffer.alloc(32, 7).toString("base64");

/** The real app, wired as production wires it, with a fixed clock, silent logs and TEST_DATA_KEY. */
/** `clock` (a mutable clock, for idle timeouts) wins over `now` (a fixed instant). */
/** `timers` (createManualTimers) lets a test fire deadlines and budgets by hand. */
export function buildTestApp(options: { env?: Record<string, string>; now?: string; clock?: () => Date; timers?: Timers } = {}) {
  const config = parseConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATA_ENCRYPTION_KEY: TEST_DATA_KEY, ...options.env });
  const now = options.now;
  const clock = options.clock ?? (now ? () => new Date(now) : undefined);
  const runtime = composeRuntime(config, createLogger(config.LOG_LEVEL), clock, options.timers);
  return { app: createApp(runtime.deps), runtime };
}
