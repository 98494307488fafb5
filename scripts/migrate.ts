import { env } from "../server/env.js";
import { migrateDatabase, openDatabase } from "../server/db/client";

const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.PGLITE_DATA_DIR });
try {
  const result = await migrateDatabase(database);
  const where = database.kind === "postgres" ? "PostgreSQL" : `PGlite at ${env.PGLITE_DATA_DIR}`;
  if (result.applied.length === 0) {
    console.log(`Database (${where}) is up to date: ${result.alreadyApplied} migration(s) applied earlier.`);
  } else {
    for (const name of result.applied) {
      console.log(`Applied migration ${name} to ${where}.`);
    }
  }
} finally {
  await database.close();
}
