import { chmodSync, mkdirSync, statSync } from "node:fs";

/** Group and other permission bits: none may be set on what DATA_DIR holds. */
const SHARED_BITS = 0o077;

/**
 * The data folder is the server user's alone (0700): created so, and tightened when it exists with
 * wider permissions. A folder the server may not chmod fails the start with the path in the error.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & SHARED_BITS) !== 0) chmodSync(dir, 0o700);
}

/** A file of personal data (database, WAL, key) readable by the server user alone (0600); a file not there is left alone. */
export function restrictFile(file: string): void {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat !== undefined && (stat.mode & SHARED_BITS) !== 0) chmodSync(file, 0o600);
}
