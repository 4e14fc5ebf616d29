/**
 * `npm run bench`: figures as ratios against a baseline measured in the same run, because the
 * machines are noisy. Not a test: it prints, it never fails on a number.
 *   1. engine: turns per second on one core and p50/p99 of one turn, walking whole triages;
 *   2. HTTP: POST /api/triage/evaluate against GET /healthz (a bare JSON route of the same app,
 *      through the same middleware) over loopback (drive-load.ts), each after a warm-up;
 *   3. channels: web and Kakao turns per store against a Redis GET/SET route (scripts/bench-channels.ts).
 */
import { driveLoad } from "./drive-load";
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
import { benchBooking } from "./bench-booking";
import { benchChannels } from "./bench-channels";
import { BENCH_KAKAO_ENV } from "./bench-support";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

/** Typed answers by question, for a long path: card debt, an illegal loan with threats. */
const ANSWERS: Record<string, string> = {
  consent: "동의해요", safety_check: "아니요", has_debt: "네", total_debt: "3500만원", secured_gate: "없어요",
  creditor_types: "카드, 사채", illegal_threats: "네", illegal_images: "아니요", illegal_registered: "아니요", illegal_terms_gate: "네",
  illegal_received: "50만원", illegal_repay: "80만원", illegal_days: "7일", illegal_contacts_taken: "네", illegal_family_work: "아니요",
  illegal_night: "네", illegal_contacts_7d: "12", overdue_days: "45일", new_debt_gate: "없어요", prior_discharge_gate: "아니요",
  household_size: "3", monthly_income: "250만원", own_income: "2400만원", cover_living: "아니요", employment: "직장", employed_months: "2년",
  age: "45", gyeonggi_resident: "네", welfare_status: "없음", severe_disability: "아니요", credit_score_known: "아니요",
  crisis_events: "실직", business_ever: "아니요", urgent_cash_gate: "아니요", wants_job_help: "네",
};
const answerFor = (nodeId: string, optionLabels: string[]) => ANSWERS[nodeId] ?? optionLabels[0] ?? "1";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function benchEngine(): void {
  const config = parseConfig({});
  const locales = loadLocales();
  const ruleSet = loadRuleSet();
  const engine = createConversationEngine(() => ruleSet, locales, createTranslator(locales, centerParams(config)));
  const now = "2026-11-27T10:00:00+09:00";
  const samples: number[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  let conversations = 0;
  while (Date.now() < deadline) {
    let step = startConversation(engine, "ko", now);
    for (let turn = 0; turn < 80 && !step.turn.done; turn++) {
      const text = answerFor(step.turn.nodeId, step.turn.options.map((o) => o.id));
      const t0 = process.hrtime.bigint();
      step = continueConversation(engine, step.state, { text }, now);
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    if (!step.turn.done) throw new Error(`bench script did not finish the triage (stuck at ${step.turn.nodeId})`);
    conversations++;
  }
  samples.sort((a, b) => a - b);
  const total = samples.reduce((a, b) => a + b, 0);
  console.log(`engine: ${samples.length} turns in ${conversations} conversations`);
  console.log(`  turns/s (one core, engine time only): ${Math.round(samples.length / (total / 1000))}`);
  console.log(`  per turn: p50 ${percentile(samples, 50).toFixed(3)} ms, p99 ${percentile(samples, 99).toFixed(3)} ms (aim: < 1 ms)`);
}

/** Seconds of unmeasured load before each measured run, so the JIT has compiled the route (the first route measured was cold). */
const WARMUP_SECONDS = 1;

async function load(url: string, init: { method?: "GET" | "POST"; body?: string }) {
  const { origin, pathname } = new URL(url);
  const request = { method: init.method ?? "GET", path: pathname, headers: { "content-type": "application/json" }, ...(init.body ? { body: init.body } : {}) };
  const result = await driveLoad({ base: origin, connections: 10, warmupSeconds: WARMUP_SECONDS, seconds: SECONDS, next: () => request });
  const all = [...result.latencies.values()].flat().sort((a, b) => a - b);
  const non2xx = [...result.latencies].filter(([status]) => status < 200 || status >= 300).reduce((sum, [, list]) => sum + list.length, 0);
  // CPU time of this process (app and load) per response: steadier than req/s when other work shares the cores.
  return { rps: result.rps, p50: percentile(all, 50), p99: percentile(all, 99), non2xx, cpuUs: result.cpuUsPerAnswer };
}

async function benchHttp(): Promise<void> {
  // One address sends everything: the per-IP limit would answer 429 for most of the run.
  const config = parseConfig({
    LOG_LEVEL: "silent", NODE_ENV: "production", DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"), RATE_LIMIT_IP_PER_MINUTE: "1000000000", ...BENCH_KAKAO_ENV,
  });
  const runtime = composeRuntime(config, createLogger("silent"));
  const server = createApp(runtime.deps).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  const facts = JSON.stringify({
    householdSize: 3, monthlyIncomeKrw: 2_500_000, employment: "employed", employedMonths: 24, age: 45, gyeonggiResident: true,
    totalDebtKrw: 35_000_000, overdueDays: 45, creditorTypes: ["card", "bank", "unregistered_lender"],
    illegalLending: { lenderRegistered: "no", loans: [{ receivedKrw: 500_000, repayKrw: 800_000, days: 7 }], threats: true },
  });
  const bare = await load(`${base}/healthz`, {});
  const evaluate = await load(`${base}/api/triage/evaluate`, { method: "POST", body: facts });
  console.log(`http (10 connections, ${SECONDS}s each after a ${WARMUP_SECONDS}s warm-up, loopback, app and load in one process):`);
  console.log(`  GET /healthz (baseline):     ${Math.round(bare.rps)} req/s, p50 ${bare.p50.toFixed(2)} ms, p99 ${bare.p99.toFixed(2)} ms, CPU ${Math.round(bare.cpuUs)} µs/req, non-2xx ${bare.non2xx}`);
  console.log(`  POST /api/triage/evaluate:   ${Math.round(evaluate.rps)} req/s, p50 ${evaluate.p50.toFixed(2)} ms, p99 ${evaluate.p99.toFixed(2)} ms, CPU ${Math.round(evaluate.cpuUs)} µs/req, non-2xx ${evaluate.non2xx}`);
  const invalid = bare.non2xx + evaluate.non2xx > 0 ? " — NOT VALID: some answers were not 2xx" : "";
  console.log(`  ratio baseline/evaluate throughput: ${(bare.rps / evaluate.rps).toFixed(2)}× (aim: ≤ 2×); CPU per request ${(evaluate.cpuUs / bare.cpuUs).toFixed(2)}×${invalid}`);
  server.close();
  await runtime.close();
}

async function main(): Promise<void> {
  benchEngine();
  await benchHttp();
  await benchChannels(SECONDS);
  await benchBooking(SECONDS);
}

void main();
