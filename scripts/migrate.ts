/**
 * `npm run migrate`: brings the record store (DATABASE_URL, else the SQLite file in DATA_DIR) up
 * to the newest schema and says which migrations ran. The server does the same at start; this is
 * for a deploy step that migrates before starting new instances.
 */
import { parseConfig } from "../server/config";
import { openDatabase } from "../server/storage/sql/open-database";

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const database = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const applied = await database.ready;
    console.log(applied.length ? `applied ${applied.join(", ")} on ${database.engine}` : `${database.engine}: the schema is current`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ""}` : String(error));
  process.exit(1);
});
