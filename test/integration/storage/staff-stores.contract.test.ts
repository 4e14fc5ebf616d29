import type { AuditEntry, AuditLog, StaffSession, StaffSessionStore, StaffUser, UserStore } from "../../../bot/staff/staff-ports";
import { SqlAuditLog } from "../../../server/storage/sql/sql-audit-log";
import { SqlStaffSessionStore } from "../../../server/storage/sql/sql-staff-session-store";
import { SqlUserStore } from "../../../server/storage/sql/sql-user-store";
import { sqlBackends } from "../../support/sql-backends";

type Harness = {
  users: UserStore;
  sessions: StaffSessionStore;
  audit: AuditLog;
  corrupt: string[];
  /** Every stored text, to check that no raw session id is kept. */
  dump: () => Promise<string>;
  /** Overwrites user u1's stored role with raw text. */
  writeRawUser: (text: string) => Promise<void>;
  passTtl: () => Promise<void>;
  close: () => Promise<void>;
};

const implementations: Array<[string, () => Promise<Harness>]> = sqlBackends("staff").map(([name, backend]) => [name, async () => {
  const store = backend();
  const sql = store.open();
  let clock = Date.parse("2026-03-02T10:00:00+09:00");
  const corrupt: string[] = [];
  const report = (w: { key: string }) => corrupt.push(w.key);
  return {
    users: new SqlUserStore(sql, report), sessions: new SqlStaffSessionStore(sql, () => new Date(clock), report), audit: new SqlAuditLog(sql, report),
    corrupt,
    dump: async () => JSON.stringify(await (await sql.open()).selectFrom("staff_sessions").selectAll().execute()),
    writeRawUser: async (text) => { await (await sql.open()).updateTable("staff_users").set({ role: text }).where("id", "=", "u1").execute(); },
    passTtl: async () => { clock += 1100; },
    close: () => store.close(),
  };
}]);

function user(over: Partial<StaffUser> = {}): StaffUser {
  return { id: "u1", username: "kim", role: "staff", passwordHash: "scrypt$1024$8$1$c2FsdA==$aGFzaA==", createdAt: "2026-03-02T01:00:00.000Z", ...over };
}

function session(over: Partial<StaffSession> = {}): StaffSession {
  return {
    id: "raw-session-id-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", userId: "u1", role: "staff", csrfToken: "csrf-token-BBBBBBBBBBBBBBBB",
    createdAt: "2026-03-02T01:00:00.000Z", lastSeenAt: "2026-03-02T01:00:00.000Z", ...over,
  };
}

function audit(id: string, at: string, recordId = "i1"): AuditEntry {
  return { id, at, actor: { userId: "u1", username: "kim", role: "staff" }, action: "intake.view", recordType: "intake", recordId, detail: { fields: 2, urgent: true } };
}

