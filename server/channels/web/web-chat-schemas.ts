import { z } from "zod";
import { chatCommandSchema } from "../../../bot/conversation/chat-input";
import type { ChatInput } from "../../../bot/conversation/chat-input";

export const createSessionBodySchema = z.strictObject({ lang: z.enum(["ko", "en"]).optional() });

/** A message is typed text, a tapped option (multi choice: ids joined by commas) or a command, never two. */
export const sendMessageBodySchema = z.union([
  z.strictObject({ text: z.string().max(2000) }),
  z.strictObject({ optionId: z.string().min(1).max(200) }),
  z.strictObject({ command: chatCommandSchema }),
]);
export type SendMessageBody = z.infer<typeof sendMessageBodySchema>;

/** `?lang=` on the chat routes (the conversation keeps its own language; this only picks the error messages' language). */
export const langQuerySchema = z.object({ lang: z.enum(["ko", "en"]).optional() }).loose();

/** 128 random bits, base64url: anything else cannot be one of ours. */
export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

/** A message body as the conversation's input. */
export function toChatInput(body: SendMessageBody): ChatInput {
  if ("text" in body) return { kind: "text", text: body.text };
  if ("optionId" in body) return { kind: "option", id: body.optionId };
  return { kind: "command", command: body.command };
}
