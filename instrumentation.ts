/**
 * Runs once when a Next.js server process starts: opens the database, which
 * applies pending migrations, and starts the in-process deadline driver
 * unless Inngest drives deadlines.
 */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next.js itself; the Edge runtime cannot open the database.
  if (process.env.NEXT_RUNTIME !== "nodejs") {
    return;
  }
  const { env } = await import("./server/env.js");
  const { getDatabase } = await import("./server/db/client");
  const database = await getDatabase();

  if (!env.inngestEnabled) {
    const { startLocalDriver } = await import("./server/deadlines/local-driver");
    startLocalDriver(database, { intervalMs: env.DUE_WORK_INTERVAL_MS });
  }
}
