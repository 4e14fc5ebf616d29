import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { EngineContext } from "../../bot/conversation/engine-context";
import { createEngineContext } from "../../bot/conversation/engine-context";
import type { ChatInput } from "../../bot/conversation/chat-input";
import { chatCommands } from "../../bot/conversation/chat-input";
import type { ChatTurn } from "../../bot/conversation/chat-turn";
import type { SessionState } from "../../bot/conversation/session-state";
import type { ChatContext, ChatStep } from "../../bot/conversation/step-chat";
import { REFINE_OPTION_ID } from "../../bot/conversation/run-conversation";
import { chatContextOf, startChat as openChat, stepChat } from "../../bot/conversation/step-chat";
import type { EvaluationCore } from "../../bot/eligibility/score-services";
import { listRuleFacts } from "../../bot/eligibility/list-rule-facts";
import { scoreServices } from "../../bot/eligibility/score-services";
import type { UserInput } from "../../bot/nodes/answer";
import type { Lang, Msg } from "../../bot/types";
import { FLOWS_DIR, loadFlowFile } from "../../flows/load-flows";
import { loadRuleSet } from "../../flows/load-rules";
import type { Flow } from "../../flows/schema/flow";
import type { RuleSet } from "../../flows/schema/rules";
import type { LocaleTree } from "../../server/i18n/load-locales";
import { listKeys, loadLocales, parseTree } from "../../server/i18n/load-locales";

export const DEFAULT_FLOW_FILE = path.join(FLOWS_DIR, "default.flow.yaml");
export const LOCALES_DIR = path.resolve(__dirname, "..", "..", "locales");
export const LANGS: readonly Lang[] = ["ko", "en"];
/** A fixed clock: Thursday 2026-12-03, 10:00 in Seoul. */
export const FIXED_NOW = "2026-12-03T10:00:00+09:00";
/** What the server would interpolate from configuration; test values only. */
export const TEST_CENTER_PARAMS: Readonly<Record<string, string>> = { centerName: "테스트 센터", centerPhone: "000-0000-0000" };

export type FlowTurn = ChatTurn;
type Message = Extract<ChatInput, { kind: "text" | "option" | "command" }>;

/** Every locales/<lang>/*.json of one language, by file name. */
export function readLocaleFiles(lang: string, dir: string = LOCALES_DIR): Array<{ file: string; tree: LocaleTree }> {
  return readdirSync(path.join(dir, lang))
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ file, tree: parseTree(readFileSync(path.join(dir, lang, file), "utf8"), `${lang}/${file}`) }));
}

export const listLocaleKeys = listKeys;

export function lookupText(tree: LocaleTree, key: string): string | undefined {
  let current: string | LocaleTree | undefined = tree;
  for (const part of key.split(".")) {
    if (current === undefined || typeof current === "string") return undefined;
    current = current[part];
  }
  return typeof current === "string" ? current : undefined;
}

/** A message as a resident would read it: the key's text with params and the center's details. */
export function renderMsg(msg: Msg, lang: Lang, locales: Record<Lang, LocaleTree> = flowFixture().locales): string {
  const text = lookupText(locales[lang], msg.key);
  if (text === undefined) return `⟨missing ${lang}:${msg.key}⟩`;
  const params: Record<string, string | number> = { ...TEST_CENTER_PARAMS, ...msg.params };
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => String(params[name] ?? whole));
}

export type FlowFixture = {
  flow: Flow;
  locales: Record<Lang, LocaleTree>;
  ctx: EngineContext<EvaluationCore>;
  ruleSet: RuleSet;
  /** What the conversation core is given, as the server gives it (no story reading). */
  chat: ChatContext;
};

let cached: FlowFixture | undefined;

/**
 * The shipped default flow, loaded and graph-checked against the shipped locales and the facts
 * the rules read, wired to the real scorer and rule set, with label lookups in every language (as the server builds it).
 */
export function flowFixture(): FlowFixture {
  if (cached) return cached;
  const locales = loadLocales(LOCALES_DIR);
  const ruleSet = loadRuleSet();
  const flow = loadFlowFile(DEFAULT_FLOW_FILE, { locales, ruleFacts: listRuleFacts(ruleSet) });
  const labels = (key: string): string[] => LANGS.flatMap((lang) => lookupText(locales[lang], key) ?? []);
  const ctx = createEngineContext(flow, (facts, asOf) => scoreServices(ruleSet, facts, asOf), labels, undefined, () => ruleSet);
  const chat = chatContextOf(ctx, ruleSet, false);
  cached = { flow, locales, ctx, ruleSet, chat };
  return cached;
}

export type Chat = {
  /** The latest turn. */
  readonly turn: FlowTurn;
  readonly state: SessionState;
  /** Every turn so far, the first one included. */
  readonly turns: readonly FlowTurn[];
  /** Ids of the questions shown so far, in order (repeats included). */
  readonly asked: readonly string[];
  say(text: string): FlowTurn;
  tap(optionId: string): FlowTurn;
  /** Answers the current question after checking it is `nodeId`, so a drifting walk fails loudly. */
  answer(nodeId: string, input: string | { tap: string }): FlowTurn;
  /**
   * Answers whatever the flow asks, from `answers` by question id (any other question: "no",
   * "none" or its first option), until the first result; with `refine`, it then asks for more and
   * answers the questions left for later too; with `until`, it stops when that question is asked.
   */
  walk(answers: Readonly<Record<string, string | { tap: string }>>, options?: { refine?: boolean; until?: string }): FlowTurn;
  /** The current turn's messages as text in `lang` (the chat's language by default). */
  texts(lang?: Lang): string[];
};

