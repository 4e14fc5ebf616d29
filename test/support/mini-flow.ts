import path from "node:path";
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import type { EngineContext } from "../../bot/conversation/engine-context";
import { createEngineContext } from "../../bot/conversation/engine-context";
import type { Step } from "../../bot/conversation/run-conversation";
import { continueConversation, goBack, rerender, restartConversation, showHelp, startConversation } from "../../bot/conversation/run-conversation";
import type { LocaleResources } from "../../flows/check-flow-graph";
import { parseFlow } from "../../flows/load-flows";
import type { CaseFacts } from "../../flows/schema/case-facts";

export const MINI_FLOW_FILE = path.join(__dirname, "..", "fixtures", "flows", "mini.flow.yaml");

export function miniFlowData(): unknown {
  return parseYaml(readFileSync(MINI_FLOW_FILE, "utf8"));
}

/** Locale trees for the mini flow: "t.<key>" in both languages, text "<lang>:<key>". */
export function miniLocales(): Record<"ko" | "en", LocaleResources> {
  const tree = (lang: string) => {
    const say = (key: string) => `${lang}:${key}`;
    return {
      t: {
        opt: Object.fromEntries(["card", "bank", "shark", "none", "employed", "unemployed"].map((k) => [k, say(`opt.${k}`)])),
        ...Object.fromEntries(["hello", "consent", "hasDebt", "debtTotal", "moneyHint", "creditors", "overdue", "threats", "household",
          "employment", "months", "note", "result", "bye"].map((k) => [k, say(k)])),
      },
    };
  };
  return { ko: tree("ko"), en: tree("en") };
}

/** Label lookup as the server builds it: the key's text in every language. */
export const miniLabels = (key: string): string[] => {
  const labels: Record<string, string[]> = {
    "t.opt.card": ["카드", "Card"], "t.opt.bank": ["은행", "Bank"], "t.opt.shark": ["사채·미등록 대부", "Loan shark"],
    "t.opt.none": ["해당 없음", "None of these"], "t.opt.employed": ["직장 다녀요", "Employed"], "t.opt.unemployed": ["일이 없어요", "Not working"],
    "engine.option.yes": ["네", "Yes"], "engine.option.no": ["아니요", "No"],
  };
  return labels[key] ?? [];
};

/** An input to the engine alone: an answer, or one of the commands the conversation core hands to the engine. */
export type MiniInput = { text: string } | { optionId: string } | { command: "back" | "restart" | "help" | "human" };
export type MiniResult = { asOf: string; facts: CaseFacts };

/** The mini flow's engine, scoring to a plain echo of the facts. */
export function miniEngine(): EngineContext<MiniResult> {
  const parsed = parseFlow(miniFlowData(), { locales: miniLocales() });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return createEngineContext(parsed.flow, (facts: CaseFacts, asOf: string): MiniResult => ({ asOf, facts }), miniLabels);
}

/** Takes the engine through `inputs`, commands as the conversation core would hand them over. */
export function runMini(ctx: EngineContext<MiniResult>, inputs: readonly MiniInput[], now: string, from?: Step<MiniResult>): Step<MiniResult> {
  let step = from ?? startConversation(ctx, "ko", now);
  for (const input of inputs) {
    if (!("command" in input)) step = continueConversation(ctx, step.state, input, now);
    else if (input.command === "back") step = goBack(ctx, step.state, now);
    else if (input.command === "restart") step = restartConversation(ctx, step.state, now);
    else if (input.command === "help") step = showHelp(ctx, step.state);
    else step = rerender(ctx, step.state, [{ key: "engine.human" }]);
  }
  return step;
}
