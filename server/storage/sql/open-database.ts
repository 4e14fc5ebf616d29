import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { ensurePrivateDir, restrictFile } from "../../security/private-files";
import type { Db } from "./database-schema";
import { migrateDatabase } from "./migrate-database";

export type SqlEngine = "sqlite" | "postgres";

/**
 * The record store's connection: SQLite in one file (the default, nothing to install) or
 * PostgreSQL (`DATABASE_URL`), behind one Kysely schema.
 */
export type SqlDatabase = {
  engine: SqlEngine;
  /** The connection once the schema is migrated (migrations start when the database is opened). */
  open: () => Promise<Db>;
  /** Settles when the migrations have run: rejects when one failed (the process must not serve). */
  ready: Promise<string[]>;
  /**
   * Runs `work` as one write transaction and returns its result. SQLite: BEGIN IMMEDIATE, which
   * takes the file's write lock before the first read, so no other connection or process writes
   * in between. PostgreSQL: READ COMMITTED plus the locks `work` takes with `lock`; a
   * serialization failure or deadlock (neither expected) is retried a few times.
   */
  write: <T>(work: (trx: Db) => Promise<T>) => Promise<T>;
  /**
   * Locks `keys` until the transaction ends (PostgreSQL: transaction-level advisory locks, taken
   * in the order given, so callers name them in one fixed order). SQLite needs none: its
   * immediate transaction already holds the whole file.
   */
  lock: (trx: Db, ...keys: string[]) => Promise<void>;
  ping: () => Promise<boolean>;
  /**
   * Called after personal data was deleted. SQLite: checkpoints the WAL and truncates it, so the
   * deleted rows' old page versions do not stay readable in the -wal file (the main file's freed
   * space is zeroed by secure_delete). PostgreSQL: nothing (VACUUM and its WAL are the server's).
   */
  afterErasure: () => Promise<void>;
  close: () => Promise<void>;
};

/** Where the records live: a PostgreSQL URL, or the SQLite file `hanbeon.sqlite` in `dataDir`. */
export type DatabaseLocation = {
  databaseUrl?: string; dataDir: string; poolSize?: number;
  /** Told of a connection error outside any query (PostgreSQL restarted): the pool replaces the connection. */
  onIdleError?: (error: Error) => void;
};

export const SQLITE_FILE = "hanbeon.sqlite";
const RETRIED_PG_CODES = new Set(["40001", "40P01"]);
const WRITE_ATTEMPTS = 5;
const STATEMENT_CACHE = 500;
const PG_BIGINT = 20;
const PG_NUMERIC = 1700;

/** Opens the record store and starts its migrations (migrate-database.ts); every query waits for them. */
export function openDatabase(location: DatabaseLocation): SqlDatabase {
  const opened = location.databaseUrl === undefined
    ? openSqlite(path.join(location.dataDir, SQLITE_FILE))
    : openPostgres(location.databaseUrl, location.poolSize ?? 10, location.onIdleError ?? (() => {}));
  const ready = opened.migrate();
  // Not dropped: open(), write() and ready() hand the failure to every caller.
  ready.catch(() => undefined);
  const open = async () => {
    await ready;
    return opened.db;
  };
  return {
    engine: opened.engine, open, ready, lock: opened.lock, ping: opened.ping,
    afterErasure: async () => {
      await ready;
      await opened.afterErasure();
    },
    // A migration under way finishes first: closing under it would leave a connection to be killed.
    close: async () => {
      await ready.catch(() => undefined);
      await opened.close();
    },
    write: async (work) => {
      await ready;
      return opened.write(work);
    },
  };
}

type Opened = Omit<SqlDatabase, "open" | "ready"> & { db: Db; migrate: () => Promise<string[]> };

/** The SQLite files this process has open, each with one connection, and how many openers share it. */
const openFiles = new Map<string, { opened: Opened; users: number }>();

/**
 * One connection per file per process, shared by every opener: better-sqlite3 waits for a busy
 * file synchronously, so a second connection of the same process waiting for the write lock would
 * block the very event loop the first needs to commit. Other processes on the file wait their turn.
 */
function openSqlite(file: string): Opened {
  const key = path.resolve(file);
  const shared = openFiles.get(key);
  if (shared) {
    shared.users++;
    return shared.opened;
  }
  const connection = connectSqlite(key);
  const entry = { users: 1, opened: { ...connection, close: async () => {
    if (--entry.users > 0) return;
    openFiles.delete(key);
    await connection.close();
  } } };
  openFiles.set(key, entry);
  return entry.opened;
}

