/**
 * Compares prisma/schema.prisma with the database that the SQL migrations
 * build, because Baton writes its migrations by hand and nothing else checks
 * that they still describe the schema. The expected side comes from Prisma's
 * own schema parser (the DMMF of @prisma/prisma-schema-wasm); the actual side
 * comes from pg_catalog of a freshly migrated database. Adding a field or a
 * model to the schema without a migration fails this file.
 *
 * Compared: tables, columns with type and nullability, enums and their
 * values, primary keys, unique and plain indexes, and foreign keys with their
 * ON DELETE and ON UPDATE actions. Objects that only SQL can express must be
 * named in the allow-lists below.
 *
 * NOTE: column defaults and index or constraint names are not compared.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

import { get_dmmf } from "@prisma/prisma-schema-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { SqlRunner } from "~/server/db/sql";

import { createTestDatabase, type TestDatabase } from "../support/database";

const SCHEMA_PATH = path.join(process.cwd(), "prisma", "schema.prisma");
const GENERATED_CLASS_PATH = path.join(process.cwd(), "server", "db", "generated", "internal", "class.ts");

/** Partial indexes from the migrations, keyed as `table.index`, with their definitions. */
const SQL_ONLY_INDEXES: Record<string, string> = {
  // One running timer per assistant.
  "time_entries.time_entries_one_running_per_assistant": "time_entries(assistant_id) UNIQUE WHERE (ended_at IS NULL)",
  // One open assignment per task, so exactly one assistant wins a task.
  "assignments.assignments_one_open_per_task": "assignments(task_id) UNIQUE WHERE (ended_at IS NULL)",
  // Trial time per client and assistant, for the metrics queries.
  "time_entries.time_entries_trial_by_client": "time_entries(client_id, assistant_id, seconds) INDEX WHERE covered_by_platform",
  // Deactivated users, which routing excludes.
  "users.users_inactive": "users(id) INDEX WHERE (NOT active)",
  // Trial time per assistant and client, read when the routing counters are recounted.
  "time_entries.time_entries_trial_clients": "time_entries(assistant_id, client_id) INDEX WHERE covered_by_platform",
};

/** CHECK constraints from the migrations, keyed as `table.constraint`. */
const SQL_ONLY_CHECKS = [
  "time_entries.time_entries_ended_after_started",
  "time_entries.time_entries_seconds_match_span",
  "time_entries.time_entries_at_most_12_hours",
  "assignments.assignments_ended_after_accepted",
  "assignments.assignments_start_by_after_accepted",
  "offers.offers_expire_after_created",
  "offers.offers_wave_positive",
  "blocks.blocks_end_after_start",
  "reviews.reviews_rating_1_to_5",
  "handoffs.handoffs_extra_minutes_not_negative",
  "tasks.tasks_time_limit_positive",
  "assistant_profiles.assistant_profiles_capacity_not_negative",
  "client_accounts.client_accounts_trial_seconds_not_negative",
  "plans.plans_seconds_positive",
  "top_ups.top_ups_seconds_positive",
  "conversion_credits.conversion_credits_share_0_to_1",
];

/** The migrator's bookkeeping table, which the schema does not model. */
const MIGRATIONS_TABLE = "_prisma_migrations";

// ---------------------------------------------------------------- the schema's side

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}

interface DmmfEnum {
  name: string;
  dbName: string | null;
  values: { name: string; dbName: string | null }[];
}

interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  fields: { name: string }[];
}

interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };
}

