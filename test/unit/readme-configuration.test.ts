import { readFileSync } from "node:fs";
import path from "node:path";
import { configSchema } from "../../server/config";

const README = readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");

describe("the README's configuration table", () => {
  it("when the configuration schema names a variable, then the README's table documents it", () => {
    const documented = new Set([...README.matchAll(/^\| `([A-Z0-9_]+)`(?: \/ `([A-Z0-9_]+)`)? \|/gm)].flatMap((m) => [m[1], m[2]].filter((v): v is string => v !== undefined)));
    expect(Object.keys(configSchema.shape).filter((name) => !documented.has(name))).toEqual([]);
  });

  it("when the README links a document, then the file exists", () => {
    const links = [...README.matchAll(/\]\((docs\/[^)#]+)/g)].map((m) => m[1] ?? "");
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect(() => readFileSync(path.resolve(__dirname, "..", "..", link))).not.toThrow();
  });
});
