import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { buildTestApp } from "../../support/test-app";

/** Conditional and range headers on the pages and their assets: answered by HTTP's rules (412, 416) or ignored, never 500. */
describe("static files under hostile headers", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-static-headers-"));
  const { app, runtime } = buildTestApp({ env: { DATA_DIR: dir } });
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const paths = ["/", "/index.html", "/chat-api.js", "/shared/format-message.js", "/console/", "/console/index.html", "/admin/", "/admin/index.html"];
  const headers: Array<[string, string]> = [
    ["Range", "bytes=999999999-"], ["Range", "bytes=5-1"], ["Range", "bytes=-0"], ["Range", "bytes=0-0,1-1,2-2"], ["Range", "lines=1-2"],
    ["If-Match", "\"nope\""], ["If-Match", "*"], ["If-Match", "W/\"\u00ff\", ,,"], ["If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"],
    ["If-Unmodified-Since", "garbage"], ["If-None-Match", "*"], ["If-Modified-Since", "+275760-09-13"], ["If-Range", "\"x\""],
  ];

  it.each(paths)("when %s is asked for with each hostile header, then no answer is a 5xx and refusals keep the error shape", async (url) => {
    for (const [name, value] of headers) {
      const res = await request(app).get(url).set(name, value);
      const refused = res.status === 412 || res.status === 416;
      expect({ name, value, below500: res.status < 500, shaped: !refused || /^(PRECONDITION_FAILED|RANGE_NOT_SATISFIABLE)$/.test(res.body?.error?.code) })
        .toEqual({ name, value, below500: true, shaped: true });
    }
  });

  it("when a range lies past the end of an asset, then 416 with the asset's size in Content-Range", async () => {
    const res = await request(app).get("/chat-api.js").set("Range", "bytes=999999999-");
    expect(res.status).toBe(416);
    expect(res.headers["content-range"]).toMatch(/^bytes \*\/\d+$/);
    expect(res.body.error.code).toBe("RANGE_NOT_SATISFIABLE");
  });

  it("when If-Match names another version of an asset, then 412", async () => {
    const res = await request(app).get("/chat-api.js").set("If-Match", "\"nope\"");
    expect(res.status).toBe(412);
    expect(res.body.error.code).toBe("PRECONDITION_FAILED");
  });
});
