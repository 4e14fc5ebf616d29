import request from "supertest";
import type { DedicatedRedis } from "../support/redis-server";
import { startDedicatedRedis } from "../support/redis-server";
import { buildTestApp } from "../support/test-app";

/** Redis goes away mid-conversation and comes back: a real redis-server, killed and restarted. */
describe("when Redis goes away", () => {
  let redis: DedicatedRedis;
  let built: ReturnType<typeof buildTestApp>;

  beforeAll(async () => {
    redis = await startDedicatedRedis();
    built = buildTestApp({ env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: "outage:" } });
    for (let i = 0; i < 50 && (await request(built.app).get("/readyz")).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(async () => {
    await built.runtime.close();
    await redis.stop();
  });

  it("then the web answers 503 with Retry-After, /readyz says not ready, and both recover by themselves", async () => {
    const created = await request(built.app).post("/api/chat/sessions").send({});
    expect(created.status).toBe(201);
    const id: string = created.body.sessionId;
    expect((await request(built.app).post(`/api/chat/sessions/${id}/messages`).send({ optionId: "yes" })).status).toBe(200);

    await redis.stop();
    const started = Date.now();
    const during = await request(built.app).post(`/api/chat/sessions/${id}/messages`).send({ optionId: "yes" });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(during.status).toBe(503);
    expect(during.headers["retry-after"]).toMatch(/^\d+$/);
    expect(during.body.error.code).toBe("DEPENDENCY_UNAVAILABLE");
    expect((await request(built.app).post("/api/chat/sessions").send({})).status).toBe(503);
    const ready = await request(built.app).get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.headers["retry-after"]).toBeDefined();

    await redis.start();
    let recovered = 0;
    for (let i = 0; i < 60 && recovered !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      recovered = (await request(built.app).get("/readyz")).status;
    }
    expect(recovered).toBe(200);
    // This Redis keeps nothing on disk: the old conversation is gone (404), new ones work.
    expect((await request(built.app).get(`/api/chat/sessions/${id}`)).status).toBe(404);
    const again = await request(built.app).post("/api/chat/sessions").send({});
    expect(again.status).toBe(201);
    expect((await request(built.app).post(`/api/chat/sessions/${again.body.sessionId}/messages`).send({ optionId: "yes" })).status).toBe(200);
  });
});
