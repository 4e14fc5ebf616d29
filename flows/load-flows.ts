import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { FlowProblem, GraphCheckOptions } from "./check-flow-graph";
import { checkFlowGraph } from "./check-flow-graph";
import type { Flow } from "./schema/flow";
import { flowSchema } from "./schema/flow";

export type FlowParseResult = { ok: true; flow: Flow } | { ok: false; problems: FlowProblem[] };

/** The folder holding the shipped flows (works from the sources and from dist/). */
export const FLOWS_DIR = existsSync(path.join(__dirname, "default.flow.yaml")) ? __dirname : path.resolve(__dirname, "..", "..", "flows");

/** Parses flow data (from YAML or an admin's save) and checks its graph; never throws on bad data. */
export function parseFlow(data: unknown, options: GraphCheckOptions): FlowParseResult {
  const parsed = flowSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(toProblem(data)) };
  const problems = checkFlowGraph(parsed.data, options);
  return problems.length ? { ok: false, problems } : { ok: true, flow: parsed.data };
}

/** Parses YAML text into a flow; a YAML syntax error is a problem, not an exception. */
export function parseFlowYaml(text: string, options: GraphCheckOptions): FlowParseResult {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    return { ok: false, problems: [{ path: "", message: `not valid YAML: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return parseFlow(data, options);
}

/** Reads a shipped flow at start-up; a broken shipped flow stops the process with every problem. */
export function loadFlowFile(file: string, options: GraphCheckOptions): Flow {
  const result = parseFlowYaml(readFileSync(file, "utf8"), options);
  if (!result.ok) {
    throw new Error(`flow ${file} is invalid:\n${result.problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`);
  }
  return result.flow;
}

/** Names the node by id instead of its index, so an admin can find it. */
function toProblem(data: unknown) {
  return (issue: z.core.$ZodIssue): FlowProblem => {
    const [first, index, ...rest] = issue.path.map(String);
    if (first === "nodes" && index !== undefined) {
      const id = nodeIdAt(data, Number(index));
      const field = rest.join(".") || "type";
      return { path: `nodes.${id ?? index}.${field}`, ...(id ? { node: id } : {}), field, message: issue.message };
    }
    return { path: issue.path.map(String).join("."), message: issue.message };
  };
}

function nodeIdAt(data: unknown, index: number): string | undefined {
  const parsed = z.object({ nodes: z.array(z.object({ id: z.string() }).loose().or(z.unknown())) }).loose().safeParse(data);
  if (!parsed.success) return undefined;
  const node = parsed.data.nodes[index];
  const withId = z.object({ id: z.string() }).loose().safeParse(node);
  return withId.success ? withId.data.id : undefined;
}
