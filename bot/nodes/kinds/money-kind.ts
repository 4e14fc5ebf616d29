import type { FlowNode, QuestionNode } from "../../../flows/schema/flow";
import { formatWon } from "../../parse/format-won";
import { MAX_MONEY_WON } from "../../parse/parse-amount";
import { parseMoney, parseMoneyPeriod } from "../../parse/parse-money";
import type { Lang, Msg, ParseResult } from "../../types";
import type { Answer } from "../answer";
import { textOf } from "../answer";
import type { NodeKind } from "../node-kind";
import { noOptions, questionLinks, questionTexts, savedOf } from "../node-kind";

type MoneyNode = Extract<FlowNode, { type: "money" }>;

/** Facts that hold an income (monthlyIncomeKrw, annualIncomeKrw): the questions where earnings are the answer. */
const INCOME_FACT = /income/i;
/** Words that say an amount is earned, not owed or borrowed. */
/** Words that tie the amount to a debt after all ("월급 밀려서 카드빚이 3천"). */
const OWED = /빚|대출|빌[렸린려리]|채무|갚|사채|카드|론|연체|\b(?:owe|owed|debt|debts|loan|loans|borrow|borrowed)\b/i;
const EARNINGS = /벌[어고는었지요]|번다|버는|벌이|월급|급여|수입|소득|연봉|\b(?:earn|earns|earned|earning|salary|wage|wages|income|paid)\b|\bmake\s/i;

/** An amount of won, typed as people say it ("대충 1200만원", "한 달에 290만원쯤", "30 million won"). */
export const moneyKind: NodeKind<MoneyNode> = {
  type: "money", input: "money",
  links: (node) => questionLinks(node), textKeys: questionTexts, saves: savedOf, options: noOptions,
  read: (node, input, _labels, lang) => readMoney(node, textOf(input), lang),
};

/**
 * An amount in the question's period: a monthly figure at a yearly question is × 12 and a
 * yearly one at a monthly question ÷ 12 (to the nearest 만원), with a note saying so.
 */
function readMoney(node: Extract<QuestionNode, { type: "money" }>, text: string, lang: Lang): ParseResult<Answer> {
  // "한 달에 200 벌어요" at the debt question answers another question: saved as the debt, it would
  // mislead every rule that reads it. Asked again, saying the earnings come later.
  if (!INCOME_FACT.test(node.save) && EARNINGS.test(text) && !OWED.test(text)) return { ok: false, reason: { key: "parse.money.earningsNotAsked" } };
  const amount = parseMoney(text, { bareUnit: node.bareUnit === "man" ? 10000 : 1 });
  if (!amount.ok) return amount;
  const stated = node.per === undefined || amount.value === 0 ? undefined : parseMoneyPeriod(text);
  if (stated === undefined || stated === node.per) return { ok: true, value: { value: amount.value, next: node.next } };
  const monthly = stated === "month" ? amount.value : Math.round(amount.value / 12 / 10_000) * 10_000;
  const yearly = stated === "month" ? amount.value * 12 : amount.value;
  if (yearly > MAX_MONEY_WON) return { ok: false, reason: { key: "parse.money.tooLarge" } };
  const note: Msg = {
    key: stated === "month" ? "engine.note.monthToYear" : "engine.note.yearToMonth",
    params: { monthly: formatWon(monthly, lang), yearly: formatWon(yearly, lang) },
  };
  return { ok: true, value: { value: stated === "month" ? yearly : monthly, next: node.next, notes: [note] } };
}

