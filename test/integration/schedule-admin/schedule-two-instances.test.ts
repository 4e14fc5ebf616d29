import type { Express } from "express";
import request from "supertest";
import { loadSchedule } from "../../../flows/load-schedule";
import { THURSDAY_MORNING } from "../../support/booking-schedule";
import { useTwoInstances, whenApplied } from "../../support/two-instances";
import { signInAs } from "../../support/staff-fixtures";

const NOW = THURSDAY_MORNING;
const { a, b } = useTwoInstances("schedule-admin", NOW);
const shipped = loadSchedule();
/** Signed in on instance a; console sessions are in the shared PostgreSQL, so b takes it too. */
let admin = { cookie: "", csrf: "" };

const fridaySlots = async (app: Express): Promise<number> =>
  (await request(app).get("/api/slots?specialty=debt&from=2026-12-04&days=1").expect(200)).body.slots.length;

describe("schedule on two instances (one PostgreSQL, one Redis)", () => {
  it("when a closure is saved on one instance, then the other stops offering and booking that day by notification", async () => {
    expect(await fridaySlots(b.app)).toBeGreaterThan(0);
    admin = await signInAs(a.app, a.runtime.deps.staffAuth, "admin", NOW);
    const applied = whenApplied(b.runtime, "schedule", 1);
    await request(a.app).put("/api/admin/schedule").set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf)
      .send({ schedule: { ...structuredClone(shipped), closures: [{ date: "2026-12-04", reason: "직원 교육" }] }, note: "training" }).expect(200);
    expect(await fridaySlots(a.app)).toBe(0);
    await applied;
    expect(await fridaySlots(b.app)).toBe(0);
    const refused = await request(b.app).post("/api/bookings").send({ slotId: "debt@2026-12-04T10:00+09:00", name: "김하나", phone: "010-5555-1001", consent: true }).expect(409);
    expect(refused.body.error.details.reason).toBe("closed");
    expect(await fridaySlots(b.app)).toBe(0);
    expect(b.runtime.deps.scheduleAdmin.document.version()).toBe(1);
  });

  it("when admins on two instances save from the same version at once, then one is published and the other gets 409 CONFLICT", async () => {
    const base = (await request(a.app).get("/api/admin/schedule").set("Cookie", admin.cookie).expect(200)).body.version;
    const put = (target: typeof a, date: string) => request(target.app).put("/api/admin/schedule").set("Cookie", admin.cookie).set("X-CSRF-Token", admin.csrf)
      .send({ schedule: { ...structuredClone(shipped), closures: [{ date }] }, baseVersion: base });
    const replies = await Promise.all([put(a, "2026-12-09"), put(b, "2026-12-10")]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
    expect(replies.find((reply) => reply.status === 409)?.body.error.code).toBe("CONFLICT");
    const after = await request(b.app).get("/api/admin/schedule").set("Cookie", admin.cookie).expect(200);
    expect(after.body.version).toBe(base + 1);
    expect(after.body.history).toHaveLength(base + 1);
  });
});
