import type { AuditEntry } from "../../../bot/staff/staff-ports";
import { toAuditCsv, toCsvCell } from "../../../server/staff/audit/to-audit-csv";

function entry(over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: "e1", at: "2026-03-02T01:00:00.000Z", actor: { userId: "u1", username: "kim", role: "staff" },
    action: "intake.view", recordType: "intake", recordId: "i1", ...over,
  };
}

describe("toAuditCsv", () => {
  it("when entries are exported, then there is a BOM, a header row and one CRLF row per entry", () => {
    const csv = toAuditCsv([entry(), entry({ id: "e2", detail: { fields: 3 } })]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      "id,at,actor_user_id,actor_username,actor_role,action,record_type,record_id,detail",
      "e1,2026-03-02T01:00:00.000Z,u1,kim,staff,intake.view,intake,i1,",
      'e2,2026-03-02T01:00:00.000Z,u1,kim,staff,intake.view,intake,i1,"{""fields"":3}"',
      "",
    ]);
  });

  it("when there are no entries, then only the header is written", () => {
    expect(toAuditCsv([]).slice(1)).toBe("id,at,actor_user_id,actor_username,actor_role,action,record_type,record_id,detail\r\n");
  });

  it("when a value starts like a formula, then it is prefixed with an apostrophe", () => {
    const csv = toAuditCsv([entry({ actor: { userId: "u1", username: "=HYPERLINK(\"http://x\")", role: "staff" }, recordId: "@SUM(A1)" })]);
    const row = csv.split("\r\n")[1] ?? "";
    expect(row).toContain('"\'=HYPERLINK(""http://x"")"');
    expect(row).toContain(",'@SUM(A1),");
  });
});

describe("toCsvCell", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=1+1", "'=1+1"],
    ["+82", "'+82"],
    ["-5", "'-5"],
    ["@cmd", "'@cmd"],
    ["\tcmd", "'\tcmd"],
    ["=A1,B1", "\"'=A1,B1\""],
    ["한번에", "한번에"],
  ])("when the value is %j, then the cell is %j", (value, cell) => {
    expect(toCsvCell(value)).toBe(cell);
  });
});
