import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

/** The two statements the migrator and test helpers need from either database driver. */
export interface SqlRunner {
  /** Runs one parameterised statement and returns its rows. */
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters. */
  exec(sql: string): Promise<void>;
}

export function pgliteRunner(db: PGlite): SqlRunner {
  return {
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      const result = await db.query<Row>(sql, params);

      return result.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

export function pgClientRunner(client: pg.ClientBase): SqlRunner {
  return {
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      const result = await client.query<Row>(sql, params);

      return result.rows;
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}
