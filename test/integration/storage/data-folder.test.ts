import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { createApp } from "../../../server/app";
import { composeRuntime } from "../../../server/compose";
import { parseConfig } from "../../../server/config";
import { createLogger } from "../../../server/logging/create-logger";
import { KEY_FILE, loadDataEncryptionKey } from "../../../server/security/data-encryption-key";
import { PersonalDataCipher } from "../../../server/security/personal-data-cipher";
import { SQLITE_FILE } from "../../../server/storage/sql/open-database";

const NOW = "2026-12-03T10:00:00+09:00";
const modeOf = (file: string) => statSync(file).mode & 0o777;

/** The app on `dataDir` without DATA_ENCRYPTION_KEY, as `npm start` runs it outside production; its log lines are kept. */
function startOn(dataDir: string) {
  const lines: string[] = [];
  const config = parseConfig({ NODE_ENV: "development", LOG_LEVEL: "warn", DATA_DIR: dataDir, REMINDERS_ENABLED: "false" });
  const runtime = composeRuntime(config, createLogger("warn", { write: (line: string) => lines.push(line) }), () => new Date(NOW));
  return { app: createApp(runtime.deps), runtime, lines };
}

describe("the data folder", () => {
  const root = mkdtempSync(path.join(tmpdir(), "hanbeon-datafolder-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("when DATA_ENCRYPTION_KEY is not set, then a random key is generated into the folder (0600), said in the log, and read again on the next start", async () => {
    const dataDir = path.join(root, "first", "data");
    const first = startOn(dataDir);
    await first.runtime.ready();
    const created = await request(first.app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201);
    const sessionId = String(created.body.sessionId);
    await request(first.app).post(`/api/chat/sessions/${sessionId}/messages`).send({ optionId: "agree" }).expect(200);
    await first.runtime.close();

    const keyFile = path.join(dataDir, KEY_FILE);
    const key = readFileSync(keyFile, "utf8");
    expect(modeOf(keyFile)).toBe(0o600);
    expect(Buffer.from(key.trim(), "base64")).toHaveLength(32);
    expect(first.lines.map((line) => JSON.parse(line)).find((entry) => /DATA_ENCRYPTION_KEY is not set/.test(String(entry.msg)))?.file).toBe(keyFile);

    const second = startOn(dataDir);
    await second.runtime.ready();
    // The conversation sealed under the first start's key opens on the second.
    await request(second.app).get(`/api/chat/sessions/${sessionId}`).expect(200);
    await second.runtime.close();
    expect(readFileSync(keyFile, "utf8")).toBe(key);
  });

  it("when two folders each generate a key, then the keys differ: what one seals the other cannot open (no key is built in)", () => {
    const one = new PersonalDataCipher(loadDataEncryptionKey({ DATA_DIR: path.join(root, "one") }).key);
    const two = new PersonalDataCipher(loadDataEncryptionKey({ DATA_DIR: path.join(root, "two") }).key);
    const sealed = one.seal("010-1234-5678");
    expect(one.open(sealed)).toBe("010-1234-5678");
    expect(() => two.open(sealed)).toThrow(/unable to authenticate/);
    expect(new PersonalDataCipher(loadDataEncryptionKey({ DATA_DIR: path.join(root, "one") }).key).open(sealed)).toBe("010-1234-5678");
  });

  it("when the key file holds something else, then the start fails naming the file", () => {
    const dataDir = path.join(root, "broken");
    mkdirSync(dataDir, { mode: 0o700 });
    writeFileSync(path.join(dataDir, KEY_FILE), "not a key\n", { mode: 0o600 });
    expect(() => loadDataEncryptionKey({ DATA_DIR: dataDir })).toThrow(new RegExp(`${KEY_FILE} does not hold a data encryption key`));
  });

  it("when the folder and database were left readable by others, then the start makes the folder 0700 and the database, WAL and index 0600", async () => {
    const dataDir = path.join(root, "loose");
    const first = startOn(dataDir);
    await first.runtime.ready();
    await first.runtime.close();
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, SQLITE_FILE), 0o644);
    writeFileSync(path.join(dataDir, `${SQLITE_FILE}-wal`), "", { mode: 0o644 });
    chmodSync(path.join(dataDir, `${SQLITE_FILE}-wal`), 0o644);

    const second = startOn(dataDir);
    await second.runtime.ready();
    await request(second.app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201);
    expect(modeOf(dataDir)).toBe(0o700);
    expect([SQLITE_FILE, `${SQLITE_FILE}-wal`, `${SQLITE_FILE}-shm`, KEY_FILE].map((file) => [file, modeOf(path.join(dataDir, file))]))
      .toEqual([[SQLITE_FILE, 0o600], [`${SQLITE_FILE}-wal`, 0o600], [`${SQLITE_FILE}-shm`, 0o600], [KEY_FILE, 0o600]]);
    await second.runtime.close();
  });

  it("when a new folder is made, then it is 0700, its parents too", async () => {
    const dataDir = path.join(root, "fresh", "nested", "data");
    const started = startOn(dataDir);
    await started.runtime.ready();
    expect([modeOf(path.join(root, "fresh")), modeOf(dataDir), modeOf(path.join(dataDir, SQLITE_FILE))]).toEqual([0o700, 0o700, 0o600]);
    await started.runtime.close();
  });
});
