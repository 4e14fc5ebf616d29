import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { isDataEncryptionKey } from "./personal-data-cipher";
import { ensurePrivateDir, restrictFile } from "./private-files";

/** The generated key's file in DATA_DIR, when DATA_ENCRYPTION_KEY is not set. */
export const KEY_FILE = "data-encryption.key";
const KEY_BYTES = 32;

/** The key and, when it was not configured, the file it was read from (to say so in the log). */
export type DataEncryptionKey = { key: Buffer; file?: string };

/**
 * The 32-byte key that seals personal data. DATA_ENCRYPTION_KEY when set (production refuses to
 * start without it: config.ts); else DATA_DIR/data-encryption.key, generated at random on the
 * first start (0600 in a 0700 folder) and read on every start after. No key is in the source.
 */
export function loadDataEncryptionKey(config: { DATA_ENCRYPTION_KEY?: string; DATA_DIR: string }): DataEncryptionKey {
  if (config.DATA_ENCRYPTION_KEY !== undefined) return { key: Buffer.from(config.DATA_ENCRYPTION_KEY, "base64") };
  ensurePrivateDir(config.DATA_DIR);
  const file = path.join(config.DATA_DIR, KEY_FILE);
  createKeyFile(file);
  restrictFile(file);
  const text = readFileSync(file, "utf8").trim();
  if (!isDataEncryptionKey(text)) throw new Error(`${file} does not hold a data encryption key (base64 of ${KEY_BYTES} bytes)`);
  return { key: Buffer.from(text, "base64"), file };
}

/**
 * Writes a new random key to `file` unless one is there. Written aside and linked into place, so
 * two processes starting at once both end up reading the one key that won, never a half-written file.
 */
function createKeyFile(file: string): void {
  const aside = `${file}.${process.pid}.${randomBytes(6).toString("hex")}`;
  writeFileSync(aside, `${randomBytes(KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(aside, file);
  } catch (error) {
    // The file was there (or another process linked its key first): that key is the one.
    if (!(typeof error === "object" && error !== null && "code" in error && error.code === "EEXIST")) throw error;
  } finally {
    unlinkSync(aside);
  }
}
