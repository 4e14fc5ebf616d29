import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The PostgreSQL our machines run (trust auth); TEST_POSTGRES_URL points elsewhere. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = { name: string; url: string; drop: () => Promise<void> };

/**
 * A fresh, empty database for one test file (`hanbeon_test_<name>_<random>`), made at once (psql,
 * so a suite can build its app while `describe` runs); `drop` removes it (WITH (FORCE): connections
 * still open are ended).
 */
export function createTestDatabase(name: string): TestDatabase {
  const database = `hanbeon_test_${name.replace(/[^a-z0-9]/gi, "").toLowerCase()}_${randomBytes(5).toString("hex")}`;
  execFileSync("psql", [POSTGRES_ADMIN_URL, "-q", "-c", `CREATE DATABASE ${database}`], { stdio: "pipe" });
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return { name: database, url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`) };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Every row of `tables` in the database at `url`, as text (to look for what must not be stored in plain). */
export async function dumpPostgres(url: string, tables: readonly string[]): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = [];
    for (const table of tables) rows.push((await client.query(`SELECT * FROM ${table}`)).rows);
    return JSON.stringify(rows);
  } finally {
    await client.end();
  }
}
