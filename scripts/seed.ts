import { env } from "../server/env.js";
import { migrateDatabase, openDatabase } from "../server/db/client";
import { seedDatabase } from "../server/seed";

// Every seeded account shares one published password, so a production database must never get them.
if (env.NODE_ENV === "production") {
  console.error("Not seeding: NODE_ENV is production, and every demo account shares a published password. Seed a development database instead.");
  process.exit(1);
}

const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.PGLITE_DATA_DIR });
try {
  const where = database.kind === "postgres" ? "PostgreSQL" : `PGlite at ${env.PGLITE_DATA_DIR}`;
  await migrateDatabase(database);

  const started = Date.now();
  const result = await seedDatabase(database.prisma, { now: new Date(), log: (line) => console.log(line) });
  if (result.status === "already-seeded") {
    console.log(`Database (${where}) is already seeded: it has ${result.users} user(s). Nothing to do.`);
  } else {
    console.log(`Seeded ${result.users} users and ${result.tasks} tasks into ${where} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
} finally {
  await database.close();
}
