import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const SUPPORTED_LANGS = ["ko", "en"] as const;
export type SupportedLang = (typeof SUPPORTED_LANGS)[number];
export type LocaleTree = { [key: string]: string | LocaleTree };

/** The locales/ folder, from the sources or from dist/. */
export const LOCALES_DIR = [path.resolve(__dirname, "..", "..", "locales"), path.resolve(__dirname, "..", "..", "..", "locales")]
  .find((dir) => safeList(dir).length > 0) ?? path.resolve("locales");

/**
 * Reads every locales/<lang>/*.json and merges them into one tree per language. Each file holds
 * its own top-level keys (flow.json → "flow.…"), so keys read the same everywhere.
 */
export function loadLocales(dir: string = LOCALES_DIR): Record<SupportedLang, LocaleTree> {
  const load = (lang: SupportedLang): LocaleTree => {
    const files = safeList(path.join(dir, lang)).filter((f) => f.endsWith(".json")).sort();
    return files.reduce<LocaleTree>((tree, file) => mergeTrees(tree, parseTree(readFileSync(path.join(dir, lang, file), "utf8"), `${lang}/${file}`)), {});
  };
  return { ko: load("ko"), en: load("en") };
}

/** Every leaf key of a tree, dotted. */
export function listKeys(tree: LocaleTree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const full = prefix ? `${prefix}.${key}` : key;
    return typeof value === "string" ? [full] : listKeys(value, full);
  });
}

/** One locale file's JSON text as a tree; anything but nested strings is refused. */
export function parseTree(text: string, where: string): LocaleTree {
  const data: unknown = JSON.parse(text);
  const tree = toTree(data);
  if (!tree) throw new Error(`${where}: a locale file must be an object of strings and objects`);
  return tree;
}

function toTree(data: unknown): LocaleTree | undefined {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
  const tree: LocaleTree = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === "string") tree[key] = value;
    else {
      const child = toTree(value);
      if (!child) return undefined;
      tree[key] = child;
    }
  }
  return tree;
}

function mergeTrees(a: LocaleTree, b: LocaleTree): LocaleTree {
  const out: LocaleTree = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = out[key];
    out[key] = typeof existing === "object" && typeof value === "object" ? mergeTrees(existing, value) : value;
  }
  return out;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
