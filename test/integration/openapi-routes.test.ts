import request from "supertest";
import { z } from "zod";
import { buildTestApp } from "../support/test-app";

const { app } = buildTestApp({ now: "2026-03-02T10:00:00+09:00" });

/** What Express keeps of a mounted route or router (`app.router.stack`). */
type Layer = { route?: { path: string | string[]; methods: Record<string, boolean> } | undefined; handle?: { stack: Layer[] } | undefined };
/** Read from Express's own objects: a mounted router is a function carrying its `stack`. */
const layerSchema: z.ZodType<Layer> = z.lazy(() => z.object({
  route: z.object({ path: z.union([z.string(), z.array(z.string())]), methods: z.record(z.string(), z.boolean()) }).optional(),
  handle: z.preprocess(
    (handle) => (typeof handle === "function" && "stack" in handle ? { stack: handle.stack } : undefined),
    z.object({ stack: z.array(layerSchema) }).optional(),
  ),
}));
const documentSchema = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) });

/** Every mounted route as "METHOD /path/{param}", as OpenAPI writes it; routers are mounted at the root. */
function mountedRoutes(stack: Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      return paths.flatMap((path) => Object.keys(layer.route?.methods ?? {}).map((method) => `${method.toUpperCase()} ${path.replace(/:(\w+)/g, "{$1}")}`));
    }
    return layer.handle ? mountedRoutes(layer.handle.stack) : [];
  });
}

describe("the OpenAPI document", () => {
  const mounted = mountedRoutes(z.array(layerSchema).parse(app.router.stack));

  it("when the routes are enumerated, then every /api route is described with its method", async () => {
    const doc = documentSchema.parse((await request(app).get("/api/openapi.json").expect(200)).body);
    const described = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    const api = mounted.filter((route) => route.split(" ")[1]?.startsWith("/api/"));
    expect(api.length).toBeGreaterThan(40);
    expect(api.filter((route) => !described.includes(route))).toEqual([]);
  });

  it("when the document is read, then every path it describes is mounted with that method", async () => {
    const doc = documentSchema.parse((await request(app).get("/api/openapi.json").expect(200)).body);
    const described = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(described.filter((route) => !mounted.includes(route))).toEqual([]);
  });
});
