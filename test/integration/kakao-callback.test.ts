import { createServer } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { assertValidSkillResponse } from "../support/check-kakao-response";
import { buildTestApp } from "../support/test-app";

/** A stand-in for Kakao's callback endpoint on 127.0.0.1: records what we post to it. */
async function startReceiver() {
  type Posted = { path: string; body: unknown };
  const received: Posted[] = [];
  const waiting: ((posted: Posted) => void)[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => { body += String(chunk); });
    req.on("end", () => {
      const posted = { path: req.url ?? "", body: JSON.parse(body) };
      received.push(posted);
      for (const waiter of waiting.splice(0)) waiter(posted);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ taskId: "t", status: "SUCCESS", message: "ok", timestamp: 0 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`, received,
    /** The next post to arrive after this call. */
    nextPost: () => new Promise<Posted>((resolve) => waiting.push(resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function payload(utterance: string, callbackUrl?: string, clientExtra: unknown = null) {
  return {
    intent: { id: "fallback", name: "폴백 블록" },
    userRequest: { timezone: "Asia/Seoul", params: {}, block: { id: "b", name: "b" }, utterance, lang: "ko", user: { id: "callback-user-0001", type: "botUserKey", properties: {} }, ...(callbackUrl ? { callbackUrl } : {}) },
    bot: { id: "bot-1", name: "한번에" },
    action: { id: "a", name: "skill", params: {}, detailParams: {}, clientExtra },
  };
}

describe("Kakao callback", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-callback-"));
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let built: ReturnType<typeof buildTestApp>;

  beforeAll(async () => {
    receiver = await startReceiver();
    built = buildTestApp({ env: { DATA_DIR: dataDir, KAKAO_CALLBACK_ENABLED: "true", KAKAO_CALLBACK_ORIGIN: receiver.origin } });
  });
  afterAll(async () => {
    await built.runtime.close();
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("when typed text comes with a callback URL, then we answer useCallback at once and post the full answer to it", async () => {
    const posted = receiver.nextPost();
    const res = await request(built.app).post("/kakao/skill").send(payload("안녕하세요", `${receiver.origin}/v1/bots/bot-1!/callback/token-1`));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ version: "2.0", useCallback: true, data: { text: expect.stringMatching(/[가-힣]/) } });
    await posted;
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.path).toBe("/v1/bots/bot-1!/callback/token-1");
    assertValidSkillResponse(receiver.received[0]?.body);
  });

  it("when the callback URL is not Kakao's origin, then it is never called and the answer comes directly", async () => {
    const before = receiver.received.length;
    const res = await request(built.app).post("/kakao/skill").send(payload("안녕하세요", "http://169.254.169.254/latest/meta-data"));
    assertValidSkillResponse(res.body);
    expect(res.body.useCallback).toBeUndefined();
    // A later callback to the right origin is the only post that arrives: the refused one was never sent.
    const posted = receiver.nextPost();
    await request(built.app).post("/kakao/skill").send(payload("다음 이야기", `${receiver.origin}/cb/later`));
    expect((await posted).path).toBe("/cb/later");
    expect(receiver.received.map((r) => r.path).slice(before)).toEqual(["/cb/later"]);
  });

  it("when a quick reply is tapped, then it is answered directly, even with a callback URL", async () => {
    const res = await request(built.app).post("/kakao/skill").send(payload("동의해요", `${receiver.origin}/cb/2`, { optionId: "agree" }));
    assertValidSkillResponse(res.body);
    expect(res.body.useCallback).toBeUndefined();
  });
});
