import type { FlowNode } from "../../../flows/schema/flow";
import type { NodeKind } from "../node-kind";
import { link, noOptions, noSaves, noTexts } from "../node-kind";

type BranchNode = Extract<FlowNode, { type: "branch" }>;

/** Goes to the first case whose condition holds on the facts, else `otherwise`: no input. */
export const branchKind: NodeKind<BranchNode> = {
  type: "branch", input: "none",
  links: (node) => [...node.cases.map((c, i) => link(`cases.${i}.next`, c.next, true)), link("otherwise", node.otherwise, true)],
  textKeys: noTexts, saves: noSaves, options: noOptions,
};
