import type { ChatTurn } from "../../bot/conversation/chat-turn";
import { ERASED_NODE_ID } from "../../bot/conversation/step-chat";
import type { Turn } from "../../bot/contract/turn-schema";
import type { Translate } from "../i18n/create-translator";
import { toEvaluation } from "../triage/to-evaluation";

/** A chat turn as the contract's Turn, in the conversation's language. */
export function toTurn(turn: ChatTurn, t: Translate): Turn {
  return {
    messages: turn.messages.map((m) => ({ text: t(m.key, m.params) })),
    options: turn.options.map((o) => ({ id: o.id, label: t(o.label.key, o.label.params) })),
    input: { kind: turn.input.kind, ...(turn.input.hint ? { hint: t(turn.input.hint.key, turn.input.hint.params) } : {}) },
    progress: turn.progress,
    done: turn.done,
    ...(turn.evaluation ? { evaluation: toEvaluation(turn.evaluation, t) } : {}),
    ...(turn.booking ? { booking: { ...turn.booking, location: t("booking.location") } } : {}),
    urgent: turn.urgent.map((item) => ({ code: item.code, label: t(item.label.key, item.label.params), phone: item.phone })),
    ...(turn.nodeId === ERASED_NODE_ID ? { erased: true as const } : {}),
  };
}
