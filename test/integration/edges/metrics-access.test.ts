import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { createLogger } from "../../../server/logging/create-logger";
import { metricsApp, metricsPlacement } from "../../../server/observability/metrics-routes";
import { buildTestApp } from "../../support/test-app";

const TOKEN = "m".repeat(20) + "etrics-token-for-tests";

/** /metrics (bookings, logins, admin saves): behind a token, on its own port, open outside production unless closed, and closed in production unless opened. */
describe("/metrics access", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-metrics-"));
  const built: ReturnType<typeof buildTestApp>[] = [];
  const appWith = (env: Record<string, string>) => {
    const next = buildTestApp({ env: { DATA_DIR: dir, REMINDERS_ENABLED: "false", ...env } });
    built.push(next);
    return next.app;
  };
  afterAll(async () => {
    for (const { runtime } of built) await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("when nothing about metrics is configured outside production, then /metrics is open as the contract lists it", async () => {
    expect((await request(appWith({})).get("/metrics")).status).toBe(200);
  });

  it("when METRICS_PUBLIC is false, then /metrics is not served on the main port", async () => {
    expect((await request(appWith({ METRICS_PUBLIC: "false" })).get("/metrics")).status).toBe(404);
  });

  it("when production configures nothing about metrics, then /metrics is not served, and METRICS_PUBLIC opens it only on purpose", () => {
    const production = { NODE_ENV: "production", METRICS_ENABLED: true, METRICS_TOKEN: undefined, METRICS_PORT: undefined } as const;
    expect(metricsPlacement({ ...production, METRICS_PUBLIC: undefined })).toBe("none");
    expect(metricsPlacement({ ...production, METRICS_PUBLIC: true })).toBe("main");
    expect(metricsPlacement({ ...production, METRICS_PUBLIC: undefined, METRICS_TOKEN: TOKEN })).toBe("main");
  });

  it("when METRICS_TOKEN is set, then /metrics asks for the bearer token and answers Prometheus text to it", async () => {
    const app = appWith({ METRICS_TOKEN: TOKEN });
    const refused = await Promise.all([
      request(app).get("/metrics"), request(app).get("/metrics").set("Authorization", `Bearer ${TOKEN}x`),
      request(app).get("/metrics").set("Authorization", `Basic ${TOKEN}`), request(app).get("/metrics").set("Authorization", "Bearer "),
    ]);
    expect(refused.map((r) => [r.status, r.body.error?.code])).toEqual(Array(4).fill([401, "UNAUTHORIZED"]));
    const served = await request(app).get("/metrics").set("Authorization", `Bearer ${TOKEN}`);
    expect([served.status, served.headers["cache-control"]]).toEqual([200, "no-store"]);
    expect(served.text).toMatch(/hanbeon_http_request_duration_seconds/);
  });

  it("when METRICS_PUBLIC is true, then /metrics is open on the main port", async () => {
    expect((await request(appWith({ METRICS_PUBLIC: "true" })).get("/metrics")).status).toBe(200);
  });

  it("when METRICS_PORT is set, then the main port does not serve /metrics and the metrics listener serves only it", async () => {
    const app = appWith({ METRICS_PORT: "9464", METRICS_PUBLIC: "true" });
    expect((await request(app).get("/metrics")).status).toBe(404);
    const own = metricsApp(built[built.length - 1]!.runtime.deps.metrics, undefined, createLogger("silent"));
    expect((await request(own).get("/metrics")).status).toBe(200);
    expect((await request(own).get("/api/slots?specialty=debt")).status).toBe(404);
  });

  it("when METRICS_ENABLED is false, then no token makes it served", async () => {
    expect((await request(appWith({ METRICS_ENABLED: "false", METRICS_TOKEN: TOKEN })).get("/metrics").set("Authorization", `Bearer ${TOKEN}`)).status).toBe(404);
  });
});
