import type { FlowVersion } from "../../bot/flow-versions/flow-version-ports";
import type { NodeTarget } from "../../bot/nodes/node-kind";
import { linksOf, nextIdsOf, targetsOf, textKeysOf } from "../../bot/nodes/node-kinds";
import { flowNodeSchema } from "../../flows/schema/flow";
import type { FlowProblem } from "../../flows/check-flow-graph";
import type { SupportedLang } from "../i18n/load-locales";
import type { FlowEngineDeps } from "./build-flow-engine";
import { readYaml } from "./build-flow-engine";
import { checkDraft } from "./check-draft";
import { listFlowTextKeys, resolveTexts } from "./flow-editor-texts";
import type { FiledSmokeCase } from "../../flows/load-smoke-cases";

export type EditorSource = "draft" | "published";
/**
 * One node of the editor's graph: every node it can lead to, and how many problems name it; for
 * a node that passes the schema, also what its kind says (bot/nodes): its links by field, every
 * field that can hold a link (set or not, and whether required: the form's selects) and its text
 * keys by field (the form's wording boxes, option labels included).
 */
export type EditorNode = {
  id: string; type: string; next: string[]; problems: number;
  targets?: NodeTarget[]; links?: Array<{ field: string; required: boolean }>; textKeys?: Array<[string, string]>;
};
export type EditorDocument = {
  source: EditorSource;
  version: number | null;
  /** The draft's revision, to send back as `baseRevision`; null for a published version or a draft without one. */
  revision: string | null;
  note: string;
  flow: Record<string, unknown> | null;
  yaml: string;
  texts: Record<SupportedLang, Record<string, string>>;
  problems: FlowProblem[];
  nodes: EditorNode[];
};

/**
 * A flow version as the editor pages read it: the YAML parsed to JSON, every text it references
 * resolved with the version's overrides over locales/, the publish gate's problems and the graph.
 * Data that fails the schema is still shown as far as it goes; the problems say what is wrong.
 */
export function toEditorDocument(version: FlowVersion, source: EditorSource, deps: { build: FlowEngineDeps; cases: readonly FiledSmokeCase[] }): EditorDocument {
  const read = readYaml(version.yaml);
  const flow = read.ok && isRecord(read.value) ? read.value : null;
  const problems = checkDraft(version, deps.build, deps.cases);
  return {
    source,
    version: source === "draft" ? null : version.version,
    revision: source === "draft" ? version.revision ?? null : null,
    note: version.note,
    flow,
    yaml: version.yaml,
    texts: resolveTexts(deps.build.locales, version.texts, listFlowTextKeys(flow)),
    problems,
    nodes: listEditorNodes(flow, problems),
  };
}

/** Nodes with a string id, in file order; targets read from the fields the schema links by. */
export function listEditorNodes(flow: Record<string, unknown> | null, problems: readonly FlowProblem[]): EditorNode[] {
  const nodes = flow !== null && Array.isArray(flow.nodes) ? flow.nodes.filter(isRecord) : [];
  return nodes.flatMap((node) => {
    if (typeof node.id !== "string") return [];
    const id = node.id;
    const nested = (list: unknown) => (Array.isArray(list) ? list.filter(isRecord).map((item) => item.next) : []);
    const parsed = flowNodeSchema.safeParse(node);
    // A node that does not pass the schema yet is still drawn, from the fields that link nodes.
    const targets = [node.next, node.onYes, node.onNo, node.onUnknown, ...nested(node.options), ...nested(node.cases), node.otherwise];
    return [{
      id,
      type: typeof node.type === "string" ? node.type : "",
      next: parsed.success ? nextIdsOf(parsed.data) : [...new Set(targets.filter((t): t is string => typeof t === "string"))],
      problems: problems.filter((p) => p.node === id).length,
      ...(parsed.success ? {
        targets: targetsOf(parsed.data), links: linksOf(parsed.data).map(({ field, required }) => ({ field, required })), textKeys: textKeysOf(parsed.data),
      } : {}),
    }];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
