import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";

/** A dedicated redis-server on a free port, for tests that must stop and restart Redis. */
export type DedicatedRedis = { port: number; url: string; stop: () => Promise<void>; start: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startDedicatedRedis(): Promise<DedicatedRedis> {
  const port = await freePort();
  const start = async () => {
    const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"], { stdio: "ignore", detached: false });
    child.unref();
    for (let i = 0; i < 100; i++) {
      if (spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).stdout.includes("PONG")) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server on ${port} did not start`);
  };
  const stop = async () => {
    const pid = spawnSync("redis-cli", ["-p", String(port), "info", "server"], { encoding: "utf8" }).stdout.match(/process_id:(\d+)/)?.[1];
    if (!pid) return;
    process.kill(Number(pid), "SIGKILL");
    for (let i = 0; i < 100; i++) {
      if (!spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).stdout.includes("PONG")) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await start();
  return { port, url: `redis://127.0.0.1:${port}`, start, stop };
}

/** CI's shared Redis, with a key prefix unique to the calling test file. */
export const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
export function uniquePrefix(name: string): string {
  return `test:${name}:${process.pid}:${Date.now()}:`;
}
