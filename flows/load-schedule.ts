import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import type { Schedule } from "./schema/schedule";
import { scheduleSchema } from "./schema/schedule";

export type ScheduleProblem = { path: string; message: string };
export type ScheduleParseResult = { ok: true; schedule: Schedule } | { ok: false; problems: ScheduleProblem[] };

/** The shipped schedule (works from the sources and from dist/). */
export const SCHEDULE_FILE = existsSync(path.join(__dirname, "schedule", "schedule.yaml"))
  ? path.join(__dirname, "schedule", "schedule.yaml")
  : path.resolve(__dirname, "..", "..", "flows", "schedule", "schedule.yaml");

/** Lists whose items are named by their `date` in problem paths. */
const DATED_SECTIONS = ["holidays", "closures"] as const;

/** A schedule that cannot be used, with every problem found. */
export class ScheduleError extends Error {
  constructor(readonly problems: ScheduleProblem[], where: string) {
    super(`schedule ${where} is invalid:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`);
    this.name = "ScheduleError";
  }
}

/**
 * Parses schedule data (from YAML or an admin's save); never throws on bad data. Problem paths
 * name holidays and closures by their date ("holidays.2026-09-25.name").
 */
export function parseSchedule(data: unknown): ScheduleParseResult {
  const parsed = scheduleSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.flatMap((issue) => toProblems(issue, data)) };
  return { ok: true, schedule: parsed.data };
}

/** Reads and parses one schedule YAML file. Throws a ScheduleError listing every problem. */
export function loadSchedule(file: string = SCHEDULE_FILE): Schedule {
  const text = readFileSync(file, "utf8");
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    const message = `not valid YAML: ${error instanceof Error ? error.message : String(error)}`;
    throw new ScheduleError([{ path: path.basename(file), message }], file);
  }
  const result = parseSchedule(doc);
  if (!result.ok) throw new ScheduleError(result.problems, file);
  return result.schedule;
}

/** One problem per issue; an unknown key is named in the path, so an editor can show it in place. */
function toProblems(issue: z.core.$ZodIssue, data: unknown): ScheduleProblem[] {
  if (issue.code !== "unrecognized_keys") return [toProblem(issue.path, issue.message, data)];
  return issue.keys.map((key) => toProblem([...issue.path, key], `unknown key "${key}"`, data));
}

function toProblem(issuePath: readonly PropertyKey[], message: string, data: unknown): ScheduleProblem {
  const parts = issuePath.map(String);
  const [section, index, ...rest] = parts;
  const date = section !== undefined && isDatedSection(section) && index !== undefined ? dateAt(data, section, Number(index)) : undefined;
  const named = date ? [section, date, ...rest] : parts;
  return { path: named.join(".") || "(schedule)", message };
}

function dateAt(data: unknown, section: string, index: number): string | undefined {
  if (!isRecord(data)) return undefined;
  const list = data[section];
  const item: unknown = Array.isArray(list) ? list[index] : undefined;
  return isRecord(item) && typeof item.date === "string" && item.date.length > 0 ? item.date : undefined;
}

function isDatedSection(key: string): key is (typeof DATED_SECTIONS)[number] {
  return DATED_SECTIONS.some((section) => section === key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
