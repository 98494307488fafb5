import { randomBytes } from "node:crypto";

import pg from "pg";

import { migrateDatabase, openDatabase, type Database } from "~/server/db/client";

export interface TestDatabase extends Database {
  /** The PostgreSQL schema this test file owns, when running on PostgreSQL. */
  schema: string | null;
}

/**
 * Opens a migrated database for one test file: an in-memory PGlite, or, when
 * TEST_DATABASE_URL is set, a fresh schema in that PostgreSQL database that
 * is dropped again on close.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    await migrateDatabase(database);

    return { ...database, schema: null };
  }

  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();

  const database = await openDatabase({ url, schema });
  await migrateDatabase(database);

  return {
    ...database,
    schema,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA "${schema}" CASCADE`);
      await cleanup.end();
    },
  };
}
