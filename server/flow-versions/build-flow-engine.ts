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
export type BuiltFlow = { engine: EngineContext<EvaluationCore>; texts: Record<SupportedLang, Map<string, string>> };
export type BuildResult = { ok: true; built: BuiltFlow } | { ok: false; problems: FlowProblem[] };

/**
 * Builds the engine for one flow version: its YAML parsed and checked against locales/ with the
 * version's wording overrides merged over them. Overridden keys are renamed under
 * `flowVersions.v<n>.` (returned in `texts` for the translator), so versions never share wording;
 * the editor's preview passes its own `keyPrefix`.
 */
export function buildFlowEngine(content: FlowContent, version: number, deps: FlowEngineDeps, keyPrefix = `flowVersions.v${version}.`): BuildResult {
  const data = readYaml(content.yaml);
  if (!data.ok) return data;
  const overridden = [...new Set(SUPPORTED_LANGS.flatMap((lang) => listKeys(content.texts[lang] ?? {})))];
  const renamed = new Map(overridden.map((key) => [key, `${keyPrefix}${key}`]));
  const merged = mergedLocales(deps.locales, content.texts);
  const texts = { ko: new Map<string, string>(), en: new Map<string, string>() };
  for (const lang of SUPPORTED_LANGS) {
    for (const [key, versioned] of renamed) {
      const text = lookup(merged[lang], key);
      if (text !== undefined) texts[lang].set(versioned, text);
    }
  }
  const locales = { ko: withFlatKeys(merged.ko, texts.ko), en: withFlatKeys(merged.en, texts.en) };
  const parsed = parseFlow(renameKeys(data.value, renamed), { locales, ruleFacts: listRuleFacts(deps.rules()) });
  if (!parsed.ok) return parsed;
  const flow = { ...parsed.flow, version };
  return { ok: true, built: { engine: createEngineContext(flow, (facts, asOf) => scoreServices(deps.rules(), facts, asOf), deps.translator.allLanguages), texts } };
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

function renameKeys(data: unknown, renamed: ReadonlyMap<string, string>): unknown {
  if (renamed.size === 0) return data;
  if (typeof data === "string") return renamed.get(data) ?? data;
  if (Array.isArray(data)) return data.map((item) => renameKeys(item, renamed));
  if (typeof data === "object" && data !== null) return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, renameKeys(v, renamed)]));
  return data;
}

function mergeTrees(a: LocaleTree, b: TextTree): LocaleTree {
  const out: LocaleTree = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = out[key];
    out[key] = typeof existing === "object" && typeof value === "object" ? mergeTrees(existing, value) : value;
  }
  return out;
}

/** Adds dotted keys as a nested tree (what the graph check reads). */
function withFlatKeys(tree: LocaleTree, texts: ReadonlyMap<string, string>): LocaleTree {
  let out = tree;
  for (const [key, text] of texts) {
    const [first, ...rest] = key.split(".");
    const leaf = rest.reduceRight<TextTree | string>((inner, part) => ({ [part]: inner }), text);
    if (first !== undefined) out = mergeTrees(out, { [first]: leaf });
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
