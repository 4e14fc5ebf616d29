import type { AuditEntry } from "../../../bot/staff/staff-ports";

const HEADER = ["id", "at", "actor_user_id", "actor_username", "actor_role", "action", "record_type", "record_id", "detail"];
/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The audit entries as RFC 4180 CSV (CRLF, a header row, a UTF-8 BOM so spreadsheet software
 * reads Korean correctly). Cells that start like a formula get a leading apostrophe.
 */
export function toAuditCsv(entries: AuditEntry[]): string {
  const rows = entries.map((e) => [
    e.id, e.at, e.actor.userId, e.actor.username, e.actor.role, e.action, e.recordType, e.recordId,
    e.detail === undefined ? "" : JSON.stringify(e.detail),
  ]);
  return `\uFEFF${[HEADER, ...rows].map((row) => row.map(toCsvCell).join(",")).join("\r\n")}\r\n`;
}

/** One cell: formula-safe, then quoted when it holds a comma, quote or line break. */
export function toCsvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
