import { computeYamlDiff } from "../../../server/flow-versions/compute-yaml-diff";

const changedLines = (diff: ReturnType<typeof computeYamlDiff>) => diff.lines.filter((l) => l.op !== "same");

describe("computeYamlDiff", () => {
  it("when two YAMLs differ only in comments, flow style and quoting, then nothing shows as changed", () => {
    const diff = computeYamlDiff("# note\nid: default\nlist: [a, 'b']\n", "id: \"default\"\nlist:\n  - a\n  - b\n");
    expect(diff.normalized).toBe(true);
    expect(changedLines(diff)).toEqual([]);
  });

  it("when a value changed inside a flow-style list, then only that item shows, in the normal form", () => {
    const diff = computeYamlDiff("list: [a, b, c] # three\n", "list: [a, c]\n");
    expect(changedLines(diff)).toEqual([{ op: "del", line: "  - b" }]);
  });

  it("when one side is not YAML, then the literal texts are compared and normalized is false", () => {
    const diff = computeYamlDiff("id: default\n", "nodes: [\n");
    expect(diff.normalized).toBe(false);
    expect(changedLines(diff)).toEqual([{ op: "del", line: "id: default" }, { op: "add", line: "nodes: [" }]);
  });

  it("when there is nothing published yet, then every line of the draft is added", () => {
    expect(changedLines(computeYamlDiff("", "id: default\n"))).toEqual([{ op: "add", line: "id: default" }]);
  });
});
