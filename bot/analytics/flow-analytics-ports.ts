/**
 * Counters per flow version, named by event ("started", "reached:<node>", "answered:<node>",
 * "finished", "recommended:<service>", "booked", "attended"). Counts only: no session keys,
 * answers or anything that points at a resident.
 */
export interface FlowAnalyticsStore {
  /** Adds one to each named counter of the version (a name given twice adds two), atomically. */
  add(flowId: string, version: number, events: readonly string[]): Promise<void>;
  /** Every counter of the version; an unknown version reads as {}. */
  read(flowId: string, version: number): Promise<Record<string, number>>;
  /** The versions that have any counter, ascending. */
  versions(flowId: string): Promise<number[]>;
}

/** Where the edge hands events to be counted; it never throws and never makes a turn wait. */
export type FlowEventSink = { record: (flowId: string, version: number, events: readonly string[]) => void };
