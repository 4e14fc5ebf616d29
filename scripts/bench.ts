/**
 * `npm run bench`: figures as ratios against a baseline measured in the same run, because the
 * machines are noisy. Not a test: it prints, it never fails on a number.
 *   1. engine: turns per second on one core and p50/p99 of one turn, walking whole triages;
 *   2. HTTP: POST /api/triage/evaluate against GET /healthz (a bare JSON route of the same app,
 *      through the same middleware) over loopback with autocannon.
 */
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { continueConversation, startConversation } from "../bot/conversation/run-conversation";
import { loadRuleSet } from "../flows/load-rules";
import { createApp } from "../server/app";
import { composeRuntime } from "../server/compose";
import { parseConfig } from "../server/config";
import { createConversationEngine } from "../server/conversation/create-conversation-engine";
import { centerParams } from "../server/i18n/center-params";
import { createTranslator } from "../server/i18n/create-translator";
import { loadLocales } from "../server/i18n/load-locales";
import { createLogger } from "../server/logging/create-logger";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

/** A whole triage of an illegal-lending victim with card debt: the longest common path. */
const SCRIPT = ["네", "네", "아니요", "네", "3500만원", "0", "1, 2, 7", "45일", "아니요", "모름", "3", "250만원", "아니요", "1", "2년", "45", "네", "1", "아니요",
  "네", "2", "50만원", "80만원", "7", "네", "아니요", "네", "아니요", "네", "12", "1", "아니요", "아니요", "아니요", "0", "네"];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function benchEngine(): void {
  const config = parseConfig({});
  const locales = loadLocales();
  const engine = createConversationEngine(loadRuleSet(), locales, createTranslator(locales, centerParams(config)));
  const now = "2026-11-27T10:00:00+09:00";
  const samples: number[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  let conversations = 0;
  while (Date.now() < deadline) {
    let step = startConversation(engine, "ko", now);
    for (const text of SCRIPT) {
      if (step.turn.done) break;
      const t0 = process.hrtime.bigint();
      step = continueConversation(engine, step.state, { text }, now);
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    conversations++;
  }
  samples.sort((a, b) => a - b);
  const total = samples.reduce((a, b) => a + b, 0);
  console.log(`engine: ${samples.length} turns in ${conversations} conversations`);
  console.log(`  turns/s (one core, engine time only): ${Math.round(samples.length / (total / 1000))}`);
  console.log(`  per turn: p50 ${percentile(samples, 50).toFixed(3)} ms, p99 ${percentile(samples, 99).toFixed(3)} ms (aim: < 1 ms)`);
}

async function load(url: string, init: { method?: "GET" | "POST"; body?: string }) {
  const result = await autocannon({
    url, connections: 10, duration: SECONDS, method: init.method ?? "GET",
    headers: { "content-type": "application/json" }, ...(init.body ? { body: init.body } : {}),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

async function benchHttp(): Promise<void> {
  const config = parseConfig({ LOG_LEVEL: "silent", NODE_ENV: "production" });
  const runtime = composeRuntime(config, createLogger("silent"));
  const server = createApp(runtime.deps).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const facts = JSON.stringify({
    householdSize: 3, monthlyIncomeKrw: 2_500_000, employment: "employed", employedMonths: 24, age: 45, gyeonggiResident: true,
    totalDebtKrw: 35_000_000, overdueDays: 45, creditorTypes: ["card", "bank", "unregistered_lender"],
    illegalLending: { lenderRegistered: "no", loans: [{ receivedKrw: 500_000, repayKrw: 800_000, days: 7 }], threats: true },
  });
  const bare = await load(`${base}/healthz`, {});
  const evaluate = await load(`${base}/api/triage/evaluate`, { method: "POST", body: facts });
  console.log(`http (10 connections, ${SECONDS}s each, loopback, app and load in one process):`);
  console.log(`  GET /healthz (baseline):     ${Math.round(bare.rps)} req/s, p50 ${bare.p50} ms, p99 ${bare.p99} ms, non-2xx ${bare.non2xx}`);
  console.log(`  POST /api/triage/evaluate:   ${Math.round(evaluate.rps)} req/s, p50 ${evaluate.p50} ms, p99 ${evaluate.p99} ms, non-2xx ${evaluate.non2xx}`);
  console.log(`  ratio baseline/evaluate throughput: ${(bare.rps / evaluate.rps).toFixed(2)}× (aim: ≤ 2×)`);
  server.close();
  await runtime.close();
}

async function main(): Promise<void> {
  benchEngine();
  await benchHttp();
}

void main();
