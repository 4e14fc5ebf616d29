import http from "node:http";

/** One request a connection sends: built anew each time, so bodies can differ. */
export type LoadRequest = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };

/**
 * What a run measured: answers per second, every answer's time (ms) by HTTP status, and this
 * process's CPU time (user + system, app and load together) per answer: steadier than req/s on a
 * shared machine.
 */
export type LoadResult = { rps: number; latencies: Map<number, number[]>; errors: number; timeouts: number; cpuUsPerAnswer: number };

const TIMEOUT_MS = 10_000;

/**
 * A closed loop of `connections` keep-alive connections: each sends `next(i, warming)`, waits for
 * the whole answer, and sends again, for `warmupSeconds` and then `seconds`. Only requests sent
 * after the warm-up are measured, on the connections the warm-up opened: the burst of opening 50
 * connections at once is not a steady load, and it alone put up to a second into the p99 of a
 * run that opened them anew (docs/benchmarks.md). Each answer's time runs from writing the request to its
 * last byte. `onAnswer` sees each measured answer's status and text.
 */
export async function driveLoad(options: {
  base: string; connections: number; warmupSeconds: number; seconds: number;
  next: (connection: number, warming: boolean) => LoadRequest; onAnswer?: (status: number, text: string) => void;
}): Promise<LoadResult> {
  const url = new URL(options.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies = new Map<number, number[]>();
  let errors = 0;
  let timeouts = 0;
  const measuredFrom = performance.now() + options.warmupSeconds * 1000;
  const until = measuredFrom + options.seconds * 1000;
  let cpuFrom: NodeJS.CpuUsage | undefined;
  const send = (request: LoadRequest) => new Promise<{ status: number; text: string }>((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body);
    const req = http.request({
      agent, host: url.hostname, port: url.port, path: request.path, method: request.method, timeout: TIMEOUT_MS,
      headers: { ...request.headers, ...(body ? { "content-length": String(body.length) } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new TimeoutError()));
    req.on("error", reject);
    req.end(body);
  });
  await Promise.all(Array.from({ length: options.connections }, async (_, connection) => {
    while (performance.now() < until) {
      const warming = performance.now() < measuredFrom;
      if (!warming) cpuFrom ??= process.cpuUsage();
      const request = options.next(connection, warming);
      const sent = performance.now();
      try {
        const answer = await send(request);
        if (warming) continue;
        const took = performance.now() - sent;
        const list = latencies.get(answer.status) ?? [];
        list.push(took);
        latencies.set(answer.status, list);
        options.onAnswer?.(answer.status, answer.text);
      } catch (error) {
        if (warming) continue;
        if (error instanceof TimeoutError) timeouts++;
        else errors++;
      }
    }
  }));
  const cpu = process.cpuUsage(cpuFrom);
  const elapsedSeconds = (performance.now() - measuredFrom) / 1000;
  agent.destroy();
  const answered = [...latencies.values()].reduce((sum, list) => sum + list.length, 0);
  for (const list of latencies.values()) list.sort((a, b) => a - b);
  return { rps: answered / elapsedSeconds, latencies, errors, timeouts, cpuUsPerAnswer: (cpu.user + cpu.system) / Math.max(1, answered) };
}

class TimeoutError extends Error {}
