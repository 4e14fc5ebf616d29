import { randomBytes } from "node:crypto";
import pg from "pg";
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

/** The PostgreSQL the bench makes a throwaway database in (trust auth on our machines). */
export const BENCH_POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A fresh database for one bench run, and its removal; undefined (with the reason) when PostgreSQL does not answer. */
export async function createBenchDatabase(): Promise<{ url: string; drop: () => Promise<void> } | { error: string }> {
  const name = `hanbeon_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: BENCH_POSTGRES_URL, connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * The Kakao skill's shared secret the benches run with: production refuses to start without one
 * (or a bot id), and checking it is part of every Kakao turn.
 */
export const BENCH_KAKAO_SECRET = { header: "X-Kakao-Secret", secret: "bench-kakao-secret-0123456789" } as const;
export const BENCH_KAKAO_ENV = { KAKAO_SECRET_HEADER: BENCH_KAKAO_SECRET.header, KAKAO_SECRET: BENCH_KAKAO_SECRET.secret };