/** The column type Prisma's PostgreSQL connector creates for a scalar without a native type attribute. */
const DEFAULT_COLUMN_TYPES: Record<string, string> = {
  String: "text",
  Boolean: "boolean",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

/** `@db.X(args)` attributes as pg_catalog's format_type() prints them, with `{}` where the arguments go. */
const NATIVE_COLUMN_TYPES: Record<string, string> = {
  Text: "text",
  VarChar: "character varying{}",
  Char: "character{}",
  Uuid: "uuid",
  SmallInt: "smallint",
  Integer: "integer",
  BigInt: "bigint",
  Real: "real",
  DoublePrecision: "double precision",
  Decimal: "numeric{}",
  Money: "money",
  Boolean: "boolean",
  Date: "date",
  Time: "time{} without time zone",
  Timetz: "time{} with time zone",
  Timestamp: "timestamp{} without time zone",
  Timestamptz: "timestamp{} with time zone",
  Json: "json",
  JsonB: "jsonb",
  ByteA: "bytea",
  Xml: "xml",
  Inet: "inet",
  Citext: "citext",
  Bit: "bit{}",
  VarBit: "bit varying{}",
  Oid: "oid",
};

/** Maps Prisma's referential actions to the words PostgreSQL uses. */
const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

function tableOf(model: DmmfModel): string {
  return model.dbName ?? model.name;
}

function columnOf(field: DmmfField): string {
  return field.dbName ?? field.name;
}

function expectedColumnType(field: DmmfField, enums: Map<string, DmmfEnum>): string {
  let base: string;
  if (field.kind === "enum") {
    const enumType = enums.get(field.type);
    base = `enum ${enumType?.dbName ?? field.type}`;
  } else if (field.nativeType) {
    const [nativeName, args] = field.nativeType;
    const pattern = NATIVE_COLUMN_TYPES[nativeName];
    if (pattern === undefined) {
      throw new Error(`The drift check has no PostgreSQL type for @db.${nativeName} on ${field.name}. Add it to NATIVE_COLUMN_TYPES.`);
    }
    base = pattern.replace("{}", args.length > 0 ? `(${args.join(",")})` : "");
  } else {
    const scalar = DEFAULT_COLUMN_TYPES[field.type];
    if (scalar === undefined) {
      throw new Error(`The drift check has no PostgreSQL type for ${field.type} on ${field.name}. Add it to DEFAULT_COLUMN_TYPES.`);
    }
    base = scalar;
  }

  return field.isList ? `${base}[]` : base;
}

/**
 * Describes one column as `table.column type NULL|NOT NULL`.
 *
 * Scalar lists are expected NOT NULL: Baton's migrations declare them so
 * because the generated client types them as non-null arrays. Prisma's
 * migration engine would leave them nullable.
 */
function describeExpectedColumn(model: DmmfModel, field: DmmfField, enums: Map<string, DmmfEnum>): string {
  const notNull = field.isList || field.isRequired;

  return `${tableOf(model)}.${columnOf(field)} ${expectedColumnType(field, enums)} ${notNull ? "NOT NULL" : "NULL"}`;
}

interface ExpectedCatalog {
  tables: string[];
  columns: string[];
  enums: string[];
  indexes: string[];
  foreignKeys: string[];
}

function describeIndex(table: string, columns: string[], kind: string): string {
  return `${table}(${columns.join(", ")}) ${kind}`;
}

function describeForeignKey(
  table: string,
  columns: string[],
  referencedTable: string,
  referencedColumns: string[],
  onDelete: string,
  onUpdate: string,
): string {
  return `${table}(${columns.join(", ")}) -> ${referencedTable}(${referencedColumns.join(", ")}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;
}

function expectedCatalog(dmmf: Dmmf): ExpectedCatalog {
  const { models, enums, indexes } = dmmf.datamodel;
  const modelsByName = new Map(models.map((model) => [model.name, model]));
  const enumsByName = new Map(enums.map((enumType) => [enumType.name, enumType]));

  const fieldColumn = (model: DmmfModel, fieldName: string): string => {
    const field = model.fields.find((candidate) => candidate.name === fieldName);
    if (!field) {
      throw new Error(`Field ${model.name}.${fieldName} is not in the DMMF`);
    }

    return columnOf(field);
  };
  const modelNamed = (name: string): DmmfModel => {
    const model = modelsByName.get(name);
    if (!model) {
      throw new Error(`Model ${name} is not in the DMMF`);
    }

    return model;
  };

  const columns = models.flatMap((model) =>
    model.fields
      .filter((field) => field.kind === "scalar" || field.kind === "enum")
      .map((field) => describeExpectedColumn(model, field, enumsByName)),
  );

  const indexKinds = { id: "PRIMARY KEY", unique: "UNIQUE", normal: "INDEX", fulltext: "FULLTEXT" } as const;
  const expectedIndexes = indexes.map((index) => {
    const model = modelNamed(index.model);
    const indexColumns = index.fields.map((field) => fieldColumn(model, field.name));

    return describeIndex(tableOf(model), indexColumns, indexKinds[index.type]);
  });

  const foreignKeys = models.flatMap((model) =>
    model.fields
      .filter((field) => field.kind === "object" && (field.relationFromFields?.length ?? 0) > 0)
      .map((field) => {
        const target = modelNamed(field.type);
        const fromFields = field.relationFromFields ?? [];
        const anyOptional = fromFields.some((name) => model.fields.find((candidate) => candidate.name === name)?.isRequired === false);
        // Prisma's defaults: SET NULL for an optional relation, RESTRICT for a required one, and CASCADE on update.
        const onDelete = field.relationOnDelete ?? (anyOptional ? "SetNull" : "Restrict");
        const onUpdate = field.relationOnUpdate ?? "Cascade";

        return describeForeignKey(
          tableOf(model),
          fromFields.map((name) => fieldColumn(model, name)),
          tableOf(target),
          (field.relationToFields ?? []).map((name) => fieldColumn(target, name)),
          REFERENTIAL_ACTIONS[onDelete] ?? onDelete,
          REFERENTIAL_ACTIONS[onUpdate] ?? onUpdate,
        );
      }),
  );

  return {
    tables: models.map(tableOf).sort(),
    columns: columns.sort(),
    enums: enums.map((enumType) => `${enumType.dbName ?? enumType.name}: ${enumType.values.map((value) => value.dbName ?? value.name).join(", ")}`).sort(),
    indexes: expectedIndexes.sort(),
    foreignKeys: foreignKeys.sort(),
  };
}

// ---------------------------------------------------------------- the database's side

interface ActualCatalog extends ExpectedCatalog {
  /** Every index, keyed as `table.index`, so the allow-list can find SQL-only ones by name. */
  indexesByName: Map<string, string>;
  checks: string[];
}

const PG_REFERENTIAL_ACTIONS: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

async function actualCatalog(sql: SqlRunner): Promise<ActualCatalog> {
  const tables = await sql.query<{ table_name: string }>(
    `SELECT c.relname AS table_name
     FROM pg_class c
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> $1`,
    [MIGRATIONS_TABLE],
  );

  // Enums print as `enum Name`, and arrays of enums as `enum Name[]`, so they read the same as the expected side.
  const columns = await sql.query<{ table_name: string; column_name: string; column_type: string; not_null: boolean }>(
    `SELECT c.relname AS table_name, a.attname AS column_name, a.attnotnull AS not_null,
            CASE
              WHEN t.typtype = 'e' THEN 'enum ' || t.typname
              WHEN e.typtype = 'e' THEN 'enum ' || e.typname || '[]'
              ELSE format_type(a.atttypid, a.atttypmod)
            END AS column_type
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid
     JOIN pg_type t ON t.oid = a.atttypid
     LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> $1
       AND a.attnum > 0 AND NOT a.attisdropped`,
    [MIGRATIONS_TABLE],
  );

  const enums = await sql.query<{ enum_name: string; enum_values: string }>(
    `SELECT t.typname AS enum_name, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) AS enum_values
     FROM pg_type t
     JOIN pg_enum e ON e.enumtypid = t.oid
     WHERE t.typnamespace = current_schema()::regnamespace
     GROUP BY t.typname`,
  );

  // indkey lists the indexed columns in order, with 0 for an expression.
  const indexes = await sql.query<{ table_name: string; index_name: string; kind: string; column_names: string[] }>(
    `SELECT c.relname AS table_name, i.relname AS index_name,
            CASE WHEN x.indisprimary THEN 'PRIMARY KEY' WHEN x.indisunique THEN 'UNIQUE' ELSE 'INDEX' END
              || CASE WHEN x.indpred IS NOT NULL THEN ' WHERE ' || pg_get_expr(x.indpred, x.indrelid) ELSE '' END AS kind,
            array(
              SELECT coalesce(a.attname::text, '(expression)')
              FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
              LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
              ORDER BY k.position
            ) AS column_names
     FROM pg_index x
     JOIN pg_class c ON c.oid = x.indrelid
     JOIN pg_class i ON i.oid = x.indexrelid
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relname <> $1`,
    [MIGRATIONS_TABLE],
  );

  const constraints = await sql.query<{
    table_name: string;
    constraint_name: string;
    constraint_type: string;
    column_names: string[] | null;
    referenced_table: string | null;
    referenced_columns: string[] | null;
    on_delete: string;
    on_update: string;
  }>(
    `SELECT c.relname AS table_name, k.conname AS constraint_name, k.contype::text AS constraint_type,
            array(
              SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, position)
              JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.position
            ) AS column_names,
            r.relname AS referenced_table,
            array(
              SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, position)
              JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.position
            ) AS referenced_columns,
            k.confdeltype::text AS on_delete, k.confupdtype::text AS on_update
     FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid
     LEFT JOIN pg_class r ON r.oid = k.confrelid
     WHERE c.relnamespace = current_schema()::regnamespace AND k.contype IN ('f', 'c') AND c.relname <> $1`,
    [MIGRATIONS_TABLE],
  );

  const indexesByName = new Map(
    indexes.map((index) => [`${index.table_name}.${index.index_name}`, describeIndex(index.table_name, index.column_names, index.kind)]),
  );

  return {
    tables: tables.map((row) => row.table_name).sort(),
    columns: columns
      .map((row) => `${row.table_name}.${row.column_name} ${row.column_type} ${row.not_null ? "NOT NULL" : "NULL"}`)
      .sort(),
    enums: enums.map((row) => `${row.enum_name}: ${row.enum_values}`).sort(),
    indexes: [...indexesByName.entries()]
      .filter(([name]) => !(name in SQL_ONLY_INDEXES))
      .map(([, description]) => description)
      .sort(),
    indexesByName,
    foreignKeys: constraints
      .filter((row) => row.constraint_type === "f")
      .map((row) =>
        describeForeignKey(
          row.table_name,
          row.column_names ?? [],
          row.referenced_table ?? "?",
          row.referenced_columns ?? [],
          PG_REFERENTIAL_ACTIONS[row.on_delete] ?? row.on_delete,
          PG_REFERENTIAL_ACTIONS[row.on_update] ?? row.on_update,
        ),
      )
      .sort(),
    checks: constraints
      .filter((row) => row.constraint_type === "c")
      .map((row) => `${row.table_name}.${row.constraint_name}`)
      .sort(),
  };
}

// ---------------------------------------------------------------- the tests

let database: TestDatabase;
let schemaText: string;
let expected: ExpectedCatalog;
let actual: ActualCatalog;

beforeAll(async () => {
  schemaText = await readFile(SCHEMA_PATH, "utf8");
  expected = expectedCatalog(JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schemaText }))) as Dmmf);

  database = await createTestDatabase();
  actual = await database.withConnection(actualCatalog);
});

afterAll(async () => {
  await database.close();
});

describe("schema.prisma against the migrated database", () => {
  it("has a table for every model", () => {
    expect(actual.tables).toEqual(expected.tables);
  });

  it("matches column types and nullability", () => {
    expect(actual.columns).toEqual(expected.columns);
  });

  it("matches enum values", () => {
    expect(actual.enums).toEqual(expected.enums);
  });

  it("matches primary keys and indexes", () => {
    expect(actual.indexes).toEqual(expected.indexes);
  });

  it("matches foreign keys", () => {
    expect(actual.foreignKeys).toEqual(expected.foreignKeys);
  });

  it("has every allow-listed partial index", () => {
    for (const [name, definition] of Object.entries(SQL_ONLY_INDEXES)) {
      expect(actual.indexesByName.get(name), `index ${name}`).toBe(definition);
    }
  });

  it("has exactly the allow-listed checks", () => {
    expect(actual.checks).toEqual([...SQL_ONLY_CHECKS].sort());
  });
});

describe("generated Prisma client", () => {
  it("was generated from the current schema", async () => {
    const generated = await readFile(GENERATED_CLASS_PATH, "utf8").catch(() => "");
    const match = /^\s*"inlineSchema": ("(?:[^"\\]|\\.)*"),?$/m.exec(generated);

    expect(match, `no inlineSchema found in ${GENERATED_CLASS_PATH}. Run \`npx prisma generate\`.`).not.toBeNull();
    const inlineSchema = JSON.parse(match?.[1] ?? '""') as string;
    expect(inlineSchema === schemaText, "the client in server/db/generated was generated from another schema. Run `npx prisma generate`.").toBe(true);
  });
});
