import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import type { SqlRunner } from "./sql";

/**
 * The advisory lock key that `prisma migrate` takes, so Baton's migrator and
 * Prisma's CLI exclude each other as well as two Baton processes.
 */
const MIGRATION_LOCK_KEY = 72707369;

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/** Reads every `<timestamp>_<name>/migration.sql` under the folder, oldest first. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  // The migrations are read from the checkout at run time, not bundled, so the bundler must not trace this path.
  const entries = await readdir(/* turbopackIgnore: true */ dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(/* turbopackIgnore: true */ path.join(dir, name, "migration.sql"), "utf8");

      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

// The same table and columns that `prisma migrate deploy` creates and reads.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies the migrations the database has not recorded yet, each in its own
 * transaction together with its `_prisma_migrations` row. A session-level
 * advisory lock keeps two processes from migrating at once; the second waits
 * and then finds nothing left to do.
 *
 * Throws when an applied migration's file changed since it was applied, or
 * when the database contains a migration this checkout does not know.
 */
export async function migrate(db: SqlRunner, migrations: Migration[]): Promise<MigrateResult> {
  await db.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
  try {
    await db.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await db.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const appliedByName = new Map(rows.map((row) => [row.migration_name, row.checksum]));

    const known = new Set(migrations.map((migration) => migration.name));
    const unknown = [...appliedByName.keys()].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new Error(`The database has migrations this checkout does not contain: ${unknown.join(", ")}`);
    }

    const applied: string[] = [];
    for (const migration of migrations) {
      const recorded = appliedByName.get(migration.name);
      if (recorded !== undefined) {
        if (recorded !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was modified after it was applied (checksum mismatch)`);
        }
        continue;
      }

      await db.exec("BEGIN");
      try {
        await db.exec(migration.sql);
        await db.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await db.exec("COMMIT");
      } catch (error) {
        await db.exec("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.name);
    }

    return { applied, alreadyApplied: appliedByName.size };
  } finally {
    await db.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  }
}
