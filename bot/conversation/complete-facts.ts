import type { CaseFacts, DraftFacts } from "../../flows/schema/case-facts";
import { caseFactsSchema } from "../../flows/schema/case-facts";

/**
 * The facts the scorer may see: half-told loans and credit scores are left out (they are still
 * unknown), everything else passes as told.
 */
export function completeFacts(draft: DraftFacts): CaseFacts {
  const known = completed.get(draft);
  if (known !== undefined) return known;
  const complete = computeCompleteFacts(draft);
  completed.set(draft, complete);
  return complete;
}

/**
 * Facts are never changed in place (every answer writes a copy), and one turn completes the same
 * facts several times (safety, urgent help, the walk, the result): each object is completed once.
 */
const completed = new WeakMap<DraftFacts, CaseFacts>();

function computeCompleteFacts(draft: DraftFacts): CaseFacts {
  const { creditScore, illegalLending, ...rest } = draft;
  const loans = illegalLending?.loans?.flatMap((loan) =>
    loan.receivedKrw !== undefined && loan.repayKrw !== undefined && loan.days !== undefined
      ? [{ receivedKrw: loan.receivedKrw, repayKrw: loan.repayKrw, days: loan.days, ...(loan.contractDate ? { contractDate: loan.contractDate } : {}) }]
      : []);
  const candidate = {
    ...rest,
    ...(creditScore?.bureau !== undefined && creditScore.score !== undefined ? { creditScore: { bureau: creditScore.bureau, score: creditScore.score } } : {}),
    ...(illegalLending ? { illegalLending: { ...illegalLending, ...(loans && loans.length ? { loans } : { loans: undefined }) } } : {}),
  };
  // Parsing drops the `loans: undefined` placeholder and proves the result is complete.
  return caseFactsSchema.parse(JSON.parse(JSON.stringify(candidate)));
}
