import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import type { StaffRole } from "../../../bot/staff/staff-ports";
import { createStaffUser } from "../../../server/staff/auth/staff-auth";
import { buildTestApp } from "../../support/test-app";

const PASSWORD = "correct horse battery";
const START = Date.parse("2026-03-02T10:00:00+09:00");

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-staff-auth-"));
  let clock = START;
  // One proxy hop trusted, so each request can come from the client IP its X-Forwarded-For names.
  const { app, runtime } = buildTestApp({ env: { DATA_DIR: dir, REMINDERS_ENABLED: "false", TRUST_PROXY_HOPS: "1" }, clock: () => new Date(clock) });
  const { users } = runtime.deps.staffAuth;
  return {
    app, runtime,
    advanceMinutes: (minutes: number) => { clock += minutes * 60_000; },
    addUser: (username: string, role: StaffRole) => createStaffUser(users, { username, role, password: PASSWORD }, new Date(clock)),
    login: (username: string, password = PASSWORD, ip = "203.0.113.10") => request(app).post("/api/staff/login").set("X-Forwarded-For", ip).send({ username, password }),
    close: async () => { await runtime.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** The `name=value` part of the staff cookie a login set. */
function cookieOf(res: request.Response): string {
  const header = res.get("Set-Cookie")?.find((c) => c.startsWith("hb_staff="));
  if (!header) throw new Error("no hb_staff cookie");
  return header.split(";")[0] ?? "";
}

describe("staff authentication", () => {
  let t: ReturnType<typeof setup>;
  beforeEach(async () => {
    t = setup();
    await t.addUser("kim", "staff");
  });
  afterEach(async () => { await t.close(); });

  it("when the password is right, then the user, a CSRF token and an HttpOnly SameSite=Strict cookie come back", async () => {
    const res = await t.login("KIM").expect(200);
    expect(res.body).toEqual({ user: { id: expect.any(String), username: "kim", role: "staff" }, csrfToken: expect.any(String) });
    expect(res.body.csrfToken.length).toBeGreaterThanOrEqual(40);
    const cookie = res.get("Set-Cookie")?.find((c) => c.startsWith("hb_staff=")) ?? "";
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    expect(Buffer.from(cookieOf(res).slice("hb_staff=".length), "base64url").length).toBeGreaterThanOrEqual(16);
    expect(JSON.stringify(res.body)).not.toContain("scrypt");
  });

  it("when the request came over HTTPS through a trusted proxy, then the cookie is Secure", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-staff-tls-"));
    const { app, runtime } = buildTestApp({ env: { DATA_DIR: dir, TRUST_PROXY_HOPS: "1", REMINDERS_ENABLED: "false" } });
    await createStaffUser(runtime.deps.staffAuth.users, { username: "lee", role: "staff", password: PASSWORD }, new Date());
    const res = await request(app).post("/api/staff/login").set("X-Forwarded-Proto", "https").send({ username: "lee", password: PASSWORD }).expect(200);
    expect(res.get("Set-Cookie")?.find((c) => c.startsWith("hb_staff="))).toMatch(/; Secure/);
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("when the password is wrong or the user unknown, then both get the same 401 body", async () => {
    const wrong = await t.login("kim", "not the password").expect(401);
    const unknown = await t.login("nobody", PASSWORD).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe("UNAUTHORIZED");
    expect(wrong.get("Set-Cookie")).toBeUndefined();
  });

  it("when five wrong passwords were sent, then even the right one is refused for 15 minutes", async () => {
    for (let i = 0; i < 5; i++) await t.login("kim", `wrong ${i}`).expect(401);
    const locked = await t.login("kim").expect(401);
    expect(locked.body).toEqual((await t.login("nobody").expect(401)).body);
    t.advanceMinutes(14);
    await t.login("kim").expect(401);
    t.advanceMinutes(2);
    await t.login("kim").expect(200);
  });

  it("when five wrong passwords came from one address, then the account is locked there only: the right password from another network signs in", async () => {
    for (let i = 0; i < 5; i++) await t.login("kim", `wrong ${i}`, "198.51.100.7").expect(401);
    const statuses = [(await t.login("kim", PASSWORD, "198.51.100.7")).status, (await t.login("kim", PASSWORD, "203.0.113.10")).status];
    t.advanceMinutes(16);
    statuses.push((await t.login("kim", PASSWORD, "198.51.100.7")).status);
    expect(statuses).toEqual([401, 200, 200]);
  });

  it("when an unknown name fails five times, then it is locked like a known one (a lock tells nothing about a name)", async () => {
    for (let i = 0; i < 5; i++) await t.login("nobody", `wrong ${i}`).expect(401);
    await t.addUser("nobody", "staff");
    expect([(await t.login("nobody")).status, (await t.login("nobody", PASSWORD, "198.51.100.7")).status]).toEqual([401, 200]);
  });

  it("when one address keeps failing, then its failures answer 429 with Retry-After, and a right password from it still signs in", async () => {
    for (let i = 0; i < 20; i++) await t.login(`nobody${i}`).expect(401);
    const res = await t.login("kim", "not the password").expect(429);
    expect(res.body.error.code).toBe("RATE_LIMITED");
    expect(Number(res.get("Retry-After"))).toBeGreaterThan(0);
    expect(Number(res.get("Retry-After"))).toBeLessThanOrEqual(15 * 60);
    await t.login("kim").expect(200);
    await t.login("kim", "not the password", "198.51.100.7").expect(401);
    t.advanceMinutes(16);
    await t.login("kim", "not the password").expect(401);
  });

  it("when signed in, then /me answers the user and the same CSRF token", async () => {
    const login = await t.login("kim").expect(200);
    const me = await request(t.app).get("/api/staff/me").set("Cookie", cookieOf(login)).expect(200);
    expect(me.body).toEqual(login.body);
  });

  it("when idle longer than STAFF_IDLE_MINUTES, then the session has ended; activity keeps it alive", async () => {
    const cookie = cookieOf(await t.login("kim").expect(200));
    const me = async () => (await request(t.app).get("/api/staff/me").set("Cookie", cookie)).status;
    t.advanceMinutes(20);
    expect(await me()).toBe(200);
    t.advanceMinutes(20);
    expect(await me()).toBe(200);
    t.advanceMinutes(31);
    expect(await me()).toBe(401);
    t.advanceMinutes(-60);
    expect(await me()).toBe(401);
  });

  it("when logging out without the CSRF header or with a wrong one, then 403 CSRF_FAILED and the session lives on", async () => {
    const login = await t.login("kim").expect(200);
    const cookie = cookieOf(login);
    const missing = await request(t.app).post("/api/staff/logout").set("Cookie", cookie).expect(403);
    expect(missing.body.error.code).toBe("CSRF_FAILED");
    const wrong = await request(t.app).post("/api/staff/logout").set("Cookie", cookie).set("X-CSRF-Token", `${login.body.csrfToken}x`).expect(403);
    expect(wrong.body.error.code).toBe("CSRF_FAILED");
    await request(t.app).get("/api/staff/me").set("Cookie", cookie).expect(200);
  });

  it("when logged out, then the cookie is cleared and the old session is refused", async () => {
    const login = await t.login("kim").expect(200);
    const cookie = cookieOf(login);
    const out = await request(t.app).post("/api/staff/logout").set("Cookie", cookie).set("X-CSRF-Token", login.body.csrfToken).expect(204);
    expect(out.get("Set-Cookie")?.find((c) => c.startsWith("hb_staff="))).toMatch(/hb_staff=;.*Expires=Thu, 01 Jan 1970/);
    await request(t.app).get("/api/staff/me").set("Cookie", cookie).expect(401);
  });

  it("when the account is disabled, then its session ends and it cannot sign in", async () => {
    const cookie = cookieOf(await t.login("kim").expect(200));
    const { users } = t.runtime.deps.staffAuth;
    const kim = await users.findUserByName("kim");
    if (!kim) throw new Error("kim missing");
    await users.saveUser({ ...kim, disabled: true });
    expect((await request(t.app).get("/api/staff/me").set("Cookie", cookie)).status).toBe(401);
    expect((await t.login("kim")).status).toBe(401);
  });

  it("when signing in and out, then both are in the audit log, which admins read as JSON or CSV", async () => {
    await t.addUser("park", "admin");
    const staff = await t.login("kim").expect(200);
    t.advanceMinutes(1);
    await request(t.app).post("/api/staff/logout").set("Cookie", cookieOf(staff)).set("X-CSRF-Token", staff.body.csrfToken).expect(204);
    t.advanceMinutes(1);
    const admin = cookieOf(await t.login("park").expect(200));
    t.advanceMinutes(1);
    const json = await request(t.app).get("/api/admin/audit").set("Cookie", admin).expect(200);
    expect(json.body.entries.map((e: { action: string }) => e.action)).toEqual(["staff.login", "staff.logout", "staff.login"]);
    t.advanceMinutes(1);
    expect(json.body.entries[1]).toMatchObject({ actor: { username: "kim", role: "staff" }, recordType: "staff_user", recordId: staff.body.user.id });
    const csv = await request(t.app).get("/api/admin/audit?format=csv").set("Cookie", admin).expect(200);
    expect(csv.get("Content-Type")).toMatch(/^text\/csv/);
    expect(csv.get("Content-Disposition")).toMatch(/attachment; filename="hanbeon-audit-2026-03-02\.csv"/);
    const lines = csv.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("id,at,actor_user_id,actor_username,actor_role,action,record_type,record_id,detail");
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(",park,admin,audit.read,audit,*,");
    await request(t.app).get("/api/admin/audit?from=yesterday").set("Cookie", admin).expect(422);
  });
});
