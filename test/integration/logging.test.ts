import { Writable } from "node:stream";
import request from "supertest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createApp } from "../../server/app";
import { composeRuntime } from "../../server/compose";
import { parseConfig } from "../../server/config";
import { createLogger } from "../../server/logging/create-logger";

function captureApp() {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split("\n").filter(Boolean)); done(); } });
  const config = parseConfig({ NODE_ENV: "test", LOG_LEVEL: "info", DATA_DIR: mkdtempSync(path.join(tmpdir(), "hanbeon-log-")) });
  const logger = createLogger("info", sink);
  const runtime = composeRuntime(config, logger);
  return { app: createApp(runtime.deps), lines, logger, runtime };
}

describe("logging", () => {
  it("when requests run, then every request log line carries the request id and no personal data", async () => {
    const { app, lines, runtime } = captureApp();
    const created = await request(app).post("/api/chat/sessions").set("X-Request-Id", "trace-abcdefgh").send({});
    await request(app).post(`/api/chat/sessions/${created.body.sessionId}/messages`).send({ text: "홍길동 010-1234-5678" });
    await request(app).post("/api/triage/evaluate").send({ totalDebtKrw: 98_765_432, illegalLending: { threats: true } });
    const requestLines = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "request" || l.msg === "request refused");
    expect(requestLines.length).toBeGreaterThanOrEqual(3);
    expect(requestLines.every((l) => typeof l.reqId === "string" && l.reqId.length >= 8)).toBe(true);
    expect(requestLines[0].reqId).toBe("trace-abcdefgh");
    const all = lines.join("\n");
    expect(all).not.toMatch(/010-1234-5678|홍길동|98765432/);
    expect(all).not.toContain(created.body.sessionId);
    await runtime.close();
  });

  it("when personal fields are logged by mistake, then redaction censors them", () => {
    const { lines, logger } = captureApp();
    logger.info({ name: "홍길동", phone: "01012345678", facts: { totalDebtKrw: 1 }, nested: { phone: "01099998888", utterance: "사채" } }, "oops");
    const line = lines.find((l) => l.includes("oops")) ?? "";
    expect(line).not.toMatch(/홍길동|01012345678|01099998888|사채|totalDebtKrw/);
    expect(line).toContain("[redacted]");
  });
});
