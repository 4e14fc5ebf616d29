import { BotDefinition, z } from "@botpress/sdk";

/**
 * What the bot keeps per Botpress conversation: the Hanbeon chat session it relays to (null
 * before the first message or after Hanbeon forgot it) and the language that session speaks.
 * `z` is the SDK's zui, not the zod 4 the server uses.
 */
export const hanbeonStateSchema = z.object({
  sessionId: z.string().nullable(),
  lang: z.enum(["ko", "en"]),
});

/** Set per installation in Botpress: where Hanbeon runs and the relay token it issued to us. */
export const hanbeonConfigurationSchema = z.object({
  hanbeonUrl: z.string().url().describe("Base URL of Hanbeon's API, e.g. https://hanbeon.example.org"),
  relayToken: z.string().min(32).describe("One of Hanbeon's RELAY_TOKENS"),
});

/** Hanbeon's conversation packaged for Botpress Cloud: a thin relay to Hanbeon's chat API. */
export default new BotDefinition({
  configuration: { schema: hanbeonConfigurationSchema },
  states: {
    hanbeon: { type: "conversation", schema: hanbeonStateSchema },
  },
});
