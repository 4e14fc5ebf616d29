import { z } from "zod";
import { normalizeText } from "../parse/normalize-text";
import type { Lang } from "../types";

/**
 * What a resident can ask of the chat besides answering, on any channel: the web page sends
 * these as commands, Kakao quick replies carry them, and typed words ("뒤로", "내 정보 삭제",
 * "예약 확인") are read as the same commands.
 */
export const chatCommands = ["back", "restart", "help", "human", "erase", "my_booking", "change_booking", "cancel_booking", "more"] as const;
export type ChatCommand = (typeof chatCommands)[number];

/**
 * One input to the conversation, from any channel: open a conversation, resume it after a
 * reload, a typed text, a tapped option, or a command.
 */
export type ChatInput =
  | { kind: "start"; lang: Lang }
  | { kind: "resume" }
  | { kind: "text"; text: string }
  | { kind: "option"; id: string }
  | { kind: "command"; command: ChatCommand };

export const chatCommandSchema = z.enum(chatCommands);

/** Typed words (normalized: no spaces or punctuation, lower case) for each command, in both languages. */
const commandWords: Record<ChatCommand, readonly string[]> = {
  back: ["뒤로", "뒤로가기", "이전", "이전으로", "이전질문", "back", "goback", "previous", "undo"],
  restart: ["처음으로", "처음부터", "다시시작", "처음부터다시", "처음부터다시시작", "새로시작", "처음", "restart", "startover", "reset"],
  help: ["도움말", "도움", "help"],
  human: ["상담원", "상담사", "사람", "직원", "상담원연결", "센터연결", "센터전화", "사람이랑얘기할래요", "human", "agent", "person", "talktoaperson", "talktostaff", "staff", "operator", "contactthecenter", "callthecenter"],
  erase: ["내정보삭제", "정보삭제", "기록삭제", "대화삭제", "삭제", "내정보지워", "정보지워", "기록지워", "대화지워", "다지워", "deletemydata", "erasemydata", "deletemyinformation", "forgetme"],
  my_booking: ["예약확인", "예약조회", "내예약", "예약보기", "예약확인변경취소", "mybooking", "checkbooking", "checkmybooking", "viewbooking"],
  change_booking: ["예약변경", "예약바꾸기", "예약시간변경", "예약날짜변경", "changebooking", "changemybooking", "reschedule", "reschedulebooking"],
  cancel_booking: ["예약취소", "예약취소할래요", "예약취소하기", "cancelbooking", "cancelmybooking"],
  more: ["더보기", "more", "moreoptions", "nextpage"],
};

const byWord = new Map(chatCommands.flatMap((command) => commandWords[command].map((word) => [word, command] as const)));

/** Polite endings around a command: "내 정보 삭제해 주세요", "상담원 연결해줘", "예약 취소할래요", "please". */
const POLITE_ENDINGS = ["해주시겠어요", "해주실래요", "해주세요", "해줄래요", "해줘요", "해줘", "주세요", "줘요", "줘", "할래요", "하고싶어요", "하기", "요", "please", "pls"];

/** The command a typed text says, if the whole text is one ("뒤로", "? ", "내 정보 삭제해 주세요"); else undefined. */
export function readTypedCommand(text: string): ChatCommand | undefined {
  const raw = text.trim();
  if (raw === "?" || raw === "？") return "help";
  if (raw.length > 40) return undefined;
  const normalized = normalizeText(raw).replace(/^please/, "");
  if (normalized.length === 0) return undefined;
  const bare = POLITE_ENDINGS.filter((ending) => normalized.endsWith(ending) && normalized.length > ending.length).map((ending) => normalized.slice(0, -ending.length));
  return [normalized, ...bare].map((word) => byWord.get(word)).find((command) => command !== undefined);
}