describe.each(implementations)("staff stores contract (%s)", (_name, make) => {
  let h: Harness;
  beforeEach(async () => { h = await make(); });
  afterEach(async () => { await h.close(); });

  describe("UserStore", () => {
    it("when a user is saved, then it reads back by id and by name in any case", async () => {
      await h.users.saveUser(user());
      expect(await h.users.findUserById("u1")).toEqual(user());
      expect(await h.users.findUserByName("KIM")).toEqual(user());
      expect(await h.users.findUserByName("lee")).toBeUndefined();
    });

    it("when a user is saved again, then the newest version wins", async () => {
      await h.users.saveUser(user());
      await h.users.saveUser(user({ role: "admin", disabled: true }));
      expect(await h.users.findUserByName("kim")).toEqual(user({ role: "admin", disabled: true }));
    });

    it("when another id takes a used name, then it is refused", async () => {
      await h.users.saveUser(user());
      await expect(h.users.saveUser(user({ id: "u2" }))).rejects.toMatchObject({ code: "CONFLICT" });
      expect((await h.users.findUserByName("kim"))?.id).toBe("u1");
    });

    it.each([["an unknown role", "root"], ["empty", ""]])(
      "when a stored user's role is %s, then it is reported and read as absent", async (_label, text) => {
        await h.users.saveUser(user());
        await h.writeRawUser(text);
        expect(await h.users.findUserByName("kim")).toBeUndefined();
        expect(await h.users.listUsers()).toEqual([]);
        expect(h.corrupt.length).toBeGreaterThanOrEqual(1);
      });

    it("when users are listed, then every account comes back by name", async () => {
      await h.users.saveUser(user({ id: "u2", username: "park", role: "admin" }));
      await h.users.saveUser(user());
      expect((await h.users.listUsers()).map((u) => u.username)).toEqual(["kim", "park"]);
    });
  });

  describe("StaffSessionStore", () => {
    it("when a session is created, then it reads back and only its hash is stored", async () => {
      await h.sessions.createStaffSession(session(), 60);
      expect(await h.sessions.findStaffSession(session().id)).toEqual(session());
      expect(await h.dump()).not.toContain(session().id);
      expect(await h.sessions.findStaffSession("another-id")).toBeUndefined();
    });

    it("when touched, then lastSeenAt moves", async () => {
      await h.sessions.createStaffSession(session(), 60);
      await h.sessions.touchStaffSession(session().id, "2026-03-02T01:10:00.000Z", 60);
      expect((await h.sessions.findStaffSession(session().id))?.lastSeenAt).toBe("2026-03-02T01:10:00.000Z");
    });

    it("when an unknown session is touched, then nothing is created", async () => {
      await h.sessions.touchStaffSession("nobody", "2026-03-02T01:10:00.000Z", 60);
      expect(await h.sessions.findStaffSession("nobody")).toBeUndefined();
    });

    it("when deleted, then it is gone", async () => {
      await h.sessions.createStaffSession(session(), 60);
      await h.sessions.deleteStaffSession(session().id);
      expect(await h.sessions.findStaffSession(session().id)).toBeUndefined();
    });

    it("when the TTL passes, then it expires", async () => {
      await h.sessions.createStaffSession(session(), 1);
      await h.passTtl();
      expect(await h.sessions.findStaffSession(session().id)).toBeUndefined();
    });
  });

  describe("AuditLog", () => {
    it("when entries are appended, then they list newest first with their detail", async () => {
      await h.audit.appendAudit(audit("a", "2026-03-02T01:00:00.000Z"));
      await h.audit.appendAudit(audit("c", "2026-03-02T03:00:00.000Z"));
      await h.audit.appendAudit(audit("b", "2026-03-02T02:00:00.000Z"));
      const listed = await h.audit.listAudit({});
      expect(listed.map((e) => e.id)).toEqual(["c", "b", "a"]);
      expect(listed[2]).toEqual(audit("a", "2026-03-02T01:00:00.000Z"));
    });

    it("when filtered by time, then from is inclusive and to exclusive", async () => {
      for (const hour of [1, 2, 3]) await h.audit.appendAudit(audit(`e${hour}`, `2026-03-02T0${hour}:00:00.000Z`));
      const listed = await h.audit.listAudit({ from: "2026-03-02T11:00:00+09:00", to: "2026-03-02T03:00:00Z" });
      expect(listed.map((e) => e.id)).toEqual(["e2"]);
    });

    it("when filtered by record and limited, then only that record's newest entries come", async () => {
      await h.audit.appendAudit(audit("a", "2026-03-02T01:00:00.000Z", "i1"));
      await h.audit.appendAudit(audit("b", "2026-03-02T02:00:00.000Z", "i2"));
      await h.audit.appendAudit(audit("c", "2026-03-02T03:00:00.000Z", "i1"));
      await h.audit.appendAudit(audit("d", "2026-03-02T04:00:00.000Z", "i1"));
      expect((await h.audit.listAudit({ recordId: "i1" })).map((e) => e.id)).toEqual(["d", "c", "a"]);
      expect((await h.audit.listAudit({ recordId: "i1", limit: 2 })).map((e) => e.id)).toEqual(["d", "c"]);
      expect(await h.audit.listAudit({ recordId: "none" })).toEqual([]);
    });
  });
});
