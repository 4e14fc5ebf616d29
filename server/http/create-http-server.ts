import type { RequestListener, Server } from "node:http";
import { createServer } from "node:http";
import type { Config } from "../config";

export type ServerLimits = Pick<Config, "HTTP_HEADERS_TIMEOUT_MS" | "HTTP_REQUEST_TIMEOUT_MS" | "HTTP_KEEP_ALIVE_TIMEOUT_MS" | "HTTP_MAX_CONNECTIONS">;

/**
 * An HTTP server for `app` with the configured limits: a client must finish its headers within
 * HTTP_HEADERS_TIMEOUT_MS and its whole request within HTTP_REQUEST_TIMEOUT_MS (else 408 and the
 * socket closed), an idle kept-alive socket closes after HTTP_KEEP_ALIVE_TIMEOUT_MS, and past
 * HTTP_MAX_CONNECTIONS open sockets new ones are dropped. Node checks the first two on an
 * interval (30 s by default, which let a stalled request hold a socket for about 90 s); here it
 * is a quarter of the headers timeout, between 100 ms and 5 s.
 */
export function createHttpServer(app: RequestListener, limits: ServerLimits): Server {
  const server = createServer({
    headersTimeout: limits.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeout: limits.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: limits.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: Math.max(100, Math.min(5000, Math.floor(limits.HTTP_HEADERS_TIMEOUT_MS / 4))),
  }, app);
  server.maxConnections = limits.HTTP_MAX_CONNECTIONS;
  return server;
}
