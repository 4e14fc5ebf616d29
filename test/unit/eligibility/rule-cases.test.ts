import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { scoreServices } from "../../../bot/eligibility/score-services";
import { loadRuleSet } from "../../../flows/load-rules";
import { caseFactsSchema } from "../../../flows/schema/case-facts";
import { serviceIds, urgentCodes } from "../../../flows/schema/catalog";

const CASES_DIR = path.join(__dirname, "..", "..", "fixtures", "eligibility");
const service = z.enum(serviceIds);

/** A rule case: facts in, expected services, urgent notices and loan checks out. */
const ruleCaseSchema = z.strictObject({
  name: z.string().regex(/^when .+, then .+/, "name a case 'when …, then …'"),
  asOf: z.iso.date(),
  facts: caseFactsSchema,
  expect: z.strictObject({
    include: z.array(z.strictObject({ service, tier: z.enum(["likely", "possible", "insufficient_data"]).optional() })).optional(),
    exclude: z.array(service).optional(),
    /** Exactly these urgent codes, in this order. */
    urgent: z.array(z.enum(urgentCodes)).optional(),
    urgentExclude: z.array(z.enum(urgentCodes)).optional(),
    loans: z.array(z.strictObject({
      index: z.number().int(),
      aprPct: z.number().optional(),
      overLegalCap: z.boolean().optional(),
      wholeContractVoid: z.boolean().optional(),
    })).optional(),
    /** Exactly these missing CaseFacts paths (any order). */
    missingFor: z.partialRecord(service, z.array(z.string())).optional(),
    /** The service's reasons include these keys. */
    reasons: z.partialRecord(service, z.array(z.string())).optional(),
    /** The service's reasons include none of these keys. */
    noReasons: z.partialRecord(service, z.array(z.string())).optional(),
  }),
});
type RuleCase = z.infer<typeof ruleCaseSchema>;

const caseFiles = readdirSync(CASES_DIR).filter((f) => f.endsWith(".cases.yaml")).sort();
const casesByFile = caseFiles.map((file): [string, RuleCase[]] => {
  const parsed = z.array(ruleCaseSchema).safeParse(parseYaml(readFileSync(path.join(CASES_DIR, file), "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return [file, parsed.data];
});
const ruleSet = loadRuleSet();

describe("rule cases", () => {
  it("when the fixtures are read, then there are at least 70 cases with unique names", () => {
    const names = casesByFile.flatMap(([, cases]) => cases.map((c) => c.name));
    expect(names.length).toBeGreaterThanOrEqual(70);
    expect(new Set(names).size).toBe(names.length);
  });

  it("when all cases run, then every rule of the rule set holds in at least one of them", () => {
    const fired = new Set(casesByFile.flatMap(([, cases]) => cases.flatMap((c) =>
      scoreServices(ruleSet, c.facts, c.asOf).recommendations.filter((r) => r.tier !== "insufficient_data").flatMap((r) => r.ruleIds))));
    expect(ruleSet.rules.map((r) => r.id).filter((id) => !fired.has(id))).toEqual([]);
  });
});

describe.each(casesByFile)("rule cases in %s", (_file, cases) => {
  it.each(cases.map((c): [string, RuleCase] => [c.name, c]))("%s", (_name, ruleCase) => {
    const result = scoreServices(ruleSet, ruleCase.facts, ruleCase.asOf);
    const find = (id: string) => result.recommendations.find((r) => r.service === id);
    const want = ruleCase.expect;
    for (const { service: id, tier } of want.include ?? []) {
      const found = find(id);
      expect({ service: id, shown: found !== undefined, tier: tier && found?.tier }).toEqual({ service: id, shown: true, tier });
    }
    for (const id of want.exclude ?? []) expect({ service: id, tier: find(id)?.tier }).toEqual({ service: id, tier: undefined });
    const codes = result.urgent.map((u) => u.code);
    expect(want.urgent && codes).toEqual(want.urgent);
    for (const code of want.urgentExclude ?? []) expect(codes).not.toContain(code);
    for (const loan of want.loans ?? []) expect(result.loans?.[loan.index]).toEqual(expect.objectContaining(loan));
    for (const [id, missing] of Object.entries(want.missingFor ?? {})) {
      expect({ service: id, missing: [...(find(id)?.missing ?? [])].sort() }).toEqual({ service: id, missing: [...missing].sort() });
    }
    for (const [id, keys] of Object.entries(want.reasons ?? {})) {
      expect({ service: id, reasons: find(id)?.reasons.map((m) => m.key) }).toEqual({ service: id, reasons: expect.arrayContaining(keys) });
    }
    for (const [id, keys] of Object.entries(want.noReasons ?? {})) {
      const present = find(id)?.reasons.map((m) => m.key) ?? [];
      expect({ service: id, reasons: present.filter((k) => keys.includes(k)) }).toEqual({ service: id, reasons: [] });
    }
  });
});
