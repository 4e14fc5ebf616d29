/**
 * `npm run chat [-- --lang en]`: the default flow in the terminal, ending with the scored
 * services. It runs the same engine, flow, rules and translations as the server.
 */
import { createInterface } from "node:readline/promises";
import { fromEngineTurn } from "../bot/conversation/chat-turn";
import { continueConversation, startConversation } from "../bot/conversation/run-conversation";
import { loadRuleSet } from "../flows/load-rules";
import { parseConfig } from "../server/config";
import { createConversationEngine } from "../server/conversation/create-conversation-engine";
import { toTurn } from "../server/conversation/to-turn";
import type { Turn } from "../bot/contract/turn-schema";
import { centerParams } from "../server/i18n/center-params";
import { createTranslator } from "../server/i18n/create-translator";
import { loadLocales } from "../server/i18n/load-locales";

async function main(): Promise<void> {
  const lang = process.argv.includes("--lang") && process.argv[process.argv.indexOf("--lang") + 1] === "en" ? "en" : "ko";
  const config = parseConfig(process.env);
  const locales = loadLocales();
  const translator = createTranslator(locales, centerParams(config));
  const ruleSet = loadRuleSet();
  const engine = createConversationEngine(() => ruleSet, locales, translator);
  const t = translator.forLang(lang);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });

  let step = startConversation(engine, lang, new Date().toISOString());
  for (;;) {
    const turn = toTurn(fromEngineTurn(step.turn, { state: step.state, view: { optionPage: 0 } }, []), t);
    print(turn);
    if (turn.done) break;
    let line: string;
    try {
      line = await rl.question("> ");
    } catch {
      break;
    }
    step = continueConversation(engine, step.state, { text: line }, new Date().toISOString());
  }
  rl.close();
}

function print(turn: Turn): void {
  const out: string[] = [];
  for (const m of turn.messages) out.push(`\n${m.text}`);
  turn.options.forEach((o, i) => out.push(`  ${i + 1}. ${o.label}`));
  if (turn.input.hint) out.push(`  (${turn.input.hint})`);
  if (!turn.done && turn.progress) out.push(`  [${turn.progress.answered}/${turn.progress.estimatedTotal}]`);
  const e = turn.evaluation;
  if (e) {
    for (const u of e.urgent) out.push(`\n!! ${u.message}`);
    for (const loan of e.loans ?? []) out.push(`  APR ${loan.aprPct}%${loan.overLegalCap ? " > 20%" : ""}${loan.wholeContractVoid ? " (void)" : ""}`);
    for (const r of e.recommendations.slice(0, 8)) {
      out.push(`\n* ${r.service} [${r.tier}, ${r.score}]`);
      for (const reason of r.reasons) out.push(`    - ${reason}`);
      for (const next of r.nextSteps ?? []) out.push(`    → ${next}`);
    }
  }
  process.stdout.write(`${out.join("\n")}\n`);
}

void main();
