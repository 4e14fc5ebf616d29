/**
 * `npm run flow:report`: walks every smoke case of flows/cases through the conversation core and
 * prints, per case, the questions a resident answers before the first result; then the median
 * and the largest against the targets. Exits 1 when a case fails or a target is missed.
 */
import { chatContextOf } from "../bot/conversation/step-chat";
import { FIRST_RESULT_TARGET, questionStats, walkSmokeCase } from "../bot/flow-versions/smoke-case";
import { loadRuleSet } from "../flows/load-rules";
import { loadSmokeCases } from "../flows/load-smoke-cases";
import { createConversationEngine } from "../server/conversation/create-conversation-engine";
import { SMOKE_AS_OF } from "../server/flow-versions/check-draft";
import { createTranslator } from "../server/i18n/create-translator";
import { loadLocales } from "../server/i18n/load-locales";

const rules = loadRuleSet();
const locales = loadLocales();
const engine = createConversationEngine(() => rules, locales, createTranslator(locales, { ko: {}, en: {} }));
const ctx = chatContextOf(engine, rules, false);
const runs = loadSmokeCases().map((smoke) => ({ smoke, run: walkSmokeCase(ctx, smoke, SMOKE_AS_OF) }));

const width = Math.max(...runs.map(({ smoke }) => smoke.name.length));
console.log(`${"case".padEnd(width)}  typed  questions to first result`);
for (const { smoke, run } of runs) {
  const count = run.questionsToFirstResult === undefined ? "—" : String(run.questionsToFirstResult);
  console.log(`${smoke.name.padEnd(width)}  ${smoke.typed ? "yes  " : "no   "}  ${count.padStart(3)}${run.problems.length ? `  FAILED: ${run.problems.join("; ")}` : ""}`);
}
const stats = questionStats(runs.map(({ run }) => run));
const failed = runs.filter(({ run }) => run.problems.length > 0).length;
console.log(stats === undefined ? "no case reached a result" : `median ${stats.median} (target ≤ ${FIRST_RESULT_TARGET.median}), max ${stats.max} (target ≤ ${FIRST_RESULT_TARGET.max}); ${runs.length} cases, ${failed} failed`);
const missed = stats === undefined || stats.median > FIRST_RESULT_TARGET.median || stats.max > FIRST_RESULT_TARGET.max;
process.exitCode = failed > 0 || missed ? 1 : 0;
