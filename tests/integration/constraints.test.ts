import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

describe("database constraints", () => {
  it("runs", async () => {
    const rows = await database.withConnection((sql) => sql.query<{ n: number }>("SELECT 1 AS n"));
    expect(rows[0]?.n).toBe(1);
  });
});
