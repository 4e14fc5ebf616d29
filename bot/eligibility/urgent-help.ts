import type { CaseFacts } from "../../flows/schema/case-facts";
import type { UrgentCode } from "../../flows/schema/catalog";
import { urgentCodes } from "../../flows/schema/catalog";
import type { RuleSet } from "../../flows/schema/rules";
import type { Msg } from "../types";
import { deriveFacts } from "./derive-facts";
import { stringParam } from "./param-as-of";
import { toMsg } from "./score-services";

/** An urgent item as every channel shows it: a call button's label and the number it dials. */
export type UrgentItem = { code: UrgentCode; label: Msg; phone: string };

/**
 * The active urgent codes as call buttons, in the catalog's order (112 and 109 first), with the
 * numbers in force on `asOf` from the rule set's one contact table. A code whose number has no
 * value that day is left out rather than shown without a number.
 */
export function toUrgentItems(ruleSet: RuleSet, codes: readonly UrgentCode[], asOf: string): UrgentItem[] {
  const reader = deriveFacts({}, ruleSet.parameters, asOf);
  return urgentCodes.filter((code) => codes.includes(code)).flatMap((code) => {
    const contact = ruleSet.contacts.find((c) => c.code === code);
    const number = contact === undefined ? undefined : stringParam(reader.readParam, contact.phone.param);
    return contact === undefined || number === undefined ? [] : [{ code, label: { key: contact.label, params: { phone: dialable(number) } }, phone: dialable(number) }];
  });
}

/**
 * What the chat says when an urgent code is raised by words the resident typed rather than by
 * an answer: the message of the code's first urgent rule, with its numbers filled in.
 */
export function urgentMessage(ruleSet: RuleSet, code: UrgentCode, facts: CaseFacts, asOf: string): Msg | undefined {
  const rule = ruleSet.urgent.find((u) => u.code === code);
  return rule === undefined ? undefined : toMsg(rule.message, deriveFacts(facts, ruleSet.parameters, asOf));
}

/** The part of a number one can dial: "1332→3→6" is dialled as 1332 (the menu is said in words). */
function dialable(phone: string): string {
  return phone.split("→")[0]?.trim() ?? phone;
}
