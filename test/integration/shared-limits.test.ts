import request from "supertest";
import { createStaffUser } from "../../server/staff/auth/staff-auth";
import { useTwoInstances } from "../support/two-instances";

const NOW = "2026-12-03T08:00:00+09:00";
const { a, b } = useTwoInstances("limits", NOW, { RATE_LIMIT_IP_PER_MINUTE: "5" });

describe("limits shared by two instances through Redis", () => {
  it("when one address spreads its requests over both instances, then together they count against one budget", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await request(i % 2 ? b.app : a.app).get("/api/slots?specialty=debt&days=1")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("when five wrong passwords arrive through both instances, then the account is locked on both", async () => {
    await createStaffUser(a.runtime.deps.staffAuth.users, { username: "lee", role: "staff", password: "correct horse battery" }, new Date(NOW));
    const login = (target: typeof a, password: string) => request(target.app).post("/api/staff/login").send({ username: "lee", password });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(i % 2 ? b : a, `wrong ${i}`)).status);
    for (const target of [a, b]) statuses.push((await login(target, "correct horse battery")).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401]);
  });
});
