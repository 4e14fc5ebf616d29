import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Clock } from "../../bot/ports";
import type { Logger } from "../logging/create-logger";
import type { OutboxEvent } from "../storage/sql/sql-outbox";

/** The outbox as the worker needs it (SqlOutbox). */
export type EventOutbox = {
  claimEvents: (input: { now: string; limit: number; leaseSeconds: number; worker: string; subject?: string }) => Promise<OutboxEvent[]>;
  markSent: (id: string, now: string) => Promise<void>;
  markSkipped: (id: string, reason: string, now: string) => Promise<void>;
  markFailed: (id: string, error: string, nextAttemptAt: string) => Promise<void>;
};

export type OutboxWorkerDeps = {
  outbox: EventOutbox;
  /** Carries out one event; it may run again after a crash, so it must be idempotent. */
  handle: (event: OutboxEvent) => Promise<void>;
  now: Clock;
  logger: Logger;
  worker?: string;
  batchSize?: number;
  leaseSeconds?: number;
  /** After this many failed attempts the event is given up (skipped, logged as an error). */
  maxAttempts?: number;
};

export type OutboxWorker = {
  /** Processes every due event; resolves when a pass that began after this call has ended. Never rejects. */
  runSoon: () => Promise<void>;
  /**
   * Processes the due events of one booking code at once (the caller just committed them), without
   * waiting for anyone else's. Never rejects: what fails is retried by the loop.
   */
  runFor: (subject: string) => Promise<void>;
  /** Runs a pass every `intervalSeconds` (the timer does not keep the process alive); returns `stop`, which waits for a running pass. */
  start: (intervalSeconds: number) => () => Promise<void>;
};

const DEFAULTS = { batchSize: 20, leaseSeconds: 60, maxAttempts: 10 };
const MAX_BATCHES = 50;

/**
 * The one loop that carries out the side effects of committed changes (outbox events): leased,
 * so one instance's crash leaves its events to another once the lease ends, and closed when done,
 * so nothing is done twice. A failed event is retried after 1, 2, 4 … minutes.
 */
export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const worker = deps.worker ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const batchSize = deps.batchSize ?? DEFAULTS.batchSize;
  const leaseSeconds = deps.leaseSeconds ?? DEFAULTS.leaseSeconds;
  const maxAttempts = deps.maxAttempts ?? DEFAULTS.maxAttempts;
  let current: Promise<void> | undefined;
  let queued: Promise<void> | undefined;

  const processOne = async (event: OutboxEvent) => {
    try {
      await deps.handle(event);
      await deps.outbox.markSent(event.id, deps.now().toISOString());
    } catch (error) {
      const message = error instanceof Error ? error.name : "unknown";
      if (event.attempts >= maxAttempts) {
        deps.logger.error({ eventId: event.id, topic: event.topic, attempts: event.attempts, err: { message } }, "outbox event given up");
        await deps.outbox.markSkipped(event.id, "gave_up", deps.now().toISOString());
        return;
      }
      const nextAttemptAt = new Date(deps.now().getTime() + Math.min(2 ** (event.attempts - 1), 60) * 60_000).toISOString();
      deps.logger.warn({ eventId: event.id, topic: event.topic, attempts: event.attempts, err: { message } }, "outbox event failed; will retry");
      await deps.outbox.markFailed(event.id, message, nextAttemptAt);
    }
  };

  const pass = async () => {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const events = await deps.outbox.claimEvents({ now: deps.now().toISOString(), limit: batchSize, leaseSeconds, worker });
      await Promise.all(events.map(processOne));
      if (events.length < batchSize) return;
    }
  };

  const run = (): Promise<void> => {
    current = pass().catch((error: unknown) => {
      // The store is away: the events stay pending (or leased until their lease ends) and the next pass takes them.
      deps.logger.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, "outbox pass failed; trying again later");
    }).finally(() => { current = undefined; });
    return current;
  };

  const runSoon = (): Promise<void> => {
    if (current === undefined) return run();
    queued ??= current.then(() => {
      queued = undefined;
      return run();
    });
    return queued;
  };

  const runFor = async (subject: string) => {
    try {
      const events = await deps.outbox.claimEvents({ now: deps.now().toISOString(), limit: batchSize, leaseSeconds, worker, subject });
      await Promise.all(events.map(processOne));
    } catch (error) {
      deps.logger.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, "outbox events not run now; the loop retries them");
    }
  };

  return {
    runSoon, runFor,
    start: (intervalSeconds) => {
      let stopped = false;
      const timer = setInterval(() => {
        if (!stopped) void runSoon();
      }, intervalSeconds * 1000);
      timer.unref();
      void runSoon();
      return async () => {
        stopped = true;
        clearInterval(timer);
        await current;
        await queued;
      };
    },
  };
}
