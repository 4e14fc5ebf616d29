import type { ReadinessCheck } from "../app";

const RETRY_MS = 200;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether every readiness check passed before `deadlineMs` (epoch ms), asking again every 200 ms. */
export async function waitForStores(checks: readonly ReadinessCheck[], deadlineMs: number): Promise<boolean> {
  for (;;) {
    const results = await Promise.all(checks.map((c) => c.check().catch(() => false)));
    if (results.every(Boolean)) return true;
    if (Date.now() >= deadlineMs) return false;
    await pause(RETRY_MS);
  }
}

/** Runs `attempt` until it succeeds; past `deadlineMs` its last error is thrown. */
export async function retryUntil<T>(attempt: () => Promise<T>, deadlineMs: number): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() >= deadlineMs) throw error;
      await pause(RETRY_MS);
    }
  }
}
