import type { Express } from "express";
import request from "supertest";
import { SAFETY_OVERRIDE, SHIPPED_YAML } from "../../support/flow-drafts";
import { useTwoInstancesOnSharedRedis } from "../../support/shared-redis-instances";
import { signInAs } from "../../support/staff-fixtures";

const NOW = "2026-03-02T10:00:00+09:00";
const { a, b } = useTwoInstancesOnSharedRedis("flow-versions", NOW);

async function safetyQuestion(app: Express, sessionId?: string): Promise<string> {
  const id = sessionId ?? String((await request(app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201)).body.sessionId);
  const res = await request(app).post(`/api/chat/sessions/${id}/messages`).send({ optionId: "agree" }).expect(200);
  return String(res.body.turn.messages.at(-1)?.text ?? "");
}

let admin = { cookie: "", csrf: "" };
beforeAll(async () => {
  admin = await signInAs(a.app, a.runtime.deps.staffAuth, "admin", NOW);
});

describe("flow versions on shared Redis", () => {
  it("when one instance publishes, then the other's new conversations use it within 3 s and its conversation in progress keeps version 1", async () => {
    const inProgress = String((await request(b.app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201)).body.sessionId);
    expect(await safetyQuestion(b.app)).not.toContain("새 문구");

    await request(a.app).put("/api/admin/flows/default/draft").set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf)
      .send({ yaml: SHIPPED_YAML, texts: SAFETY_OVERRIDE }).expect(200);
    const published = await request(a.app).post("/api/admin/flows/default/publish").set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send({}).expect(200);
    expect(published.body.version.version).toBe(2);
    const at = Date.now();

    let seen = "";
    while (Date.now() - at < 3000 && !seen.includes("새 문구")) {
      seen = await safetyQuestion(b.app);
      if (!seen.includes("새 문구")) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(seen).toContain("새 문구");
    expect(await safetyQuestion(b.app, inProgress)).not.toContain("새 문구");
  });

  it("when admins on both instances publish the same draft at once, then exactly one new version is published and the other is refused", async () => {
    const send = (app: typeof a.app, url: string, body: object) => request(app).post(url).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send(body);
    const history = async () => (await request(a.app).get("/api/admin/flows/default").set("Cookie", admin.cookie).expect(200)).body.history as { status: string }[];
    for (let round = 0; round < 5; round++) {
      const before = (await history()).length;
      await request(a.app).put("/api/admin/flows/default/draft").set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf)
        .send({ yaml: SHIPPED_YAML, texts: SAFETY_OVERRIDE, note: `race ${round}` }).expect(200);
      const results = await Promise.all([send(a.app, "/api/admin/flows/default/publish", {}), send(b.app, "/api/admin/flows/default/publish", {})]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses[0]).toBe(200);
      expect([404, 409]).toContain(statuses[1]);
      const after = await history();
      expect(after).toHaveLength(before + 1);
      expect(after.filter((v) => v.status === "published")).toHaveLength(1);
    }
  });
});
