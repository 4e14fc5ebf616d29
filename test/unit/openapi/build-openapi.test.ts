import { z } from "zod";
import { NO_BODY, NO_CONTENT, NO_JSON, NO_PARAMS, NO_QUERY, TextAnswer, defineRoute } from "../../../server/http/define-route";
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

  it("when a route is declared twice, then building the document fails naming it", () => {
    expect(() => buildOpenApi([route("/api/a"), route("/api/a")])).toThrow("GET /api/a is described twice");
  });

  it("when routes answer downloads or take a body the generator cannot walk, then the document shows the declared types and the body's doc", () => {
    const yamlOnly = defineRoute({
      method: "get", path: "/api/yaml", summary: "YAML", body: NO_BODY, query: NO_QUERY, params: { schema: NO_PARAMS },
      success: { status: 200, description: "The YAML", schema: NO_JSON, text: ["text/yaml"] }, problems: {}, handle: async () => new TextAnswer("text/yaml", "a: 1"),
    });
    const jsonOrCsv = defineRoute({
      method: "post", path: "/api/both", summary: "Both", body: { schema: z.custom<unknown>(() => true), doc: z.object({ tree: z.record(z.string(), z.unknown()) }) },
      query: NO_QUERY, params: { schema: NO_PARAMS },
      success: { status: 200, description: "JSON or CSV", schema: z.object({ n: z.number() }), text: ["text/csv"] }, problems: {}, handle: async () => ({ n: 1 }),
    });
    const paths = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) }).parse(buildOpenApi([yamlOnly, jsonOrCsv])).paths;
    expect(Object.keys(z.object({ responses: z.object({ 200: z.object({ content: z.record(z.string(), z.unknown()) }) }) }).parse(paths["/api/yaml"]?.get).responses[200].content)).toEqual(["text/yaml"]);
    const both = z.object({ requestBody: z.unknown(), responses: z.object({ 200: z.object({ content: z.record(z.string(), z.unknown()) }) }) }).parse(paths["/api/both"]?.post);
    expect(Object.keys(both.responses[200].content)).toEqual(["application/json", "text/csv"]);
    expect(JSON.stringify(both.requestBody)).toContain("tree");
  });
});
