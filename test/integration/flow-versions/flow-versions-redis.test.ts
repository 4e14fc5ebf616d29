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

describe("flow versions on shared Redis", () => {
  it("when one instance publishes, then the other's new conversations use it within 3 s and its conversation in progress keeps version 1", async () => {
    const inProgress = String((await request(b.app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201)).body.sessionId);
    expect(await safetyQuestion(b.app)).not.toContain("새 문구");

    const admin = await signInAs(a.app, a.runtime.deps.staffAuth, "admin", NOW);
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
});
