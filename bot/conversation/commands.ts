import { normalizeText } from "../parse/normalize-text";

/** Commands a resident can type at any point, in either language. */
export type Command = "back" | "restart" | "help" | "human";

const commands: Command[] = ["back", "restart", "help", "human"];

/** Typed words (normalized: no spaces or punctuation, lower case) for each command. */
const commandWords: Record<Command, string[]> = {
  back: ["뒤로", "뒤로가기", "이전", "이전으로", "이전질문", "back", "goback", "previous", "undo"],
  restart: ["처음으로", "처음부터", "다시시작", "새로시작", "처음", "restart", "startover", "reset"],
  help: ["도움말", "도움", "help", "?", "？"],
  human: ["상담원", "상담사", "사람", "직원", "상담원연결", "사람이랑얘기할래요", "human", "agent", "person", "talktoaperson", "talktostaff", "staff", "operator"],
};

/** Quick-reply ids the channels send for the same commands. */
const commandIds: Record<string, Command> = { "cmd:back": "back", "cmd:restart": "restart", "cmd:help": "help", "cmd:human": "human" };

export function findCommand(input: { text?: string; optionId?: string }): Command | undefined {
  if (input.optionId !== undefined) return commandIds[input.optionId];
  if (input.text === undefined) return undefined;
  const raw = input.text.trim();
  if (raw === "?" || raw === "？") return "help";
  const normalized = normalizeText(raw);
  if (normalized.length === 0) return undefined;
  return commands.find((command) => commandWords[command].includes(normalized));
}
