import { readFileSync } from "node:fs";
import path from "node:path";
import type { Express } from "express";
import request from "supertest";
import type { UserInput } from "../../bot/nodes/answer";
import type { SkillResponse } from "../../server/channels/kakao/kakao-payload-schema";
import { skillResponseSchema } from "../../server/channels/kakao/kakao-payload-schema";
import { assertValidSkillResponse } from "./check-kakao-response";

type Payload = { userRequest: { user: Record<string, unknown> } & Record<string, unknown>; action: Record<string, unknown> } & Record<string, unknown>;

/** A fixture payload from test/fixtures/kakao (real Kakao shapes). */
export function kakaoFixture(name: string): Payload {
  return JSON.parse(readFileSync(path.join(__dirname, "..", "fixtures", "kakao", `${name}.json`), "utf8"));
}

/**
 * One KakaoTalk user posting real payloads (the fixture `fixtureName`, with this user's
 * botUserKey): typed utterances, option ids as Kakao sends them back, and taps on the quick
 * replies of the last answer. Every answer must be HTTP 200 and a valid SkillResponse.
 */
export function kakaoUser(app: Express, userId: string, fixtureName = "first-message") {
  let last: SkillResponse | undefined;
  const base = kakaoFixture(fixtureName);
  const post = async (utterance: string, clientExtra: unknown): Promise<SkillResponse> => {
    const body = { ...base, userRequest: { ...base.userRequest, utterance, user: { ...base.userRequest.user, id: userId } }, action: { ...base.action, clientExtra } };
    const res = await request(app).post("/kakao/skill").send(body);
    expect(res.status).toBe(200);
    assertValidSkillResponse(res.body);
    last = skillResponseSchema.parse(res.body);
    return last;
  };
  return {
    send: (input: UserInput) => post(input.text ?? input.optionId ?? "", input.optionId !== undefined ? { optionId: input.optionId } : null),
    say: (utterance: string) => post(utterance, null),
    option: (optionId: string) => post(optionId, { optionId }),
    /** Taps the quick reply whose label starts with `label`; fails when none is offered. */
    tap: (label: string) => {
      const reply = last?.template.quickReplies?.find((q) => q.label.startsWith(label));
      if (!reply) throw new Error(`no quick reply "${label}"; offered: ${(last?.template.quickReplies ?? []).map((q) => q.label).join(", ")}`);
      return post(reply.messageText ?? reply.label, reply.extra);
    },
  };
}
