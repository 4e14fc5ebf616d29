import path from "node:path";
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import type { LocaleResources } from "../../flows/check-flow-graph";

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
        alert: { threat: say("alert.threat") },
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
