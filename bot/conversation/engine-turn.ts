import type { Msg } from "../types";

export type InputKind = "choice" | "multi" | "text" | "money" | "number" | "date" | "phone" | "none";

/** One channel-neutral turn: text as keys, what input is expected, and where we are. */
export type EngineTurn<E = unknown> = {
  nodeId: string;
  messages: Msg[];
  input: { kind: InputKind; hint?: Msg };
  options: Array<{ id: string; label: Msg }>;
  progress: { answered: number; estimatedTotal: number };
  done: boolean;
  /** At an end node: what the channel should offer next. */
  offer?: "booking" | "none";
  evaluation?: E;
};
