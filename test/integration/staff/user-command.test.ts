import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "../../support/postgres-database";
import { SHARED_REDIS_URL } from "../../support/redis-server";
import { TEST_DATA_KEY } from "../../support/test-app";

const ROOT = path.resolve(__dirname, "../../..");

/** `npm run user` against the several-machines shape: accounts live in PostgreSQL, Redis is set but not needed. */
describe("npm run user", () => {
  const database = createTestDatabase("usercmd");
  afterAll(() => database.drop());
  const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "scripts/user.ts", ...args], {
    cwd: ROOT, encoding: "utf8",
    env: { ...process.env, DATABASE_URL: database.url, REDIS_URL: SHARED_REDIS_URL, HANBEON_NEW_PASSWORD: "correct horse battery", LOG_LEVEL: "silent", DATA_ENCRYPTION_KEY: TEST_DATA_KEY },
  });

  it("when an admin is added, listed and disabled with DATABASE_URL and REDIS_URL set, then every step succeeds in PostgreSQL", () => {
    const added = run("add", "Boss", "--role", "admin");
    expect([added.status, added.stdout]).toEqual([0, "added boss (admin) in postgres\n"]);
    expect(run("add", "boss", "--role", "staff").stderr).toContain("already exists");
    expect(run("list").stdout).toMatch(/^boss\tadmin\tactive\tcreated /);
    expect(run("disable", "boss").status).toBe(0);
    expect(run("list").stdout).toMatch(/^boss\tadmin\tdisabled\t/);
  });
});

/** The single-machine shape with Redis: accounts in the SQLite file, REDIS_URL set (it once failed with "Stream isn't writeable"). */
describe("npm run user on SQLite with REDIS_URL set", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-usercmd-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "scripts/user.ts", ...args], {
    cwd: ROOT, encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dir, REDIS_URL: SHARED_REDIS_URL, HANBEON_NEW_PASSWORD: "correct horse battery", LOG_LEVEL: "silent" },
  });

  it("when the first admin is added and listed, then both succeed in SQLite", () => {
    const added = run("add", "first", "--role", "admin");
    // The first start on a fresh folder also logs that it generated the data key.
    expect([added.status, added.stdout.endsWith("added first (admin) in sqlite\n"), added.stderr]).toEqual([0, true, ""]);
    expect(run("list").stdout).toMatch(/^first\tadmin\tactive\tcreated /m);
  });
});
