import { parse as parseYaml } from "yaml";
import type { EngineContext } from "../../bot/conversation/engine-context";
import { createEngineContext } from "../../bot/conversation/engine-context";
import type { TextTree } from "../../bot/flow-versions/flow-version-ports";
import { listRuleFacts } from "../../bot/eligibility/list-rule-facts";
import type { EvaluationCore } from "../../bot/eligibility/score-services";
import { scoreServices } from "../../bot/eligibility/score-services";
import type { FlowProblem } from "../../flows/check-flow-graph";
import { parseFlow } from "../../flows/load-flows";
import type { RuleSet } from "../../flows/schema/rules";
import type { Translator } from "../i18n/create-translator";
import type { LocaleTree, SupportedLang } from "../i18n/load-locales";
import { SUPPORTED_LANGS, listKeys } from "../i18n/load-locales";

/** `rules` is read at call time: admins publish rule parameters while flows stay built. */
export type FlowEngineDeps = { rules: () => RuleSet; locales: Record<SupportedLang, LocaleTree>; translator: Translator };
export type FlowContent = { yaml: string; texts: { ko?: TextTree; en?: TextTree } };
export type BuildResult = { ok: true; engine: EngineContext<EvaluationCore> } | { ok: false; problems: FlowProblem[] };

/**
 * Builds the engine for one flow version: its YAML parsed and checked against locales/ with the
 * version's wording overrides merged over them. The engine carries that wording: conversations
 * of this version (and the editor's preview of a draft) read it over locales/, and no other
 * version ever does.
 */
export function buildFlowEngine(content: FlowContent, version: number, deps: FlowEngineDeps): BuildResult {
  const data = readYaml(content.yaml);
  if (!data.ok) return data;
  const merged = mergedLocales(deps.locales, content.texts);
  const wording = { ko: new Map<string, string>(), en: new Map<string, string>() };
  for (const lang of SUPPORTED_LANGS) {
    for (const key of listKeys(content.texts[lang] ?? {})) {
      const text = lookup(merged[lang], key);
      if (text !== undefined) wording[lang].set(key, text);
    }
  }
  const parsed = parseFlow(data.value, { locales: merged, ruleFacts: listRuleFacts(deps.rules()) });
  if (!parsed.ok) return parsed;
  const flow = { ...parsed.flow, version };
  const labels = (key: string) => deps.translator.allLanguages(key, wording);
  return { ok: true, engine: createEngineContext(flow, (facts, asOf, ranged) => scoreServices(deps.rules(), facts, asOf, ranged), labels, wording, deps.rules) };
}

/** locales/ with a version's overrides merged over it, per language. */
export function mergedLocales(base: Record<SupportedLang, LocaleTree>, texts: FlowContent["texts"]): Record<SupportedLang, LocaleTree> {
  return { ko: mergeTrees(base.ko, texts.ko ?? {}), en: mergeTrees(base.en, texts.en ?? {}) };
}

export function readYaml(text: string): { ok: true; value: unknown } | { ok: false; problems: FlowProblem[] } {
  try {
    return { ok: true, value: parseYaml(text) };
  } catch (error) {
    return { ok: false, problems: [{ path: "yaml", message: `not valid YAML: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

function mergeTrees(a: LocaleTree, b: TextTree): LocaleTree {
  const out: LocaleTree = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = out[key];
    out[key] = typeof existing === "object" && typeof value === "object" ? mergeTrees(existing, value) : value;
  }
  return out;
}

function lookup(tree: LocaleTree, key: string): string | undefined {
  let current: string | LocaleTree | undefined = tree;
  for (const part of key.split(".")) {
    if (current === undefined || typeof current === "string") return undefined;
    current = current[part];
  }
  return typeof current === "string" ? current : undefined;
}
