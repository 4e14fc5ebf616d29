import type { EngineTurn } from "../../bot/conversation/engine-turn";
import type { EvaluationCore } from "../../bot/eligibility/score-services";
import type { Translate } from "../i18n/create-translator";
import { toEvaluation } from "../triage/to-evaluation";
import type { Turn } from "./turn-schema";

/** An engine turn as the contract's Turn, in one language. */
export function toTurn(turn: EngineTurn<EvaluationCore>, t: Translate): Turn {
  return {
    messages: turn.messages.map((m) => ({ text: t(m.key, m.params) })),
    options: turn.options.map((o) => ({ id: o.id, label: t(o.label.key, o.label.params) })),
    input: { kind: turn.input.kind, ...(turn.input.hint ? { hint: t(turn.input.hint.key, turn.input.hint.params) } : {}) },
    progress: turn.progress,
    done: turn.done,
    ...(turn.evaluation ? { evaluation: toEvaluation(turn.evaluation, t) } : {}),
  };
}
