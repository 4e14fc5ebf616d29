import type { BotSpecificClient } from "@botpress/sdk";
import { Bot, messages, z } from "@botpress/sdk";
import { hanbeonStateSchema } from "../bot.definition";
import { HanbeonClient, HanbeonUnavailableError } from "./hanbeon-client";
import type { BotpressMessage, RelayState } from "./relay";
import { parseRelayConfig, relayMessage, relayText } from "./relay";

type StandardMessages = { [K in keyof typeof messages.defaults]: z.infer<(typeof messages.defaults)[K]["schema"]> };
type NoTags = { tags: Record<string, never> };

/**
 * The bot's types as `bp gen` would write them (no usable CLI here): the `hanbeon` conversation
 * state, and one stand-in channel speaking Botpress's standard messages, which every channel
 * integration a center installs (webchat, Telegram, Messenger …) implements.
 */
type HanbeonBot = {
  integrations: {
    channel: {
      name: "channel"; version: "0.0.0"; configuration: Record<string, never>; configurations: Record<string, never>;
      actions: Record<string, never>; events: Record<string, never>; states: Record<string, never>; user: NoTags; entities: Record<string, never>;
      channels: { channel: { messages: StandardMessages; message: NoTags; conversation: NoTags } };
    };
  };
  events: Record<string, never>;
  states: { hanbeon: { type: "conversation"; payload: RelayState } };
  actions: Record<string, never>;
  tables: Record<string, never>;
  workflows: Record<string, never>;
};
type Client = BotSpecificClient<HanbeonBot>;

const FRESH: RelayState = { sessionId: null, lang: "ko" };

/**
 * Hanbeon's conversation in Botpress: each incoming message is relayed to Hanbeon's chat API
 * (one Hanbeon session per Botpress conversation, kept in the `hanbeon` conversation state) and
 * the turn comes back as standard Botpress messages. The rendering lives in relay.ts.
 */
export const bot = new Bot<HanbeonBot>({ actions: {}, plugins: {} });

bot.on.message("*", async ({ message, conversation, client, ctx, logger }) => {
  if (message.direction !== "incoming") return;
  const config = parseRelayConfig(ctx.configuration);
  const stateRef: { type: "conversation"; id: string; name: "hanbeon" } = { type: "conversation", id: conversation.id, name: "hanbeon" };
  const stored = await client.getOrSetState({ ...stateRef, payload: FRESH });
  const parsed = hanbeonStateSchema.safeParse(stored.state.payload);
  const state: RelayState = parsed.success ? parsed.data : FRESH;
  const result = await relayMessage(new HanbeonClient(config), state, message).catch((error: unknown) => {
    if (!(error instanceof HanbeonUnavailableError)) throw error;
    logger.error(`Hanbeon unavailable (status ${String(error.status)}): ${error.message}`);
    return { state, messages: [relayText(state.lang, "unavailable")] };
  });
  // Saved before replying, so a failed reply never leaves a second Hanbeon session behind.
  if (result.state.sessionId !== state.sessionId || !parsed.success) await client.setState({ ...stateRef, payload: result.state });
  for (const reply of result.messages) await send(client, conversation.id, ctx.botId, reply);
});

/** One standard message; a switch, so each call is typed with its own payload. */
async function send(client: Client, conversationId: string, userId: string, reply: BotpressMessage): Promise<void> {
  const base = { conversationId, userId, tags: {} };
  switch (reply.type) {
    case "text": await client.createMessage({ ...base, type: "text", payload: reply.payload }); return;
    case "choice": await client.createMessage({ ...base, type: "choice", payload: reply.payload }); return;
    case "card": await client.createMessage({ ...base, type: "card", payload: reply.payload }); return;
    case "carousel": await client.createMessage({ ...base, type: "carousel", payload: reply.payload }); return;
  }
}

export default bot;
