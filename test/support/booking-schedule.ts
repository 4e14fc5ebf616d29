import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { z } from "zod";
import { SCHEDULE_FILE } from "../../flows/load-schedule";

const shippedSchema = z.object({ specialties: z.record(z.string(), z.unknown()) }).loose();

/**
 * The shipped schedule with the debt specialty's counsellors set to `capacity`, written to a
 * temporary file for SCHEDULE_FILE. Everything else (hours, holidays, notice) stays as shipped.
 */
export function writeTestSchedule(capacity: number): { file: string; remove: () => void } {
  const doc = shippedSchema.parse(parse(readFileSync(SCHEDULE_FILE, "utf8")));
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-schedule-"));
  const file = path.join(dir, "schedule.yaml");
  writeFileSync(file, stringify({ ...doc, specialties: { ...doc.specialties, debt: { counsellors: capacity, slotMinutes: 60 } } }));
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Thursday 3 December 2026, 08:00 in Seoul: with 120 minutes' notice, 10:00 is the first open slot. */
export const THURSDAY_MORNING = "2026-12-03T08:00:00+09:00";
export const DEBT_SLOT = "debt@2026-12-03T14:00+09:00";
