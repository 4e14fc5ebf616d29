import { parse as parseYaml, stringify } from "yaml";
import type { FlowVersionStore } from "../../bot/flow-versions/flow-version-ports";
import { parseSchedule } from "../../flows/load-schedule";
import type { Schedule } from "../../flows/schema/schedule";
import type { DocumentParseResult } from "../admin-documents/versioned-document";
import { VersionedDocument } from "../admin-documents/versioned-document";
import type { Logger } from "../logging/create-logger";

/** The schedule's id in the flow version store, beside the flows and the rule parameters. */
export const SCHEDULE_DOCUMENT_ID = "schedule";

/**
 * The schedule in force: the shipped file (SCHEDULE_FILE) until an admin publishes a version;
 * other instances take up a publish when notified (server/compose.ts).
 */
export function createLiveSchedule(deps: { store: FlowVersionStore; shipped: Schedule; logger: Logger }): VersionedDocument<Schedule> {
  return new VersionedDocument<Schedule>({ store: deps.store, id: SCHEDULE_DOCUMENT_ID, shipped: deps.shipped, parse: ({ yaml }) => parseScheduleYaml(yaml), logger: deps.logger });
}

/** A stored version's YAML as a Schedule, or every problem (problem paths name holidays and closures by date). */
export function parseScheduleYaml(yaml: string): DocumentParseResult<Schedule> {
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch (error) {
    return { ok: false, problems: [{ path: "(schedule)", message: `not valid YAML: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const parsed = parseSchedule(data);
  return parsed.ok ? { ok: true, value: parsed.schedule } : parsed;
}

/** A parsed schedule as the YAML stored for its version (every default written out). */
export function toScheduleYaml(schedule: Schedule): string {
  return stringify(schedule);
}
