import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";

import { env } from "../env.js";
import { PrismaClient } from "./generated/client";
import { migrate, readMigrations, type MigrateResult } from "./migrate";
import { pgClientRunner, pgliteRunner, type SqlRunner } from "./sql";

export type Db = PrismaClient;

/** A Prisma client together with a raw SQL runner on the same database. */
export interface Database {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  /** Runs `fn` on one dedicated connection, for session-level locks and scripts. */
  withConnection<T>(fn: (sql: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; without it the database is PGlite. */
  url?: string;
  /** PGlite folder; without it PGlite lives in memory. */
  dataDir?: string;
  /** PostgreSQL schema to use instead of `public`. */
  schema?: string;
}

/** Opens the database the options describe. This is the only place that chooses a driver. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      ...(options.schema ? { options: `-c search_path="${options.schema}"` } : {}),
    });
    const adapter = new PrismaPg(pool, options.schema ? { schema: options.schema } : undefined);

    return {
      kind: "postgres",
      prisma: new PrismaClient({ adapter }),
      async withConnection(fn) {
        const client = await pool.connect();
        try {
          return await fn(pgClientRunner(client));
        } finally {
          client.release();
        }
      },
      async close() {
        await pool.end();
      },
    };
  }

  const pglite = options.dataDir ? new PGlite(path.resolve(options.dataDir)) : new PGlite();
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });

  return {
    kind: "pglite",
    prisma,
    withConnection: (fn) => fn(pgliteRunner(pglite)),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/** Applies pending migrations to an open database. */
export async function migrateDatabase(database: Database): Promise<MigrateResult> {
  const migrations = await readMigrations();

  return database.withConnection((sql) => migrate(sql, migrations));
}

const globalForDb = globalThis as unknown as { batonDatabase?: Promise<Database> };

/**
 * Returns the app's database: PostgreSQL when DATABASE_URL is set, otherwise
 * PGlite under PGLITE_DATA_DIR. Opened on first use, migrated once, and kept
 * on globalThis so Next.js hot reloads reuse it.
 */
export function getDatabase(): Promise<Database> {
  globalForDb.batonDatabase ??= (async () => {
    const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.PGLITE_DATA_DIR });
    await migrateDatabase(database);

    return database;
  })();

  return globalForDb.batonDatabase;
}

/** Returns the app's Prisma client. */
export async function getDb(): Promise<Db> {
  const database = await getDatabase();

  return database.prisma;
}