/**
 * Starts a conversation on the default flow with a fixed clock and drives it like a resident,
 * through the conversation core every channel uses (commands, safety, triage). Effects (booking,
 * stories) need the server: a step that asks for one fails the test.
 */
export function startChat(lang: Lang = "ko", now: string = FIXED_NOW): Chat {
  const { chat: ctx } = flowFixture();
  let step: ChatStep = openChat(ctx, lang, now);
  const turns: FlowTurn[] = [step.turn];
  const sessionOf = (current: ChatStep) => {
    if (current.session === undefined) throw new Error("the conversation was erased");
    return current.session;
  };
  const send = (input: UserInput): FlowTurn => {
    step = stepChat(ctx, sessionOf(step), toChatInput(input), now);
    if (step.pending !== undefined) throw new Error(`the step asked for a ${step.pending.effect.kind} effect, which needs the server`);
    turns.push(step.turn);
    return step.turn;
  };
  const chat: Chat = {
    get turn() { return step.turn; },
    get state() { return sessionOf(step).state; },
    get turns() { return turns; },
    get asked() { return turns.filter((t) => !t.done).map((t) => t.nodeId); },
    say: (text) => send({ text }),
    tap: (optionId) => send({ optionId }),
    answer(nodeId, input) {
      if (step.turn.nodeId !== nodeId) {
        throw new Error(`expected to be asked "${nodeId}" but the flow is at "${step.turn.nodeId}": ${chat.texts().join(" / ")}`);
      }
      return typeof input === "string" ? send({ text: input }) : send({ optionId: input.tap });
    },
    texts: (as = lang) => step.turn.messages.map((m) => renderMsg(m, as)),
    walk(answers, { refine = false, until } = {}) {
      for (let i = 0; i < 120; i++) {
        const turn = step.turn;
        if (until !== undefined && turn.nodeId === until) return turn;
        const ids = turn.options.map((o) => o.id);
        if (turn.done) {
          if (!refine || !ids.includes(REFINE_OPTION_ID)) return turn;
          send({ optionId: REFINE_OPTION_ID });
          continue;
        }
        const given = answers[turn.nodeId];
        if (given === undefined && ids.length === 0) throw new Error(`the walk has no answer for "${turn.nodeId}", which takes typed input`);
        if (given !== undefined) send(typeof given === "string" ? { text: given } : { optionId: given.tap });
        else send({ optionId: ["no", "none"].find((id) => ids.includes(id)) ?? ids[0] ?? "" });
        if (step.turn.nodeId === turn.nodeId && step.turn.progress.answered === turn.progress.answered) {
          throw new Error(`the answer for "${turn.nodeId}" was not taken: ${chat.texts().join(" / ")}`);
        }
      }
      throw new Error(`the walk did not finish; it rests at ${step.turn.nodeId}`);
    },
  };
  return chat;
}

/** An input as a channel sends it: a tap on "cmd:back" is the back command, like a Kakao quick reply. */
function toChatInput(input: UserInput): Message {
  const command = chatCommands.find((c) => input.optionId === `cmd:${c}`);
  if (command !== undefined) return { kind: "command", command };
  return input.optionId !== undefined ? { kind: "option", id: input.optionId } : { kind: "text", text: input.text ?? "" };
}

/** A card debtor of 25 million won, 45 days overdue, employed, household of two (no real person). */
export const CARD_DEBTOR_ANSWERS: Readonly<Record<string, UserInput>> = {
  consent: { optionId: "agree" }, safety_check: { optionId: "no" }, has_debt: { optionId: "yes" }, total_debt: { text: "2500만원" },
  secured_gate: { optionId: "none" }, creditor_types: { optionId: "card" }, has_illegal_loan: { optionId: "no" }, overdue_days: { text: "45일" },
  new_debt_gate: { optionId: "none" }, prior_discharge_gate: { optionId: "no" }, household_size: { text: "2명" }, monthly_income: { text: "250만원" },
  own_income: { text: "3000만원" }, cover_living: { optionId: "yes" }, employment: { optionId: "employed" }, employed_months: { text: "2년" },
  age: { text: "45" }, gyeonggi_resident: { optionId: "yes" }, welfare_status: { optionId: "none" },
};

/**
 * The inputs that take the shipped flow to its first result (with `refine`, on through every
 * question left for later), found by walking it in process: `answers` by question id, and for any
 * other question the first of `fallbackIds` it offers (else its first option). Throws when the
 * walk does not finish, so a drifting flow fails loudly.
 */
export function walkInputs(
  answers: Readonly<Record<string, UserInput>>,
  { now = FIXED_NOW, fallbackIds = ["no", "none"], refine = false }: { now?: string; fallbackIds?: readonly string[]; refine?: boolean } = {},
): UserInput[] {
  const chat = startChat("ko", now);
  const inputs: UserInput[] = [];
  const refining = () => refine && chat.turn.done && chat.turn.options.some((o) => o.id === REFINE_OPTION_ID);
  for (let i = 0; i < 120 && (!chat.turn.done || refining()); i++) {
    const ids = chat.turn.options.map((o) => o.id);
    const input = chat.turn.done ? { optionId: REFINE_OPTION_ID } : answers[chat.turn.nodeId] ?? { optionId: fallbackIds.find((id) => ids.includes(id)) ?? ids[0] ?? "" };
    inputs.push(input);
    if (input.optionId !== undefined) chat.tap(input.optionId);
    else chat.say(input.text ?? "");
  }
  if (!chat.turn.done) throw new Error(`the walk did not finish; it rests at ${chat.turn.nodeId}`);
  return inputs;
}
