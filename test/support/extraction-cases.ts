import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import type { DraftFacts } from "../../flows/schema/case-facts";
import { draftFactsSchema } from "../../flows/schema/case-facts";

export type ExtractionCase = { text: string; facts: DraftFacts };

const CASES_FILE = path.resolve(__dirname, "..", "fixtures", "extraction", "korean-messages.cases.yaml");
const casesSchema = z.strictObject({ cases: z.array(z.strictObject({ text: z.string().min(1), facts: draftFactsSchema })).min(1) });

/** test/fixtures/extraction/korean-messages.cases.yaml, checked against the DraftFacts schema. */
export function loadExtractionCases(): ExtractionCase[] {
  return casesSchema.parse(parse(readFileSync(CASES_FILE, "utf8"))).cases;
}
