import { Redis } from "ioredis";
import type { Intake } from "../../../bot/intake/intake-ports";
import type { AuditEntry } from "../../../bot/staff/staff-ports";
import { PersonalDataCipher } from "../../../server/security/personal-data-cipher";
import { RedisAuditLog } from "../../../server/storage/redis/redis-audit-log";
import { RedisIntakeStore } from "../../../server/storage/redis/redis-intake-store";
import { SHARED_REDIS_URL, uniquePrefix } from "../../support/redis-server";

const sealer = PersonalDataCipher.fromConfig({});
const prefix = uniquePrefix("intake-watch");
const ROUNDS = 40;

function intake(id: string): Intake {
  return {
    id, sessionRef: `web:${id}`, channel: "web", lang: "ko", createdAt: "2026-12-03T01:00:00.000Z", completedAt: "2026-12-03T01:05:00.000Z",
    flowId: "default", flowVersion: 1, answers: [], corrections: [], facts: {}, evaluation: { asOf: "2026-12-03", rulesVersion: "test", recommendations: [], urgent: [] },
    urgent: [], loans: [], notes: [], deleteAfter: "2027-01-03T01:05:00.000Z",
  };
}
const note = (text: string) => ({ by: "staff", at: "2026-12-03T02:00:00.000Z", text });
const entry = (i: number): AuditEntry => ({
  id: `audit-${i}`, at: new Date(Date.parse("2026-12-03T02:00:00.000Z") + i).toISOString(), actor: { userId: "u-admin", username: "admin", role: "admin" }, action: "test.append",
  recordType: "intake", recordId: "shared", detail: {},
});

/** One instance as create-stores.ts wires it: stores share a connection; the intake store's WATCH has its own. */
function instance() {
  const shared = new Redis(SHARED_REDIS_URL);
  const watching = shared.duplicate();
  return {
    intakes: new RedisIntakeStore(shared, watching, prefix, sealer, () => {}),
    audit: new RedisAuditLog(shared, prefix, () => {}),
    close: () => Promise.all([shared.quit(), watching.quit()]),
  };
}

describe("intake updates and audit entries on one Redis instance", () => {
  const a = instance();
  const b = instance();
  afterAll(async () => {
    const redis = new Redis(SHARED_REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await Promise.all([redis.quit(), a.close(), b.close()]);
  });

  it("when two instances add notes to one intake while one appends audit entries on the same connection, then every note reported saved is kept and no entry is lost", async () => {
    await a.intakes.saveIntake(intake("shared"));
    const texts = Array.from({ length: ROUNDS }, (_, i) => [`a${i}`, `b${i}`]).flat();
    const [notes, audits] = await Promise.all([
      // Updates racing on one record may give up after their retries (loudly); none may vanish silently.
      Promise.allSettled(texts.map((text) => (text.startsWith("a") ? a : b).intakes.addNote("shared", note(text)))),
      // One after another, so they land between the intake updates' WATCH and EXEC.
      (async () => {
        for (let i = 0; i < ROUNDS; i++) await a.audit.appendAudit(entry(i));
        return ROUNDS;
      })(),
    ]);
    expect(audits).toBe(ROUNDS);
    const reportedSaved = texts.filter((_, i) => notes[i]?.status === "fulfilled");
    expect(reportedSaved.filter((text) => text.startsWith("a")).length).toBeGreaterThan(0);
    expect(reportedSaved.filter((text) => text.startsWith("b")).length).toBeGreaterThan(0);
    const saved = await a.intakes.findIntakeById("shared");
    expect(saved?.notes.map((n) => n.text).sort()).toEqual([...reportedSaved].sort());
    const listed = await a.audit.listAudit({ recordId: "shared", limit: 100 });
    expect(listed.map((e) => e.id).sort()).toEqual(Array.from({ length: ROUNDS }, (_, i) => `audit-${i}`).sort());
  });
});
