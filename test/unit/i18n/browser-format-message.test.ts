import path from "node:path";
import fc from "fast-check";
import { formatMessage } from "../../../bot/i18n/format-message";
import { PARTICLE_PAIRS } from "../../../bot/i18n/korean-particle";
import type { Lang } from "../../../bot/types";
import { FORMAT_CASES } from "../../fixtures/i18n/message-format-cases";

/** The pages' own message format (server/web/shared/format-message.js), as the browser runs it. */
type BrowserFormat = {
  formatMessage: (template: string, params: Record<string, string | number>, options: { lang: Lang; lookup?: (key: string) => string | undefined }) => string;
  format: (strings: Record<string, string>, key: string, params?: Record<string, string | number>, lang?: Lang) => string;
};

const SHARED = path.resolve(__dirname, "..", "..", "..", "server", "web", "shared", "format-message.js");

function isBrowserFormat(value: unknown): value is BrowserFormat {
  return typeof value === "object" && value !== null
    && "formatMessage" in value && typeof value.formatMessage === "function"
    && "format" in value && typeof value.format === "function";
}

async function loadBrowserFormat(): Promise<BrowserFormat> {
  const loaded: unknown = await import(SHARED);
  if (!isBrowserFormat(loaded)) throw new Error(`${SHARED} does not export formatMessage and format`);
  return loaded;
}

const LANGS: readonly Lang[] = ["ko", "en"];

describe("the browser pages' message format (server/web/shared/format-message.js)", () => {
  let browser: BrowserFormat;
  beforeAll(async () => {
    browser = await loadBrowserFormat();
  });

  it.each(FORMAT_CASES)("when $template is filled, then it reads as the server's format says", ({ template, params, texts, ko, en }) => {
    const lookup = (key: string) => texts?.[key];
    expect(browser.formatMessage(template, params, { lang: "ko", lookup })).toBe(ko);
    expect(browser.formatMessage(template, params, { lang: "en", lookup })).toBe(en);
  });

  it("when any amount, number, time, month or particle is filled, then the browser and the server write the same", () => {
    const template = "{{won, money}} · {{n, number}} · {{at, datetime}} · {{at, date}} · {{month, month}} · {{word, 을/를}} · $t(t.word, 이/가)";
    const value = fc.record({
      won: fc.integer({ min: 0, max: 9_999_999_999_999 }),
      n: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
      at: fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true }).map((d) => d.toISOString()),
      month: fc.oneof(fc.tuple(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 0, max: 13 })).map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`), fc.string({ maxLength: 8 })),
      word: fc.string({ minLength: 0, maxLength: 6 }),
      lang: fc.constantFrom(...LANGS),
    });
    fc.assert(fc.property(value, ({ lang, ...params }) => {
      const lookup = (key: string) => (key === "t.word" ? params.word : undefined);
      expect(browser.formatMessage(template, params, { lang, lookup })).toBe(formatMessage(template, params, { lang, lookup }));
    }));
  });

  it.each(PARTICLE_PAIRS)("when a word takes %s, then the browser picks the particle the server picks", (pair) => {
    const words = ["사전채무조정", "버전 2", "버전 10", "PCE-CTX", "서울", "센터", "회룡역", "L", "100", "1000", "상담사", "(괄호)"];
    for (const word of words) expect(browser.formatMessage(`{{w, ${pair}}}`, { w: word }, { lang: "ko" })).toBe(formatMessage(`{{w, ${pair}}}`, { w: word }, { lang: "ko" }));
  });

  it("when a page label is filled, then a missing key reads as the key and a param that looks like $t(…) stays as typed", () => {
    const strings = { "progress.remaining": "질문 약 {{n}}개 남음", who: "{{name}} 님" };
    expect(browser.format(strings, "progress.remaining", { n: 3 })).toBe("질문 약 3개 남음");
    expect(browser.format(strings, "nowhere")).toBe("nowhere");
    expect(browser.format(strings, "who", { name: "$t(progress.remaining)" })).toBe("$t(progress.remaining) 님");
    expect(browser.format({ won: "{{w, money}}" }, "won", { w: 30_000_000 }, "en")).toBe("30 million won");
  });
});
