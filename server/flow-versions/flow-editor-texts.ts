import type { ProblemDetail } from "../../bot/errors";
import type { TextTree } from "../../bot/flow-versions/flow-version-ports";
import type { LocaleTree, SupportedLang } from "../i18n/load-locales";
import { SUPPORTED_LANGS, listKeys } from "../i18n/load-locales";
import type { FlowContent } from "./build-flow-engine";
import { mergedLocales } from "./build-flow-engine";

/** Texts by dotted key, per language, as the editor shows and sends them. */
export type FlatTexts = Partial<Record<SupportedLang, Record<string, string>>>;
export type TextChange = { lang: SupportedLang; key: string; before: string | null; after: string | null };

/**
 * Every text key a flow's raw data references, in order of appearance: node texts and hints,
 * option labels and alert messages (what the flow schema reads as locale keys). Works on data
 * that does not pass the schema yet, so the editor can show what it can.
 */
export function listFlowTextKeys(data: unknown): string[] {
  const keys: unknown[] = [];
  for (const node of arrayAt(data, "nodes")) {
    keys.push(field(node, "text"), field(node, "hint"));
    for (const option of arrayAt(node, "options")) keys.push(field(option, "label"));
  }
  return [...new Set(keys.filter((key): key is string => typeof key === "string" && key.length > 0))];
}

/** Each key's text with the version's overrides over locales/ ("" when it has none). */
export function resolveTexts(locales: Record<SupportedLang, LocaleTree>, overrides: FlowContent["texts"], keys: readonly string[]): Record<SupportedLang, Record<string, string>> {
  const merged = mergedLocales(locales, overrides);
  const one = (lang: SupportedLang) => Object.fromEntries(keys.map((key) => [key, lookupText(merged[lang], key) ?? ""]));
  return { ko: one("ko"), en: one("en") };
}

/**
 * The override trees to save: `base` (the draft's overrides) with each sent text applied; a text
 * equal to locales/ drops its override. A key that names a group of texts, or both a text and a
 * group, is a problem.
 */
export function toOverrideTexts(base: FlowContent["texts"], sent: FlatTexts, locales: Record<SupportedLang, LocaleTree>):
  { ok: true; texts: FlowContent["texts"] } | { ok: false; problems: ProblemDetail[] } {
  const problems: ProblemDetail[] = [];
  const texts: FlowContent["texts"] = {};
  for (const lang of SUPPORTED_LANGS) {
    const flat = new Map(listKeys(base[lang] ?? {}).map((key) => [key, lookupText(base[lang] ?? {}, key) ?? ""]));
    for (const [key, text] of Object.entries(sent[lang] ?? {})) {
      if (typeof lookupNode(locales[lang], key) === "object") problems.push({ path: `texts.${lang}.${key}`, message: "names a group of texts, not one text" });
      else if (lookupText(locales[lang], key) === text) flat.delete(key);
      else flat.set(key, text);
    }
    const tree = toTree(flat);
    if (!tree.ok) problems.push(...tree.clashes.map((key) => ({ path: `texts.${lang}.${key}`, message: "is both a text and a group of texts" })));
    else if (flat.size > 0) texts[lang] = tree.tree;
  }
  return problems.length ? { ok: false, problems } : { ok: true, texts };
}

/** Texts whose resolved wording differs between two versions (only override keys can differ). */
export function diffTexts(before: FlowContent["texts"], after: FlowContent["texts"], locales: Record<SupportedLang, LocaleTree>): TextChange[] {
  const [old, now] = [mergedLocales(locales, before), mergedLocales(locales, after)];
  return SUPPORTED_LANGS.flatMap((lang) => {
    const keys = [...new Set([...listKeys(before[lang] ?? {}), ...listKeys(after[lang] ?? {})])].sort();
    return keys.flatMap((key) => {
      const [was, is] = [lookupText(old[lang], key) ?? null, lookupText(now[lang], key) ?? null];
      return was === is ? [] : [{ lang, key, before: was, after: is }];
    });
  });
}

export function lookupText(tree: LocaleTree, key: string): string | undefined {
  const found = lookupNode(tree, key);
  return typeof found === "string" ? found : undefined;
}

function lookupNode(tree: LocaleTree, key: string): string | LocaleTree | undefined {
  let current: string | LocaleTree | undefined = tree;
  for (const part of key.split(".")) {
    if (current === undefined || typeof current === "string") return undefined;
    current = Object.hasOwn(current, part) ? current[part] : undefined;
  }
  return current;
}

function toTree(flat: ReadonlyMap<string, string>): { ok: true; tree: TextTree } | { ok: false; clashes: string[] } {
  const tree: TextTree = {};
  const clashes: string[] = [];
  for (const [key, text] of [...flat].sort(([a], [b]) => a.localeCompare(b))) {
    const parts = key.split(".");
    const leaf = parts.pop() ?? key;
    let node: TextTree | undefined = tree;
    for (const part of parts) {
      const next: string | TextTree | undefined = Object.hasOwn(node, part) ? node[part] : undefined;
      if (typeof next === "string") {
        node = undefined;
        break;
      }
      node = next ?? (node[part] = {});
    }
    if (node === undefined || (Object.hasOwn(node, leaf) && typeof node[leaf] === "object")) clashes.push(key);
    else node[leaf] = text;
  }
  return clashes.length ? { ok: false, clashes } : { ok: true, tree };
}

function arrayAt(data: unknown, key: string): unknown[] {
  const value = field(data, key);
  return Array.isArray(value) ? value : [];
}

function field(data: unknown, key: string): unknown {
  return typeof data === "object" && data !== null && !Array.isArray(data) && Object.hasOwn(data, key) ? Reflect.get(data, key) : undefined;
}
