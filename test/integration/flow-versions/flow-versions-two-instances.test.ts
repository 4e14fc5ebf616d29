import type { Express } from "express";
import request from "supertest";
import { SAFETY_OVERRIDE, SHIPPED_YAML } from "../../support/flow-drafts";
import { useTwoInstances, whenApplied } from "../../support/two-instances";
import { signInAs } from "../../support/staff-fixtures";

const NOW = "2026-03-02T10:00:00+09:00";
const { a, b } = useTwoInstances("flow-versions", NOW);

async function safetyQuestion(app: Express, sessionId?: string): Promise<string> {
  const id = sessionId ?? String((await request(app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201)).body.sessionId);
  const res = await request(app).post(`/api/chat/sessions/${id}/messages`).send({ optionId: "agree" }).expect(200);
  return String(res.body.turn.messages.at(-1)?.text ?? "");
}

let admin = { cookie: "", csrf: "" };
beforeAll(async () => {
  admin = await signInAs(a.app, a.runtime.deps.staffAuth, "admin", NOW);
});

describe("flow versions on two instances (one PostgreSQL, one Redis)", () => {
  it("when one instance publishes, then the other applies it by notification, long before the fallback poll and its conversation in progress keeps version 1", async () => {
    const inProgress = String((await request(b.app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201)).body.sessionId);
    expect(await safetyQuestion(b.app)).not.toContain("새 문구");

    await request(a.app).put("/api/admin/flows/default/draft").set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf)
      .send({ yaml: SHIPPED_YAML, texts: SAFETY_OVERRIDE }).expect(200);
    const applied = whenApplied(b.runtime, "default", 2);
    const published = await request(a.app).post("/api/admin/flows/default/publish").set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf).send({}).expect(200);
    expect(published.body.version.version).toBe(2);
    await applied;
    expect(await safetyQuestion(b.app)).toContain("새 문구");
    expect(await safetyQuestion(b.app, inProgress)).not.toContain("새 문구");
  });

  // Five rounds of two gated publishes (each runs the smoke cases): slow on a loaded machine, not stuck.
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
  }, 120_000);
});
