import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { caseFactsSchema } from "../../flows/schema/case-facts";
import { evaluationSchema, serviceSchema } from "../../bot/contract/evaluation-schema";
import { asOfQuerySchema } from "../triage/evaluation-schema";

const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export type RegisterPaths = (registry: OpenAPIRegistry, errors: typeof errorBody) => void;

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. Route
 * modules that own more paths pass a `RegisterPaths` for them.
 */
export function buildOpenApi(extra: RegisterPaths[] = []): object {
  const registry = new OpenAPIRegistry();
  const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });
  const problem = (description: string) => json(errorBody, description);

  registry.registerPath({ method: "get", path: "/healthz", summary: "Liveness", responses: { 200: json(z.object({ status: z.literal("ok") }), "The process runs") } });
  registry.registerPath({
    method: "get", path: "/readyz", summary: "Readiness: the store answers",
    responses: { 200: json(z.object({ status: z.literal("ready") }), "Ready"), 503: problem("A dependency is down (Retry-After)") },
  });
  registry.registerPath({
    method: "get", path: "/api/services", summary: "The service catalog",
    request: { query: z.object({ lang: z.enum(["ko", "en"]).optional() }) },
    responses: { 200: json(z.object({ services: z.array(serviceSchema) }), "Every service with its specialty") },
  });
  registry.registerPath({
    method: "post", path: "/api/triage/evaluate", summary: "Score every service for a set of case facts",
    request: { query: asOfQuerySchema, body: { required: true, content: { "application/json": { schema: caseFactsSchema } } } },
    responses: {
      200: json(evaluationSchema, "Recommendations, best first, with urgent flags and loan findings"),
      400: problem("Malformed JSON or no body"), 413: problem("Body too large"), 415: problem("Not application/json"),
      422: problem("Unknown fields, wrong types or out-of-range values; details lists {path, message}"),
    },
  });
  registry.registerPath({ method: "get", path: "/api/openapi.json", summary: "This document", responses: { 200: { description: "OpenAPI 3.1" } } });
  registry.registerPath({
    method: "get", path: "/metrics", summary: "Prometheus metrics",
    description: "Served only with `Authorization: Bearer <METRICS_TOKEN>`, on METRICS_PORT, or openly (outside production unless METRICS_PUBLIC=false; in production only with METRICS_PUBLIC=true); 404 otherwise.",
    responses: { 200: { description: "text/plain; version=0.0.4" }, 401: { description: "METRICS_TOKEN is set and the bearer token is missing or wrong" } },
  });
  for (const register of extra) register(registry, errorBody);

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "Hanbeon API", version: "1.0.0", description: "Self-triage and booking for the Gyeonggi one-stop financial-welfare center. Times are Asia/Seoul with offset; money is integer won." },
  });
}
