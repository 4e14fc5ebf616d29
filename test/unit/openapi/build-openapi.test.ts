import { z } from "zod";
import { NO_BODY, NO_CONTENT, NO_PARAMS, NO_QUERY, defineRoute } from "../../../server/http/define-route";
import type { RegisterPaths } from "../../../server/openapi/build-openapi";
import { buildOpenApi } from "../../../server/openapi/build-openapi";

const route = (path: string) => defineRoute({
  method: "get", path, summary: "A route", body: NO_BODY, query: NO_QUERY, params: { schema: NO_PARAMS },
  success: { status: 204, description: "Nothing", schema: NO_CONTENT }, problems: {}, handle: async () => undefined,
});

describe("buildOpenApi", () => {
  it("when every route is described once, then the document has each of them", () => {
    const doc = buildOpenApi([route("/api/a"), route("/api/b")]);
    expect(Object.keys(z.object({ paths: z.record(z.string(), z.unknown()) }).parse(doc).paths)).toEqual(expect.arrayContaining(["/api/a", "/api/b"]));
  });

  it("when a route is declared and also registered the old way, then building the document fails naming it", () => {
    const registerAgain: RegisterPaths = (registry) => {
      registry.registerPath({ method: "get", path: "/api/a", responses: { 204: { description: "Nothing" } } });
    };
    expect(() => buildOpenApi([route("/api/a")], [registerAgain])).toThrow("GET /api/a is described twice");
  });
});
