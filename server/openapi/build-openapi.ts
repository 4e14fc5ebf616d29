import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { Route } from "../http/define-route";

const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests: every
 * API route is declared with defineRoute and describes itself; the operational routes below
 * (health, readiness, this document, metrics) are plain Express. A method and path described
 * twice is a startup error.
 */
export function buildOpenApi(routes: readonly Route[]): object {
  const registry = new OpenAPIRegistry();
  const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });
  const problem = (description: string) => json(errorBody, description);

  registry.registerPath({ method: "get", path: "/healthz", summary: "Liveness", responses: { 200: json(z.object({ status: z.literal("ok") }), "The process runs") } });
  registry.registerPath({
    method: "get", path: "/readyz", summary: "Readiness: the store answers",
    responses: { 200: json(z.object({ status: z.literal("ready") }), "Ready"), 503: problem("A dependency is down (Retry-After)") },
  });
  registry.registerPath({ method: "get", path: "/api/openapi.json", summary: "This document", responses: { 200: { description: "OpenAPI 3.1" } } });
  registry.registerPath({
    method: "get", path: "/metrics", summary: "Prometheus metrics",
    description: "Served only with `Authorization: Bearer <METRICS_TOKEN>`, on METRICS_PORT, or openly (outside production unless METRICS_PUBLIC=false; in production only with METRICS_PUBLIC=true); 404 otherwise.",
    responses: { 200: { description: "text/plain; version=0.0.4" }, 401: { description: "METRICS_TOKEN is set and the bearer token is missing or wrong" } },
  });
  for (const route of routes) route.register(registry, errorBody);
  assertDescribedOnce(registry);

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "Hanbeon API", version: "1.0.0", description: "Self-triage and booking for the Gyeonggi one-stop financial-welfare center. Times are Asia/Seoul with offset; money is integer won." },
  });
}

/** Two descriptions of one method and path would silently overwrite each other in the document. */
function assertDescribedOnce(registry: OpenAPIRegistry): void {
  const seen = new Set<string>();
  for (const definition of registry.definitions) {
    if (definition.type !== "route") continue;
    const key = `${definition.route.method.toUpperCase()} ${definition.route.path}`;
    if (seen.has(key)) throw new Error(`OpenAPI: ${key} is described twice`);
    seen.add(key);
  }
}
