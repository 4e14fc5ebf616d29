import { createApp } from "../../server/app";
import { composeRuntime } from "../../server/compose";
import { parseConfig } from "../../server/config";
import { createLogger } from "../../server/logging/create-logger";
import type { Timers } from "../../server/timing/timers";

/** The real app, wired as production wires it, with a fixed clock and silent logs. */
/** `clock` (a mutable clock, for idle timeouts) wins over `now` (a fixed instant). */
/** `timers` (createManualTimers) lets a test fire deadlines and budgets by hand. */
export function buildTestApp(options: { env?: Record<string, string>; now?: string; clock?: () => Date; timers?: Timers } = {}) {
  const config = parseConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", ...options.env });
  const now = options.now;
  const clock = options.clock ?? (now ? () => new Date(now) : undefined);
  const runtime = composeRuntime(config, createLogger(config.LOG_LEVEL), clock, options.timers);
  return { app: createApp(runtime.deps), runtime };
}
