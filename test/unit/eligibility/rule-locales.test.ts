import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "../../../server/i18n/create-translator";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { INSUFFICIENT_DATA_REASON, scoreServices } from "../../../bot/eligibility/score-services";
import { RULE_CASES_DIR } from "../../../flows/load-rule-cases";
import { loadRuleSet } from "../../../flows/load-rules";
import { caseFactsSchema } from "../../../flows/schema/case-facts";
import { serviceIds } from "../../../flows/schema/catalog";
import type { MessageTemplate } from "../../../flows/schema/rules";
import type { Msg } from "../../../bot/types";

type Tree = { [key: string]: string | Tree };
const LOCALES = path.join(__dirname, "..", "..", "..", "locales");
const CASES = RULE_CASES_DIR;
const caseListSchema = z.array(z.looseObject({ asOf: z.iso.date(), facts: caseFactsSchema }));
/** Params the server's translator adds to every message (server/compose.ts). */
const SERVER_DEFAULTS = { centerName: "센터", centerPhone: "031-000-0000" };

function readTree(lang: string, file: string): Tree {
  const data: unknown = JSON.parse(readFileSync(path.join(LOCALES, lang, file), "utf8"));
  if (!isTree(data)) throw new Error(`${lang}/${file} is not a locale tree`);
  return data;
}

function isTree(value: unknown): value is Tree {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    && Object.values(value).every((v) => typeof v === "string" || isTree(v));
}

function leaves(tree: Tree, prefix = ""): Record<string, string> {
  return Object.fromEntries(Object.entries(tree).flatMap(([key, value]) => {
    const full = prefix ? `${prefix}.${key}` : key;
    return typeof value === "string" ? [[full, value]] : Object.entries(leaves(value, full));
  }));
}

const ruleSet = loadRuleSet();
const texts = {
  ko: { ...leaves(readTree("ko", "rules.json")), ...leaves(readTree("ko", "services.json")) },
  en: { ...leaves(readTree("en", "rules.json")), ...leaves(readTree("en", "services.json")) },
};
const templates: MessageTemplate[] = [
  { key: INSUFFICIENT_DATA_REASON },
  ...ruleSet.rules.flatMap((r) => [...r.reasons, ...r.nextSteps, ...(r.boosts ?? []).map((b) => b.reason)]),
  ...ruleSet.urgent.map((u) => u.message),
];

describe("rule and service locales", () => {
  it("when Korean and English are compared, then they hold the same keys", () => {
    expect(Object.keys(texts.en).sort()).toEqual(Object.keys(texts.ko).sort());
  });

  it("when the catalog is listed, then every service has a name, a provider and a description in both languages", () => {
    for (const lang of ["ko", "en"] as const) {
      for (const id of serviceIds) {
        for (const field of ["name", "provider", "description"]) {
          expect({ lang, key: `services.${id}.${field}`, present: Boolean(texts[lang][`services.${id}.${field}`]) }).toEqual({ lang, key: `services.${id}.${field}`, present: true });
        }
      }
    }
  });

  it("when a rule names a text, then it exists and every placeholder in it is given by the rule or the server", () => {
    for (const lang of ["ko", "en"] as const) {
      for (const template of templates) {
        const text = texts[lang][template.key];
        const given = new Set([...Object.keys(template.params ?? {}), ...Object.keys(SERVER_DEFAULTS)]);
        const placeholders = [...(text ?? "").matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]);
        expect({ lang, key: template.key, exists: text !== undefined, unknown: placeholders.filter((p) => p && !given.has(p)) })
          .toEqual({ lang, key: template.key, exists: true, unknown: [] });
      }
    }
  });

  it("when every rule case is rendered, then no placeholder is left and money is said as people say it", () => {
    const translator = createTranslator({ ko: readTree("ko", "rules.json"), en: readTree("en", "rules.json") }, { ko: SERVER_DEFAULTS, en: SERVER_DEFAULTS });
    const rendered: string[] = [];
    for (const file of readdirSync(CASES).filter((f) => f.endsWith(".cases.yaml"))) {
      const cases = caseListSchema.parse(parseYaml(readFileSync(path.join(CASES, file), "utf8")));
      for (const item of cases) {
        const result = scoreServices(ruleSet, item.facts, item.asOf);
        const messages: Msg[] = [...result.recommendations.flatMap((r) => [...r.reasons, ...r.nextSteps]), ...result.urgent.map((u) => u.message)];
        for (const lang of ["ko", "en"] as const) {
          for (const m of messages) rendered.push(translator.forLang(lang)(m.key, m.params));
        }
      }
    }
    expect(rendered.filter((t) => t.includes("{{") || t.startsWith("rules."))).toEqual([]);
    expect(rendered).toContain("연체된 빚의 원금이 3,000만원 미만이라 금융회사에 직접 채무조정을 요청할 수 있어요. 답을 기다리는 동안에는 추심이 멈춰요.");
    expect(rendered.filter((t) => /\d{1,3}(,\d{3}){2,}\s?(원|won)/.test(t))).toEqual([]);
  });
});
