/**
 * Baton's migrator must keep `_prisma_migrations` exactly as `prisma migrate
 * deploy` would, so either tool can take over a database. Failure cases run
 * on copies of prisma/migrations in temporary folders, with probe migrations
 * named 2999… that each test removes again.
 */
import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { migrateDatabase } from "~/server/db/client";
import { migrate, MIGRATIONS_DIR, readMigrations } from "~/server/db/migrate";

import { createTestDatabase, type TestDatabase } from "../support/database";

const PROBE_PREFIX = "2999";
const PROBE_TABLES = ["migrate_probe", "migrate_probe_partial", "migrate_probe_parallel"];

/** The bookkeeping table as Prisma's schema engine creates it: name, type, NOT NULL. */
const PRISMA_MIGRATIONS_COLUMNS = [
  "id character varying(36) NOT NULL",
  "checksum character varying(64) NOT NULL",
  "finished_at timestamp with time zone NULL",
  "migration_name character varying(255) NOT NULL",
  "logs text NULL",
  "rolled_back_at timestamp with time zone NULL",
  "started_at timestamp with time zone NOT NULL",
  "applied_steps_count integer NOT NULL",
];

interface MigrationRow extends Record<string, unknown> {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

let database: TestDatabase;
const temporaryFolders: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});

afterEach(async () => {
  await database.withConnection(async (sql) => {
    await sql.query(`DELETE FROM "_prisma_migrations" WHERE migration_name LIKE $1`, [`${PROBE_PREFIX}%`]);
    await sql.exec(PROBE_TABLES.map((table) => `DROP TABLE IF EXISTS "${table}";`).join("\n"));
  });
  await Promise.all(temporaryFolders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

afterAll(async () => {
  await database.close();
});

/** Copies prisma/migrations into a new temporary folder and adds the given migrations to the copy. */
async function copyMigrations(extra: Record<string, string> = {}): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "baton-migrations-"));
  temporaryFolders.push(folder);
  await cp(MIGRATIONS_DIR, folder, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(path.join(folder, name));
    await writeFile(path.join(folder, name, "migration.sql"), sql);
  }

  return folder;
}

async function migrateFrom(folder: string) {
  const migrations = await readMigrations(folder);

  return database.withConnection((sql) => migrate(sql, migrations));
}

async function migrationRows(): Promise<MigrationRow[]> {
  return database.withConnection((sql) =>
    sql.query<MigrationRow>(
      `SELECT id, checksum, migration_name, finished_at, rolled_back_at, applied_steps_count
       FROM "_prisma_migrations" ORDER BY migration_name`,
    ),
  );
}

async function tableExists(table: string): Promise<boolean> {
  const rows = await database.withConnection((sql) =>
    sql.query<{ found: string | null }>(`SELECT to_regclass($1)::text AS found`, [`"${table}"`]),
  );

  return rows[0]?.found != null;
}

describe("migration history", () => {
  it("uses Prisma's table layout", async () => {
    const columns = await database.withConnection((sql) =>
      sql.query<{ description: string }>(
        `SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END AS description
         FROM pg_attribute a
         WHERE a.attrelid = '"_prisma_migrations"'::regclass AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attnum`,
      ),
    );

    expect(columns.map((column) => column.description)).toEqual(PRISMA_MIGRATIONS_COLUMNS);
  });

  it("records every migration with its checksum", async () => {
    const folders = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();

    const rows = await migrationRows();

    expect(rows.map((row) => row.migration_name)).toEqual(folders);
    for (const row of rows) {
      const file = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum, row.migration_name).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.id, row.migration_name).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at, row.migration_name).toBeInstanceOf(Date);
      expect(row.rolled_back_at, row.migration_name).toBeNull();
      expect(row.applied_steps_count, row.migration_name).toBe(1);
    }
  });

  it("applies nothing on a second run", async () => {
    const before = await migrationRows();

    const result = await migrateDatabase(database);

    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toBe(before.length);
    expect(await migrationRows()).toEqual(before);
  });

  it("applies only a new migration", async () => {
    const name = `${PROBE_PREFIX}0101000000_add_probe`;
    const sql = `CREATE TABLE "migrate_probe" ("id" INTEGER NOT NULL PRIMARY KEY);\n`;
    const folder = await copyMigrations({ [name]: sql });

    const result = await migrateFrom(folder);

    expect(result.applied).toEqual([name]);
    expect(await tableExists("migrate_probe")).toBe(true);
    const row = (await migrationRows()).find((candidate) => candidate.migration_name === name);
    expect(row?.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
  });
});

describe("migration failures", () => {
  it("rejects an applied file that changed", async () => {
    const folder = await copyMigrations();
    const [first] = await readMigrations(folder);
    if (!first) {
      throw new Error(`No migrations found in ${MIGRATIONS_DIR}`);
    }
    await appendFile(path.join(folder, first.name, "migration.sql"), "\n-- edited after it was applied\n");

    await expect(migrateFrom(folder)).rejects.toThrow(`Migration ${first.name} was modified after it was applied (checksum mismatch)`);
  });

  it("rejects a database ahead of the checkout", async () => {
    const name = `${PROBE_PREFIX}0102000000_add_probe`;
    await migrateFrom(await copyMigrations({ [name]: `CREATE TABLE "migrate_probe" ("id" INTEGER);` }));

    await expect(migrateFrom(await copyMigrations())).rejects.toThrow(`does not contain: ${name}`);
  });

  it("rolls back a failing migration whole", async () => {
    const name = `${PROBE_PREFIX}0103000000_broken`;
    const folder = await copyMigrations({
      [name]: `CREATE TABLE "migrate_probe_partial" ("id" INTEGER);\nSELECT * FROM "no_such_table";\n`,
    });

    await expect(migrateFrom(folder)).rejects.toThrow(`Migration ${name} failed`);

    expect(await tableExists("migrate_probe_partial")).toBe(false);
    expect((await migrationRows()).map((row) => row.migration_name)).not.toContain(name);
    // The advisory lock was released, so the next run proceeds and finds the real migrations applied.
    expect((await migrateDatabase(database)).applied).toEqual([]);
  });
});

describe("parallel migrators", () => {
  // PGlite serves a single connection, and an advisory lock is re-entrant
  // within one session, so two migrators there cannot exclude each other.
  // The second-run test above covers the sequential case.
  it.skipIf(!process.env.TEST_DATABASE_URL)("apply a migration once on PostgreSQL", async () => {
    const name = `${PROBE_PREFIX}0104000000_parallel_probe`;
    // The sleep keeps the first migrator inside its transaction while the second one waits for the lock.
    const folder = await copyMigrations({
      [name]: `CREATE TABLE "migrate_probe_parallel" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "migrate_probe_parallel" VALUES (1);\nSELECT pg_sleep(0.3);\n`,
    });
    const migrations = await readMigrations(folder);

    const results = await Promise.all([
      database.withConnection((sql) => migrate(sql, migrations)),
      database.withConnection((sql) => migrate(sql, migrations)),
    ]);

    expect(results.map((result) => result.applied).sort()).toEqual([[], [name]]);
    expect((await migrationRows()).filter((row) => row.migration_name === name)).toHaveLength(1);
    const probeRows = await database.withConnection((sql) => sql.query(`SELECT * FROM "migrate_probe_parallel"`));
    expect(probeRows).toHaveLength(1);
  });
});
