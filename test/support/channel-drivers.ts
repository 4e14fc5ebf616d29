import { readFileSync } from "node:fs";
import path from "node:path";
import type { Express } from "express";
import request from "supertest";
import { toBotpressMessages } from "../../bot/botpress/src/relay";
import type { Turn } from "../../bot/contract/turn-schema";
import type { SessionKey } from "../../bot/ports";
import { kakaoKey } from "../../server/channels/kakao/kakao-skill-routes";
import { turnSchema } from "../../bot/contract/turn-schema";
import type { SkillResponse } from "../../server/channels/kakao/kakao-payload-schema";
import { skillPayloadSchema, skillResponseSchema } from "../../server/channels/kakao/kakao-payload-schema";
import { parseConfig } from "../../server/config";
import { assertValidSkillResponse } from "./check-kakao-response";

/** One thing a resident does: type, or tap an option the last turn offered (by its id). */
export type Act = { say: string } | { tap: string };

/**
 * What a resident can see and do after a turn, whatever the channel: every text shown (joined),
 * the answer options offered (ids, without the channel's own commands), and the numbers offered
 * as call buttons or links (the center's own number aside: the web page shows it at all times,
 * Kakao on its result cards and contact card). Channels are compared on this.
 */
export type Seen = { text: string; optionIds: string[]; phones: string[] };

/** A channel as a resident uses it; `key` names the conversation in the session store. */
export type ChannelDriver = { name: "web" | "kakao" | "botpress"; key: SessionKey; first: Seen; act: (act: Act) => Promise<Seen> };

/** The web page's API: a session, then one message per act. */
export async function webDriver(app: Express, lang: "ko" | "en" = "ko"): Promise<ChannelDriver> {
  const created = await request(app).post("/api/chat/sessions").send({ lang });
  if (created.status !== 201) throw new Error(`session not created: ${created.status}`);
  const sessionId: string = created.body.sessionId;
  return {
    name: "web",
    key: { channel: "web", id: sessionId },
    first: seenOfTurn(turnSchema.parse(created.body.turn)),
    act: async (act) => {
      const res = await request(app).post(`/api/chat/sessions/${sessionId}/messages`).send("say" in act ? { text: act.say } : { optionId: act.tap });
      if (res.status !== 200) throw new Error(`web answered ${res.status}: ${JSON.stringify(res.body)}`);
      return seenOfTurn(turnSchema.parse(res.body.turn));
    },
  };
}

/** The Botpress relay: the chat API with a relay token, each turn rendered as the relay renders it. */
export async function botpressDriver(app: Express, token: string, lang: "ko" | "en" = "ko"): Promise<ChannelDriver> {
  const created = await request(app).post("/api/chat/sessions").set("Authorization", `Bearer ${token}`).send({ lang });
  if (created.status !== 201) throw new Error(`relay session not created: ${created.status}`);
  const sessionId: string = created.body.sessionId;
  const render = (turn: Turn): Seen => seenOfBotpress(turn, lang);
  return {
    name: "botpress",
    key: { channel: "botpress", id: sessionId },
    first: render(turnSchema.parse(created.body.turn)),
    act: async (act) => {
      const res = await request(app).post(`/api/chat/sessions/${sessionId}/messages`).set("Authorization", `Bearer ${token}`)
        .send("say" in act ? { text: act.say } : { optionId: act.tap });
      if (res.status !== 200) throw new Error(`relay answered ${res.status}`);
      return render(turnSchema.parse(res.body.turn));
    },
  };
}

type Payload = { userRequest: { utterance: string; lang?: string | null; user: { id: string } }; bot: { id: string }; action: { clientExtra: unknown } };
const firstMessage: Payload = JSON.parse(readFileSync(path.join(__dirname, "..", "fixtures", "kakao", "first-message.json"), "utf8"));

/** The center's number in a test app that does not configure another. */
const DEFAULT_CENTER_PHONE = parseConfig({ NODE_ENV: "test" }).CENTER_PHONE;

/** A KakaoTalk user: typed text as an utterance, a tap as the quick reply carrying the option id. */
export async function kakaoDriver(app: Express, userId: string, centerPhone = DEFAULT_CENTER_PHONE): Promise<ChannelDriver> {
  let last: SkillResponse | undefined;
  const payload = (utterance: string, clientExtra: unknown): Payload => ({
    ...firstMessage, userRequest: { ...firstMessage.userRequest, utterance, user: { ...firstMessage.userRequest.user, id: userId } }, action: { ...firstMessage.action, clientExtra },
  });
  const post = async (utterance: string, clientExtra: unknown): Promise<Seen> => {
    const body = payload(utterance, clientExtra);
    const res = await request(app).post("/kakao/skill").send(body);
    if (res.status !== 200) throw new Error(`kakao answered ${res.status}`);
    assertValidSkillResponse(res.body);
    last = skillResponseSchema.parse(res.body);
    return seenOfKakao(last, centerPhone);
  };
  const first = await post("안녕하세요", null);
  return {
    name: "kakao",
    key: kakaoKey(skillPayloadSchema.parse(payload("", null))),
    first,
    act: (act) => {
      if ("say" in act) return post(act.say, null);
      const reply = last?.template.quickReplies?.find((q) => q.extra.optionId === act.tap);
      // A tap on an option past the first page of quick replies: the label typed as Kakao would send it.
      return post(reply?.messageText ?? act.tap, { optionId: act.tap });
    },
  };
}

function seenOfTurn(turn: Turn): Seen {
  return { text: turn.messages.map((m) => m.text).join("\n"), optionIds: turn.options.map((o) => o.id), phones: turn.urgent.map((u) => u.phone) };
}

function seenOfKakao(res: SkillResponse, centerPhone: string): Seen {
  const texts: string[] = [];
  const phones: string[] = [];
  for (const output of res.template.outputs) {
    if ("simpleText" in output) texts.push(output.simpleText.text);
    const cards = "textCard" in output ? [output.textCard] : "carousel" in output ? output.carousel.items : [];
    for (const card of cards) for (const button of card.buttons ?? []) if (button.action === "phone" && button.phoneNumber && button.phoneNumber !== centerPhone) phones.push(button.phoneNumber);
  }
  const optionIds = (res.template.quickReplies ?? []).map((q) => q.extra.optionId).filter((id) => !id.startsWith("cmd:") && !id.startsWith("kakao:"));
  return { text: texts.join("\n"), optionIds, phones };
}

function seenOfBotpress(turn: Turn, lang: "ko" | "en"): Seen {
  const messages = toBotpressMessages(turn, lang);
  const texts: string[] = [];
  const phones: string[] = [];
  let optionIds: string[] = [];
  for (const message of messages) {
    if (message.type === "text") texts.push(message.payload.text);
    if (message.type === "choice") {
      texts.push(message.payload.text);
      optionIds = message.payload.options.map((o) => o.value);
    }
    if (message.type === "card") for (const action of message.payload.actions) if (action.value.startsWith("tel:")) phones.push(action.value.slice(4));
  }
  return { text: texts.join("\n"), optionIds, phones };
}
