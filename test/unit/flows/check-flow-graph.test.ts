import { parseFlow, parseFlowYaml } from "../../../flows/load-flows";
import { miniFlowData, miniLocales } from "../../support/mini-flow";

type NodeData = Record<string, unknown> & { id: string };

function withNodes(edit: (nodes: NodeData[]) => NodeData[]): unknown {
  const data = structuredClone(miniFlowData());
  if (typeof data !== "object" || data === null || !("nodes" in data) || !Array.isArray(data.nodes)) throw new Error("bad fixture");
  return { ...data, nodes: edit(data.nodes) };
}

function problemsOf(data: unknown, ruleFacts?: string[]) {
  const result = parseFlow(data, { locales: miniLocales(), ...(ruleFacts ? { ruleFacts } : {}) });
  return result.ok ? [] : result.problems;
}

const replace = (id: string, patch: Record<string, unknown>) => (nodes: NodeData[]) =>
  nodes.map((n) => (n.id === id ? { ...n, ...patch } : n));

describe("checkFlowGraph", () => {
  it("when the flow is sound, then it has no problems", () => {
    expect(problemsOf(miniFlowData())).toEqual([]);
  });

  it("when a target does not exist, then the problem names the node and field", () => {
    expect(problemsOf(withNodes(replace("overdue", { next: "nowhere" })))).toContainEqual(
      expect.objectContaining({ node: "overdue", field: "next", message: expect.stringContaining("nowhere") }),
    );
  });

  it("when a node cannot be reached, then it is reported", () => {
    const data = withNodes((nodes) => [...nodes, { id: "orphan", type: "message", text: "t.hello", next: "result" }]);
    expect(problemsOf(data)).toContainEqual(expect.objectContaining({ node: "orphan", message: expect.stringContaining("cannot be reached") }));
  });

  it("when a path never ends, then it is reported", () => {
    const data = withNodes((nodes) => replace("note", { next: "loop_a" })([...nodes,
      { id: "loop_a", type: "yes_no", text: "t.hello", skipWhenKnown: false, next: "loop_b" },
      { id: "loop_b", type: "message", text: "t.hello", next: "loop_a" }]));
    const problems = problemsOf(data);
    expect(problems).toContainEqual(expect.objectContaining({ message: expect.stringContaining("reaches an end") }));
    expect(problems).toContainEqual(expect.objectContaining({ node: "mark", message: expect.stringContaining("cannot be reached") }));
  });

  it("when a loop has no input, then it is reported with its nodes", () => {
    const data = withNodes((nodes) => [...replace("mark", { next: "spin" })(nodes),
      { id: "spin", type: "branch", cases: [{ when: { fact: "age", op: "gt", value: 200 }, next: "score" }], otherwise: "spin_msg" },
      { id: "spin_msg", type: "message", text: "t.hello", next: "spin" }]);
    expect(problemsOf(data)).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/loop without input: spin → spin_msg → spin/) }));
  });

  it("when a text key is missing in one language, then the language is named", () => {
    const locales = miniLocales();
    const result = parseFlow(withNodes(replace("hello", { text: "t.missing" })), { locales });
    expect(result.ok ? [] : result.problems).toContainEqual(expect.objectContaining({ node: "hello", field: "text", message: expect.stringContaining("missing in ko") }));
  });

  it("when a node saves to a path that is not a CaseFacts field, then it is reported", () => {
    expect(problemsOf(withNodes(replace("debt_total", { save: "debtTotal" })))).toContainEqual(
      expect.objectContaining({ node: "debt_total", field: "save", message: expect.stringContaining("not a CaseFacts field") }),
    );
  });

  it("when the rules read a fact no node asks, then it is reported; asked nested paths count", () => {
    expect(problemsOf(miniFlowData(), ["totalDebtKrw", "illegalLending.threats", "monthlyIncomeKrw"])).toEqual([
      expect.objectContaining({ message: expect.stringContaining('"monthlyIncomeKrw"') }),
    ]);
    expect(problemsOf(miniFlowData(), ["illegalLending"])).toEqual([]);
  });

  it("when the schema is broken, then problems name the node by id and the field", () => {
    expect(problemsOf(withNodes(replace("household", { min: "one" })))).toContainEqual(
      expect.objectContaining({ node: "household", path: "nodes.household.min" }),
    );
    expect(problemsOf(withNodes(replace("household", { type: "teleport" })))).toContainEqual(expect.objectContaining({ node: "household" }));
  });

  it("when YAML does not parse, then it is one problem, not an exception", () => {
    const result = parseFlowYaml("id: [unclosed", { locales: miniLocales() });
    expect(result.ok).toBe(false);
  });

  it("when a multiple-choice option has its own next, then it is refused (the engine follows the node's next)", () => {
    const data = withNodes((nodes) => nodes.map((n) => (n.id === "creditors" && Array.isArray(n.options)
      ? { ...n, options: n.options.map((o, i) => (i === 0 && typeof o === "object" ? { ...o, next: "household" } : o)) }
      : n)));
    expect(problemsOf(data)).toContainEqual(expect.objectContaining({ node: "creditors", field: "options.0.next" }));
  });

  it("when two nodes share an id or a yes/no node has nowhere to go, then both are reported", () => {
    const data = withNodes((nodes) => [...replace("threats", { next: undefined })(nodes), { id: "hello", type: "message", text: "t.hello", next: "consent" }]);
    const problems = problemsOf(data);
    expect(problems).toContainEqual(expect.objectContaining({ message: 'duplicate node id "hello"' }));
    expect(problems).toContainEqual(expect.objectContaining({ node: "threats", field: "next" }));
  });
});
