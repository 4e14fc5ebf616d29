import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import express, { Router } from "express";
import { DomainError } from "../../bot/errors";
import type { Config } from "../config";
import { createErrorHandler, notFoundHandler } from "../http/error-handler";
import type { Logger } from "../logging/create-logger";
import type { Metrics } from "./metrics";

type MetricsConfig = Pick<Config, "NODE_ENV" | "METRICS_ENABLED" | "METRICS_TOKEN" | "METRICS_PORT" | "METRICS_PUBLIC">;

/**
 * Where `/metrics` is served: on the main port behind METRICS_TOKEN, or openly where
 * `metricsArePublic`; on METRICS_PORT's own listener (metricsApp) instead when that is set;
 * nowhere when METRICS_ENABLED is false. The counts (bookings, logins, admin saves) are not for
 * the public in production.
 */
export function metricsPlacement(config: MetricsConfig): "main" | "own-port" | "none" {
  if (!config.METRICS_ENABLED) return "none";
  if (config.METRICS_PORT !== undefined) return "own-port";
  return config.METRICS_TOKEN !== undefined || metricsArePublic(config) ? "main" : "none";
}

/** Open without a token: as METRICS_PUBLIC says, else outside production only (the contract lists GET /metrics). */
export function metricsArePublic(config: Pick<Config, "NODE_ENV" | "METRICS_PUBLIC" | "METRICS_TOKEN">): boolean {
  if (config.METRICS_TOKEN !== undefined) return false;
  return config.METRICS_PUBLIC ?? config.NODE_ENV !== "production";
}

/** `GET /metrics`, asking for `Authorization: Bearer <METRICS_TOKEN>` when a token is configured. */
export function metricsRoutes(metrics: Metrics, token: string | undefined): Router {
  const router = Router();
  router.get("/metrics", ...(token === undefined ? [] : [requireBearer(token)]), async (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}

/** The listener for METRICS_PORT: `/metrics` and nothing else. */
export function metricsApp(metrics: Metrics, token: string | undefined, logger: Logger): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(metricsRoutes(metrics, token));
  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
}

function requireBearer(token: string): RequestHandler {
  const expected = digest(token);
  return (req, _res, next) => {
    const presented = /^Bearer (\S+)$/.exec(req.get("authorization") ?? "")?.[1];
    // Compared as digests, so the comparison takes the same time whatever the length presented.
    if (presented === undefined || !timingSafeEqual(digest(presented), expected)) throw new DomainError("UNAUTHORIZED", "metrics need the bearer token");
    next();
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
