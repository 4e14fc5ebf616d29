import type { RequestHandler } from "express";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

export type Metrics = {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status">;
  /** Counts of things worth alerting on (fallbacks, overruns), by kind. */
  events: Counter<"kind">;
};

/** One registry per app, so several apps in one test process do not collide. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: "hanbeon_http_request_duration_seconds", help: "HTTP request duration", labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
    }),
    events: new Counter({ name: "hanbeon_events_total", help: "Notable events by kind", labelNames: ["kind"], registers: [registry] }),
  };
}

export function measureRequests(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on("finish", () => end({ method: req.method, route: req.route?.path ?? "unmatched", status: String(res.statusCode) }));
    next();
  };
}
