import type { IntakeStore } from "../../bot/intake/intake-ports";
import type { Clock } from "../../bot/ports";
import type { Logger } from "../logging/create-logger";

export type RetentionJobDeps = {
  intakes: Pick<IntakeStore, "deleteExpiredIntakes">;
  /** Everything else past its time (bookings, sessions, holds …); returns counts per kind. */
  purge?: (now: Date) => Promise<Record<string, number>>;
  now: Clock;
  logger: Logger;
};

/** One pass: deletes every intake past its deleteAfter and the rest `purge` covers, and logs how many (never what). */
export async function runRetentionCycle(deps: RetentionJobDeps): Promise<{ deleted: number }> {
  const deleted = await deps.intakes.deleteExpiredIntakes(deps.now().toISOString());
  const purged = (await deps.purge?.(deps.now())) ?? {};
  deps.logger.info({ intakes: { deleted }, purged }, "retention cycle");
  return { deleted };
}

/**
 * Runs a retention pass at once and then every `intervalSeconds` (daily by default); the timer
 * does not keep the process alive. Returns `stop`, which waits for a running pass.
 */
export function startRetentionJob(deps: RetentionJobDeps & { intervalSeconds: number }): () => Promise<void> {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = runRetentionCycle(deps).then(() => undefined, (error: unknown) => {
      deps.logger.error({ err: { message: error instanceof Error ? error.name : "unknown" } }, "intake retention failed; trying again next interval");
    }).finally(() => { running = undefined; });
  };
  const timer = setInterval(tick, deps.intervalSeconds * 1000);
  timer.unref();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
