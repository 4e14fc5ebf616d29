import type { Specialty } from "../../flows/schema/catalog";
import { specialtyValues } from "../../flows/schema/catalog";
import { isCalendarDate, seoulIsoOfMs, toMinutes } from "../time/seoul-time";

/** "debt@2026-12-03T10:00+09:00": the canonical form, so two ids are equal exactly when the slots are. */
const SLOT_ID_PATTERN = /^([a-z_]+)@((\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})\+09:00)$/;

/**
 * The id of a specialty's slot starting at `startIso` (any ISO instant; it is written in Seoul
 * time, "debt@2026-12-03T10:00+09:00"). Throws a RangeError when `startIso` is not an instant on
 * a whole minute, which only a programming error produces.
 */
export function toSlotId(specialty: Specialty, startIso: string): string {
  const ms = Date.parse(startIso);
  if (Number.isNaN(ms) || ms % 60_000 !== 0) throw new RangeError(`not an instant on a whole minute: ${startIso}`);
  return `${specialty}@${seoulIsoOfMs(ms)}`;
}

/** The specialty and start ("2026-12-03T10:00+09:00") of a canonical slot id; undefined otherwise. Never throws. */
export function parseSlotId(id: string): { specialty: Specialty; start: string } | undefined {
  const match = SLOT_ID_PATTERN.exec(id);
  if (!match) return undefined;
  const [, name = "", start = "", date = "", time = ""] = match;
  const specialty = specialtyValues.find((value) => value === name);
  const minutes = toMinutes(time);
  if (specialty === undefined || !isCalendarDate(date) || minutes === undefined || minutes >= 24 * 60) return undefined;
  return { specialty, start };
}
