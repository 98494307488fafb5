import { randomBytes } from "node:crypto";

import pg from "pg";

import { env } from "../../server/env.js";
import { migrateDatabase, openDatabase, type Database } from "../../server/db/client";

/**
 * Opens a migrated scratch database for a benchmark: a new database on the
 * server of DATABASE_URL, dropped again on close, or an in-memory PGlite.
 * The user's own database is never written.
 */
export async function openScratchDatabase(): Promise<Database & { label: string }> {
  if (!env.DATABASE_URL) {
    const database = await openDatabase({});
    await migrateDatabase(database);

    return { ...database, label: "PGlite (in memory)" };
  }

  const name = `baton_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  await migrateDatabase(database);

  return {
    ...database,
    label: `PostgreSQL (scratch database ${name})`,
    async close() {
      await database.close();
      if (process.env.BENCH_KEEP_DATABASE) {
        console.log(`Kept ${name} (BENCH_KEEP_DATABASE is set).`);

        return;
      }
      const cleanup = new pg.Client({ connectionString: env.DATABASE_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE "${name}"`);
      await cleanup.end();
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
