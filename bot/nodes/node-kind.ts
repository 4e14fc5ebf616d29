import type { FlowNode, FlowOption } from "../../flows/schema/flow";
import type { InputKind } from "../conversation/engine-turn";
import type { Lang, ParseResult } from "../types";
import type { Answer, LabelLookup, UserInput } from "./answer";

/** A link from a node to another: the field it sits in ("next", "options.2.next", "cases.0.next") and the target id. */
export type NodeTarget = [field: string, target: string];

/**
 * A field that can hold a link, set or not: where it sits, its target when set, and whether the
 * schema requires it (an editor offers "none" only for the others).
 */
export type NodeLink = { field: string; target: string | undefined; required: boolean };

/**
 * What one node type means, said once: the input it asks for, how an answer is read, where it
 * can lead, the texts it shows and the facts it writes. The engine, the graph check, the
 * progress estimate, relevance and the editor API all read node types through this.
 */
export type NodeKind<N extends FlowNode> = {
  type: N["type"];
  /** The input the resident gives ("none" for nodes that ask nothing). */
  input: InputKind;
  /** Every field that can lead to another node, set or not (the targets are the set ones). */
  links: (node: N) => NodeLink[];
  /** Text keys it shows, with their field. */
  textKeys: (node: N) => Array<[field: string, key: string]>;
  /** Fact paths (or vars.*) it writes, with their field. */
  saves: (node: N) => Array<[field: string, path: string]>;
  /** The options it shows (none for free input). */
  options: (node: N) => FlowOption[];
  /** For questions: reads an answer (bad input is a value, never an exception). */
  read?: (node: N, input: UserInput, labels: LabelLookup, lang: Lang) => ParseResult<Answer>;
};

export const noLinks = (): NodeLink[] => [];
export const noTexts = (): Array<[string, string]> => [];
export const noSaves = (): Array<[string, string]> => [];
export const noOptions = (): FlowOption[] => [];

/** A question's `next` (required unless the question leads on by its answers) and its optional `onUnknown`. */
export function questionLinks(node: { next?: string; onUnknown?: string }, nextRequired = true): NodeLink[] {
  return [link("next", node.next, nextRequired), link("onUnknown", node.onUnknown, false)];
}

export function link(field: string, target: string | undefined, required: boolean): NodeLink {
  return { field, target, required };
}

/** A question's text and hint keys. */
export function questionTexts(node: { text: string; hint?: string }): Array<[string, string]> {
  return [["text", node.text], ...(node.hint !== undefined ? [["hint", node.hint] as [string, string]] : [])];
}

/** A node's `save`, when it has one. */
export function savedOf(node: { save?: string }): Array<[string, string]> {
  return node.save !== undefined ? [["save", node.save]] : [];
}
