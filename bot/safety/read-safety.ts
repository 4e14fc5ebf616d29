import type { CaseFacts } from "../../flows/schema/case-facts";
import type { UrgentCode } from "../../flows/schema/catalog";
import type { RuleSet } from "../../flows/schema/rules";
import { toUrgentItems, urgentMessage } from "../eligibility/urgent-help";
import type { Msg } from "../types";
import type { SafetySignal } from "./detect-safety-signals";
import { detectSafetySignals } from "./detect-safety-signals";

/** The urgent help each signal raises: self-harm and despair the 109 line; threats, images and violence 112 and 1332. */
const HELP_OF: Record<SafetySignal, readonly UrgentCode[]> = {
  self_harm: ["crisis_line_109"],
  distress: ["crisis_line_109"],
  threat: ["call_112", "report_1332"],
  sexual_images: ["call_112", "report_1332"],
  violence: ["call_112", "report_1332"],
};

/** What one typed message means for the resident's safety, before anything else reads it. */
export type SafetyReading = {
  /** Urgent help to raise (and keep) in this conversation. */
  codes: UrgentCode[];
  /** The help to say in this very turn, first. */
  messages: Msg[];
  /** An explicit wish to die or to self-harm: recorded as `selfHarmRisk` for the counsellor. */
  selfHarm: boolean;
};

/**
 * Reads a typed message for crisis, threat, intimate-image and violence language (Korean and
 * English) and says which urgent help it raises and what to say now. It is never a proposal to
 * confirm: the help comes in the same turn, at any point of the conversation. A figure of speech
 * ("힘들어 죽겠어요") gets the 109 line gently, without recording a self-harm risk.
 */
export function readSafety(text: string, rules: RuleSet, facts: CaseFacts, asOf: string): SafetyReading {
  const signals = detectSafetySignals(text).map((finding) => finding.signal);
  const codes = [...new Set(signals.flatMap((signal) => HELP_OF[signal]))];
  const selfHarm = signals.includes("self_harm");
  const messages: Msg[] = [];
  for (const code of codes) {
    if (code === "crisis_line_109" && !selfHarm) {
      const phone = toUrgentItems(rules, [code], asOf)[0]?.phone;
      if (phone !== undefined) messages.push({ key: "safety.distress", params: { phone } });
      continue;
    }
    const message = urgentMessage(rules, code, facts, asOf);
    if (message !== undefined) messages.push(message);
  }
  return { codes, messages, selfHarm };
}
