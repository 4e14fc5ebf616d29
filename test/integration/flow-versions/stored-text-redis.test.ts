import request from "supertest";
import { SHIPPED_YAML } from "../../support/flow-drafts";
import { useTwoInstancesOnSharedRedis } from "../../support/shared-redis-instances";
import { signInAs } from "../../support/staff-fixtures";

const NOW = "2026-03-02T10:00:00+09:00";
const { a } = useTwoInstancesOnSharedRedis("stored-text", NOW);
/** A lone UTF-16 surrogate, valid in a JSON body; Redis's cjson refuses the "\ud800" escape JSON.stringify writes for it. */
const LONE = "메모 \ud800 끝";

let admin = { cookie: "", csrf: "" };
beforeAll(async () => {
  admin = await signInAs(a.app, a.runtime.deps.staffAuth, "admin", NOW);
});
const put = (path: string) => request(a.app).put(path).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf);
const post = (path: string) => request(a.app).post(path).set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf);

/** `{"k":{"k":…"끝"}}`, `levels` objects deep, as JSON text (JSON.stringify overflows on 5,000 levels). */
const nestedJson = (levels: number) => `${'{"k":'.repeat(levels)}"끝"${"}".repeat(levels)}`;

describe("text the Lua scripts used to refuse, on shared Redis", () => {
  it("when a draft's note holds a lone surrogate, then saving, saving again with the returned revision and publishing all succeed", async () => {
    const first = await put("/api/admin/flows/default/draft").send({ yaml: SHIPPED_YAML, note: LONE, baseRevision: null }).expect(200);
    expect(first.body.draft).toMatchObject({ note: LONE, revision: expect.any(String) });
    const second = await put("/api/admin/flows/default/draft").send({ yaml: SHIPPED_YAML, note: `${LONE} 2`, baseRevision: first.body.draft.revision }).expect(200);
    await put("/api/admin/flows/default/draft").send({ yaml: SHIPPED_YAML, baseRevision: first.body.draft.revision }).expect(409);
    const published = await post("/api/admin/flows/default/publish").send({ note: LONE, baseRevision: second.body.draft.revision }).expect(200);
    expect(published.body.version).toMatchObject({ status: "published", note: LONE });
    const flow = await request(a.app).get("/api/admin/flows/default").set("Cookie", admin.cookie).expect(200);
    expect(flow.body.draft).toBeNull();
    expect(flow.body.published).toMatchObject({ version: published.body.version.version, note: LONE });
  });

  it("when a rule value's note holds a lone surrogate, then it is published and listed with that note", async () => {
    const res = await post("/api/admin/rules/parameters/median_income.monthly/values")
      .send({ effectiveFrom: "2027-01-01", value: { 1: 2_700_000, 2: 4_400_000, 3: 5_600_000, 4: 6_800_000, 5: 7_900_000, 6: 8_900_000 }, source: "TEST DATA", note: LONE }).expect(200);
    const versions = await request(a.app).get("/api/admin/rules/versions").set("Cookie", admin.cookie).expect(200);
    expect(versions.body.versions).toContainEqual(expect.objectContaining({ version: res.body.version, note: LONE, inForce: true }));
  });

  it("when a draft's texts nest deeper than 32 levels (or 5,000), then the save is a 422 naming texts and the draft is unchanged", async () => {
    const draftNow = async () => (await request(a.app).get("/api/admin/flows/default").set("Cookie", admin.cookie).expect(200)).body.draft;
    const before = await draftNow();
    for (const levels of [33, 5000]) {
      const res = await put("/api/admin/flows/default/draft").set("Content-Type", "application/json")
        .send(`{"yaml":${JSON.stringify(SHIPPED_YAML)},"texts":{"ko":${nestedJson(levels)}}}`).expect(422);
      expect([levels, res.body.error.code]).toEqual([levels, "VALIDATION_FAILED"]);
      expect([levels, JSON.stringify(res.body.error.details)]).toEqual([levels, expect.stringContaining("texts")]);
    }
    expect(await draftNow()).toEqual(before);
    await put("/api/admin/flows/default/draft").send({ yaml: SHIPPED_YAML, texts: { ko: { flow: JSON.parse(nestedJson(20)) } } }).expect(200);
  });
});
