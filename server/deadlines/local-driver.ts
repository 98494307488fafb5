import type { Database } from "../db/client";
import { createEmailTransport, type EmailTransport } from "../email/transport";
import { logger } from "../logger";
import { systemClock, type Clock } from "../clock";
import { applyDueWork } from "./due-work";

/** Advisory lock key that lets only one process run the local driver's tick at a time. */
const DRIVER_LOCK_KEY = 7_301_115;

/**
 * Runs one pass of every due rule at `now` under the driver's advisory lock;
 * resolves false, doing nothing, when another pass holds the lock.
 */
export function runDuePass(database: Database, options: { now: Date; transport: EmailTransport }): Promise<boolean> {
  return database.withConnection(async (sql) => {
    const [lock] = await sql.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [DRIVER_LOCK_KEY]);
    if (!lock?.locked) {
      return false;
    }
    try {
      const report = await applyDueWork({ db: database.prisma, now: options.now, transport: options.transport });
      logger.debug({ report }, "deadline pass finished");
    } finally {
      await sql.query("SELECT pg_advisory_unlock($1)", [DRIVER_LOCK_KEY]);
    }

    return true;
  });
}

export interface LocalDriver {
  /** Runs one pass now; resolves false when another pass held the lock. */
  tick(): Promise<boolean>;
  stop(): void;
}

/**
 * Drives deadlines in-process when no Inngest server is configured: every
 * `intervalMs` it runs `applyDueWork`. A pass never overlaps the previous
 * one in this process, and a PostgreSQL advisory lock keeps two processes
 * from running passes at the same time.
 */
export function startLocalDriver(database: Database, options: { intervalMs: number; clock?: Clock }): LocalDriver {
  const clock = options.clock ?? systemClock;
  const transport = createEmailTransport();
  let running: Promise<boolean> | null = null;

  const pass = () => runDuePass(database, { now: clock.now(), transport });

  const tick = async () => {
    if (running) {
      return false;
    }
    running = pass().catch((error: unknown) => {
      logger.error({ err: error }, "local deadline pass failed");

      return false;
    });
    try {
      return await running;
    } finally {
      running = null;
    }
  };

  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  logger.info(
    { intervalMs: options.intervalMs },
    "deadlines run in-process (local driver); set INNGEST_SIGNING_KEY and INNGEST_EVENT_KEY in production to drive them with Inngest",
  );

  return {
    tick,
    stop: () => clearInterval(timer),
  };
}
