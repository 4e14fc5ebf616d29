import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import express, { Router } from "express";
import request from "supertest";
import { z } from "zod";
import { createErrorHandler } from "../../../server/http/error-handler";
import { createLogger } from "../../../server/logging/create-logger";
import { requireStaff } from "../../../server/staff/auth/require-staff";
import { createStaffUser } from "../../../server/staff/auth/staff-auth";
import { buildTestApp } from "../../support/test-app";

type RegisteredRoute = { method: string; path: string };

/** Express's layers as far as we read them: a route's path and methods, or a nested router. */
const layerSchema = z.object({
  route: z.object({ path: z.union([z.string(), z.array(z.string())]), methods: z.record(z.string(), z.boolean()) }).optional(),
  rawPath: z.unknown().optional(),
  handle: z.unknown(),
});

/** Every route registered on an Express 5 app or router, nested routers included, with mount prefixes. */
function listRoutes(stack: unknown, prefix = ""): RegisteredRoute[] {
  return z.array(z.unknown()).parse(stack).flatMap((raw) => {
    const layer = layerSchema.parse(raw);
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      const methods = Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m] && m !== "_all");
      return paths.flatMap((p) => methods.map((method) => ({ method: method.toUpperCase(), path: `${prefix}${p}` })));
    }
    const handle = layer.handle;
    if (typeof handle === "function" && "stack" in handle && Array.isArray(handle.stack)) {
      const mount = typeof layer.rawPath === "string" && layer.rawPath !== "/" ? layer.rawPath : "";
      return listRoutes(handle.stack, `${prefix}${mount}`);
    }
    return [];
  });
}

/** A concrete URL for a route pattern: parameters filled, optional parts kept. */
function toUrl(pattern: string): string {
  return pattern.replace(/:(\w+)/g, "test-$1").replace(/\*(\w+)/g, "a/b").replace(/[{}]/g, "");
}

const PASSWORD = "correct horse battery";
const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-route-access-"));
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dir, REMINDERS_ENABLED: "false" }, now: "2026-03-02T10:00:00+09:00" });
const routes = listRoutes(app.router.stack);
const guarded = routes.filter((r) => (r.path.startsWith("/api/staff/") && r.path !== "/api/staff/login") || r.path.startsWith("/api/admin/"));
const adminRoutes = guarded.filter((r) => r.path.startsWith("/api/admin/"));
let staffCookie = "";

function send(route: RegisteredRoute): request.Test {
  const agent = request(app);
  const url = toUrl(route.path);
  switch (route.method) {
    case "GET": return agent.get(url);
    case "HEAD": return agent.head(url);
    case "POST": return agent.post(url);
    case "PUT": return agent.put(url);
    case "PATCH": return agent.patch(url);
    case "DELETE": return agent.delete(url);
    default: return agent.options(url);
  }
}

beforeAll(async () => {
  await createStaffUser(runtime.deps.staffAuth.users, { username: "kim", role: "staff", password: PASSWORD }, runtime.deps.now());
  const login = await request(app).post("/api/staff/login").send({ username: "kim", password: PASSWORD }).expect(200);
  staffCookie = (login.get("Set-Cookie") ?? []).map((c) => c.split(";")[0]).find((c) => c?.startsWith("hb_staff=")) ?? "";
});

afterAll(async () => {
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("route access", () => {
  it("when the app's routes are enumerated, then the staff and admin routes are among them", () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes).toEqual(expect.arrayContaining([
      { method: "POST", path: "/api/staff/login" }, { method: "GET", path: "/api/staff/me" },
      { method: "POST", path: "/api/staff/logout" }, { method: "GET", path: "/api/admin/audit" },
    ]));
    expect(guarded.length).toBeGreaterThanOrEqual(3);
  });

  it.each(guarded)("when $method $path is called anonymously, then 401", async (route) => {
    const res = await send(route);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHORIZED");
  });

  it.each(adminRoutes)("when $method $path is called by staff, then 403", async (route) => {
    const res = await send(route).set("Cookie", staffCookie);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });

  it("when a path under /api/staff or /api/admin has no route at all, then anonymous callers still get 401, not 404", async () => {
    const statuses = await Promise.all([
      request(app).get("/api/staff/not-yet-written"), request(app).delete("/api/admin/not-yet-written/7"), request(app).get("/api/staff"),
    ]);
    expect(statuses.map((r) => r.status)).toEqual([401, 401, 401]);
  });

  it("when the login route is called anonymously, then it is open", async () => {
    await request(app).post("/api/staff/login").send({ username: "nobody", password: "x" }).expect(401);
    const ok = await request(app).post("/api/staff/login").send({ username: "kim", password: PASSWORD });
    expect(ok.status).toBe(200);
  });
});

describe("requireStaff", () => {
  it("when a new route is added on a fresh router under the guard, then it is refused without a cookie", async () => {
    const fresh = express();
    const guards = requireStaff(runtime.deps.staffAuth);
    fresh.use("/api/staff", guards.staffOnly);
    fresh.use("/api/admin", guards.adminOnly);
    const later = Router();
    later.get("/api/staff/brand-new", (_req, res) => { res.json({ secret: true }); });
    later.post("/api/admin/brand-new", (_req, res) => { res.json({ secret: true }); });
    fresh.use(later);
    fresh.use(createErrorHandler(createLogger("silent")));
    expect(listRoutes(fresh.router.stack)).toHaveLength(2);
    await request(fresh).get("/api/staff/brand-new").expect(401);
    await request(fresh).post("/api/admin/brand-new").expect(401);
    const staff = await request(fresh).get("/api/staff/brand-new").set("Cookie", staffCookie).expect(200);
    expect(staff.body).toEqual({ secret: true });
    await request(fresh).post("/api/admin/brand-new").set("Cookie", staffCookie).expect(403);
  });

  it("when a router is mounted under a prefix, then the enumeration includes the prefix", () => {
    const outer = express();
    const inner = Router();
    inner.get("/inner/:id", (_req, res) => { res.end(); });
    outer.use("/api/staff", inner);
    expect(listRoutes(outer.router.stack)).toEqual([{ method: "GET", path: "/api/staff/inner/:id" }]);
  });
});
