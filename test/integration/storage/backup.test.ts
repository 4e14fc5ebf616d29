import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { backupSqlite } from "../../../server/storage/sql/backup-sqlite";
import { THURSDAY_MORNING, writeTestSchedule } from "../../support/booking-schedule";
import { buildTestApp } from "../../support/test-app";

const ROOT = path.resolve(__dirname, "../../..");

describe("backups of the embedded store", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-backup-"));
  const schedule = writeTestSchedule(3);
  const env = (dataDir: string) => ({ DATA_DIR: dataDir, SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false" });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    schedule.remove();
  });

  it("when a backup is taken while the server runs and restored in a fresh folder, then the bookings are there", async () => {
    const live = buildTestApp({ env: env(path.join(dir, "live")), now: THURSDAY_MORNING });
    const booked = await Promise.all([10, 11].map((hour, i) => request(live.app).post("/api/bookings")
      .send({ slotId: `debt@2026-12-03T${hour}:00+09:00`, name: `주민${i}`, phone: `010-2222-${1000 + i}`, consent: true }).expect(201)));
    const file = await backupSqlite(path.join(dir, "live"), path.join(dir, "copies", "one.sqlite"));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await expect(backupSqlite(path.join(dir, "live"), file)).rejects.toThrow(/exists/);
    // `npm run backup` is the same step from the command line.
    const printed = execFileSync(process.execPath, ["--import", "tsx", "scripts/backup.ts", path.join(dir, "copies", "two.sqlite")], { cwd: ROOT, env: { ...process.env, ...env(path.join(dir, "live")) }, encoding: "utf8" });
    expect(printed).toContain("two.sqlite");
    await live.runtime.close();

    mkdirSync(path.join(dir, "restored"));
    copyFileSync(file, path.join(dir, "restored", "hanbeon.sqlite"));
    const restored = buildTestApp({ env: env(path.join(dir, "restored")), now: THURSDAY_MORNING });
    for (const res of booked) {
      const found = await restored.runtime.deps.bookings.findByCode(String(res.body.booking.code));
      expect(found?.code).toBe(res.body.booking.code);
    }
    const lookup = await request(restored.app).post("/api/bookings/lookup").send({ code: booked[0]?.body.booking.code, phone: "010-2222-1000" }).expect(200);
    expect(lookup.body.booking.start).toBe("2026-12-03T10:00+09:00");
    await restored.runtime.close();
  });
});
