import { readFileSync } from "node:fs";
import path from "node:path";
import { parameterUnits } from "../../../flows/schema/rules";
import { loadLocales } from "../../../server/i18n/load-locales";
import type { LocaleTree } from "../../../server/i18n/load-locales";

const ADMIN_DIR = path.resolve(__dirname, "../../../server/web/admin");
const locales = loadLocales();
const read = (file: string) => readFileSync(path.join(ADMIN_DIR, file), "utf8");

function lookup(tree: LocaleTree, key: string): string | undefined {
  let node: LocaleTree | string | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

describe("the rule parameters page's strings", () => {
  const html = read("rules.html");
  const scripts = read("rules.js") + read("rule-values.js");
  const literal = [...html.matchAll(/data-i18n="(adminRules\.[^"]+)"/g), ...scripts.matchAll(/t\("(adminRules\.[^"]+)"/g)].map((m) => m[1] ?? "");
  const byUnit = parameterUnits.flatMap((unit) => [`adminRules.unitName.${unit}`,
    ...(unit === "krw_by_household_size" ? [] : [`adminRules.unitHint.${unit}`]),
    ...(["date", "month", "phone", "krw_by_household_size"].includes(unit) ? [] : [`adminRules.unit.${unit}`])]);
  const keys = [...new Set([...literal, ...byUnit, "adminRules.origin.shipped", "adminRules.origin.admin"])];

  it("when the page and its scripts name a string, then it exists in Korean and English", () => {
    expect(literal.length).toBeGreaterThan(30);
    const missing = keys.flatMap((key) => (["ko", "en"] as const).filter((lang) => !lookup(locales[lang], key)).map((lang) => `${lang}:${key}`));
    expect(missing).toEqual([]);
  });

  it("when the page is read, then it has no inline script, style or handler and loads its module from /admin/", () => {
    expect(html).toMatch(/<script type="module" src="\/admin\/rules\.js"><\/script>/);
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    expect(scripts).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });
});
