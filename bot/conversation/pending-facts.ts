import type { DraftFacts } from "../../flows/schema/case-facts";
import { draftFactsSchema } from "../../flows/schema/case-facts";
import { leafPaths } from "../extract/confirm-proposal";
import { readPath, writePath } from "./fact-paths";
import type { PendingFacts } from "./session-state";

/**
 * The part of a proposal the facts do not hold yet: a fact already known (answered to a
 * question, or confirmed before) is left out, and a list keeps only its new items. Undefined
 * when nothing is new, so there is nothing to ask the resident about.
 */
export function newFactsOf(facts: DraftFacts, proposal: DraftFacts): PendingFacts | undefined {
  let result: DraftFacts = {};
  const items: string[] = [];
  for (const path of leafPaths(proposal)) {
    if (path === "") continue;
    const value = readPath(proposal, path);
    const current = readPath(facts, path);
    let fresh: unknown;
    if (Array.isArray(value)) {
      const known: unknown[] = Array.isArray(current) ? current : [];
      const added = value.filter((item) => !known.includes(item));
      fresh = added.length > 0 && (current === undefined || Array.isArray(current)) ? added : undefined;
    } else fresh = current === undefined ? value : undefined;
    if (fresh === undefined) continue;
    const parsed = draftFactsSchema.safeParse(writePath(result, path, fresh));
    if (!parsed.success) continue;
    result = parsed.data;
    items.push(path);
  }
  return items.length > 0 ? { facts: result, items } : undefined;
}
