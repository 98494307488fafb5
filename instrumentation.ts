/**
 * Runs once when a Next.js server process starts: opens the database, which
 * applies pending migrations, so the first request finds the schema ready.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") {
    return;
  }
  const { getDatabase } = await import("./server/db/client");
  await getDatabase();
}