/** The files SQLite keeps beside the database in WAL mode; all hold (or index) personal data. */
const SQLITE_COMPANIONS = ["", "-wal", "-shm"];

function connectSqlite(file: string): Opened {
  // Personal data: the folder 0700 and every file 0600 (SQLite creates -wal and -shm with the database's mode).
  ensurePrivateDir(path.dirname(file));
  const database = new Database(file);
  restrictFile(file);
  // Deleted rows are overwritten with zeros, not left readable in free pages.
  database.pragma("secure_delete = ON");
  database.pragma("journal_mode = WAL");
  for (const suffix of SQLITE_COMPANIONS) restrictFile(`${file}${suffix}`);
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 5000");
  // Kysely prepares every query anew; the shapes we run are few, so each is prepared once.
  const statements = new Map<string, Database.Statement>();
  const prepare = (text: string) => {
    const known = statements.get(text);
    if (known) return known;
    if (statements.size >= STATEMENT_CACHE) statements.clear();
    const statement = database.prepare(text);
    statements.set(text, statement);
    return statement;
  };
  const db: Db = new Kysely({ dialect: new SqliteDialect({ database: { prepare, close: () => database.close() } }) });
  const immediate = <T>(work: (connection: Db) => Promise<T>) => db.connection().execute(async (connection) => {
    await sql`BEGIN IMMEDIATE`.execute(connection);
    let result;
    try {
      result = await work(connection);
    } catch (error) {
      await rollback(connection, error);
      throw error;
    }
    await sql`COMMIT`.execute(connection);
    return result;
  });
  return {
    db, engine: "sqlite",
    // SQLite has no migration lock: the whole run holds the file's write lock, so a second process waits, then finds it done.
    migrate: () => immediate((connection) => migrateDatabase(connection, { disableTransactions: true, attempts: 1 })),
    // Kysely's SQLite driver has one connection behind a mutex: while `work` runs, nothing else of
    // this process uses it, and BEGIN IMMEDIATE keeps other processes on the file out.
    write: immediate,
    lock: async () => {},
    ping: async () => database.open && (await sql<{ ok: number }>`SELECT 1 AS ok`.execute(db)).rows.length === 1,
    // Through Kysely's connection, so it waits for a transaction under way instead of running inside it.
    afterErasure: async () => {
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    },
    close: () => db.destroy(),
  };
}

function openPostgres(url: string, poolSize: number, onIdleError: (error: Error) => void): Opened {
  // BIGINT and NUMERIC (COUNT, SUM, epoch milliseconds) come back as numbers; every value we keep is far below 2^53.
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") => oid === PG_BIGINT || oid === PG_NUMERIC ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types, connectionTimeoutMillis: 5000 });
  // An idle connection that breaks (PostgreSQL restarted) is dropped from the pool; without a listener it would end the process.
  pool.on("error", onIdleError);
  const db: Db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  return {
    db, engine: "postgres",
    migrate: () => migrateDatabase(db),
    write: async (work) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute(work);
        } catch (error) {
          if (attempt >= WRITE_ATTEMPTS || !RETRIED_PG_CODES.has(pgCode(error) ?? "")) throw error;
        }
      }
    },
    // One statement, the locks taken left to right as named.
    lock: async (trx, ...keys) => {
      if (keys.length) await sql`SELECT ${sql.join(keys.map((key) => sql`pg_advisory_xact_lock(hashtextextended(${key}, 0))`))}`.execute(trx);
    },
    ping: async () => (await sql<{ ok: number }>`SELECT 1 AS ok`.execute(db)).rows.length === 1,
    afterErasure: async () => {},
    close: () => db.destroy(),
  };
}

/** The SQLSTATE of a PostgreSQL error ("23505" for a unique violation), if it is one. */
export function pgCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

/** Whether `error` is a unique-constraint violation, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  return pgCode(error) === "23505" || pgCode(error) === "SQLITE_CONSTRAINT_PRIMARYKEY" || pgCode(error) === "SQLITE_CONSTRAINT_UNIQUE";
}

async function rollback(connection: Db, cause: unknown): Promise<void> {
  try {
    await sql`ROLLBACK`.execute(connection);
  } catch (error) {
    throw new AggregateError([cause, error], "rollback failed after an error");
  }
}
