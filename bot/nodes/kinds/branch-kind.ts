import type { FlowNode } from "../../../flows/schema/flow";
import type { NodeKind } from "../node-kind";
import { noOptions, noSaves, noTexts } from "../node-kind";

type BranchNode = Extract<FlowNode, { type: "branch" }>;

/** Goes to the first case whose condition holds on the facts, else `otherwise`: no input. */
export const branchKind: NodeKind<BranchNode> = {
  type: "branch", input: "none",
  targets: (node) => [...node.cases.map((c, i): [string, string] => [`cases.${i}.next`, c.next]), ["otherwise", node.otherwise]],
  textKeys: noTexts, saves: noSaves, options: noOptions,
};
