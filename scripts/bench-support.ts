/** Helpers the benchmark scripts share: percentiles, formatting, a loopback listener, Redis readiness. */
import type { Server } from "node:http";
import type express from "express";
import type { Redis } from "ioredis";

export type Listening = { server: Server; base: string };

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;

/** Pads for a column, counting Hangul as two cells wide. */
export function pad(text: string, width: number): string {
  const wide = (text.match(/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/g) ?? []).length;
  return text + " ".repeat(Math.max(0, width - text.length - wide));
}

export async function listen(app: express.Express): Promise<Listening> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve());
    server.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { server, base: `http://127.0.0.1:${port}` };
}

export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Waits (up to 3 s) until the app's /readyz answers 200: its own Redis client connects lazily. */
export async function waitUntilReady(base: string): Promise<void> {
  for (let i = 0; i < 30 && (await fetch(`${base}/readyz`)).status !== 200; i++) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Resolves once the client is ready; rejects (and stops it) when Redis does not answer. */
export async function redisReady(redis: Redis, url: string): Promise<void> {
  if (redis.status === "ready") return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from ${url} within 3 s`)), 3000);
    redis.once("ready", () => {
      clearTimeout(timer);
      resolve();
    });
  }).catch((error: unknown) => {
    redis.disconnect();
    throw error;
  });
}
