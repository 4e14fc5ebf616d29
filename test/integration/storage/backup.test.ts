import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
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

  it("when npm run backup runs while the server runs and the copy is restored in a fresh folder, then the bookings are there", async () => {
    const live = buildTestApp({ env: env(path.join(dir, "live")), now: THURSDAY_MORNING });
    const booked = await Promise.all([10, 11].map((hour, i) => request(live.app).post("/api/bookings")
      .send({ slotId: `debt@2026-12-03T${hour}:00+09:00`, name: `주민${i}`, phone: `010-2222-${1000 + i}`, consent: true }).expect(201)));
    const backup = (file: string) => spawnSync(process.execPath, ["--import", "tsx", "scripts/backup.ts", file], { cwd: ROOT, env: { ...process.env, ...env(path.join(dir, "live")) }, encoding: "utf8" });
    const file = path.join(dir, "copies", "one.sqlite");
    const taken = backup(file);
    expect([taken.status, taken.stdout]).toEqual([0, `backed up to ${file}\n`]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = backup(file);
    expect([again.status, again.stderr]).toEqual([1, expect.stringContaining("exists")]);
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
