import type { Server } from "node:http";
import { createApp } from "./app";
import { composeRuntime } from "./compose";
import { ConfigError, parseConfig } from "./config";
import { createHttpServer } from "./http/create-http-server";
import { createLogger } from "./logging/create-logger";
import { metricsApp, metricsArePublic, metricsPlacement } from "./observability/metrics-routes";

/** Composition root: configuration, runtime, HTTP listener, and a graceful shutdown. */
async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = composeRuntime(config, logger);
  try {
    await runtime.ready();
  } catch (error) {
    // A migration failed: the schema is not what this code needs, so it must not serve.
    logger.fatal({ err: error }, "records store not ready; stopping");
    await runtime.close().catch(() => undefined);
    process.exit(1);
  }
  const app = createApp(runtime.deps);
  let stopJobs: () => Promise<void> = async () => {};
  // Timeouts and the connection cap apply to every listener (server/http/create-http-server.ts).
  const server: Server = createHttpServer(app, config).listen(config.PORT, config.HOST, () => {
    logger.info({ port: config.PORT, host: config.HOST, storage: runtime.storage }, "hanbeon listening");
    stopJobs = runtime.startJobs();
  });
  const placement = metricsPlacement(config);
  const metricsServer = placement === "own-port"
    ? createHttpServer(metricsApp(runtime.deps.metrics, config.METRICS_TOKEN, logger), config).listen(config.METRICS_PORT, config.METRICS_HOST, () => {
      logger.info({ port: config.METRICS_PORT, host: config.METRICS_HOST }, "metrics listening");
    })
    : undefined;
  if (placement === "none" && config.METRICS_ENABLED) logger.warn("/metrics is not served: set METRICS_TOKEN or METRICS_PORT (or METRICS_PUBLIC=true to serve it openly)");
  if (placement === "main" && metricsArePublic(config)) logger.warn("/metrics is open to anyone on the main port: set METRICS_TOKEN or METRICS_PORT (production closes it unless METRICS_PUBLIC=true)");

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      logger.error("shutdown took too long, exiting");
      process.exit(1);
    }, 10_000);
    force.unref();
    metricsServer?.close();
    server.close(() => {
      stopJobs().then(() => runtime.close()).then(
        () => { logger.info("stopped"); process.exit(0); },
        (error: unknown) => { logger.error({ err: error }, "error while closing stores"); process.exit(1); },
      );
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

void main();
