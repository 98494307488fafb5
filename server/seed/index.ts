import { hashPassword } from "../auth/password";
import { getBalance } from "../budget/balance";
import { refreshWarningProjection } from "../budget/warning-projection";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../errors";
import { getSettings } from "../settings";
import { loadSeedData } from "./data";
import { seedHistory } from "./history";
import { seedAdmin, seedAssistants, seedClients, seedPlans, seedSkills, type SeededPeople, type Tx } from "./people";
import { seedTasks } from "./tasks";

export interface SeedOptions {
  /** The instant the demo data is laid out around: pending offers expire after it, timers started before it. */
  now: Date;
  /** Receives one progress line per step. */
  log?: (line: string) => void;
}

export type SeedResult = { status: "seeded"; users: number; tasks: number } | { status: "already-seeded"; users: number };

// The whole seed runs in one transaction, which takes a few seconds on PGlite.
const TRANSACTION_TIMEOUT_MS = 120_000;

/** Records the newest offer of each assistant, which the router's fairness factor reads. */
async function updateLastOffered(tx: Tx): Promise<void> {
  const newest = await tx.offer.groupBy({ by: ["assistantId"], _max: { createdAt: true } });
  for (const row of newest) {
    await tx.assistantProfile.update({ where: { id: row.assistantId }, data: { lastOfferedAt: row._max.createdAt }, select: { id: true } });
  }
}

/** Sets the projected instants at which each client's running timers use up the balance and meet the next time warning. */
async function updateBalanceProjections(tx: Tx, people: SeededPeople, now: Date): Promise<void> {
  for (const client of people.clients.values()) {
    const balance = await getBalance(tx, client.id, now);
    if (balance.runningTimers === 0) {
      continue;
    }
    // Each running timer spends the balance at one second per second.
    const exhaustsAt = new Date(now.getTime() + (balance.remainingSeconds / balance.runningTimers) * 1000);
    await tx.clientAccount.update({ where: { id: client.id }, data: { balanceExhaustsAt: exhaustsAt }, select: { id: true } });
    await refreshWarningProjection(tx, client.id, balance);
  }
}

/**
 * Records each paid client's conversion, credited to the assistants who
 * logged trial time for them in proportion to their seconds.
 */
async function seedConversions(tx: Tx, people: SeededPeople): Promise<number> {
  let count = 0;
  for (const client of people.clients.values()) {
    if (!client.convertedAt) {
      continue;
    }
    const trialTime = await tx.timeEntry.groupBy({
      by: ["assistantId"],
      where: { clientId: client.id, coveredByPlatform: true, endedAt: { not: null } },
      _sum: { seconds: true },
    });
    const trialSecondsUsed = trialTime.reduce((sum, row) => sum + (row._sum.seconds ?? 0), 0);
    await tx.conversion.create({
      data: {
        clientId: client.id,
        planCode: client.data.plan,
        convertedAt: client.convertedAt,
        trialStartedAt: client.trialStartedAt,
        trialSecondsUsed,
        credits: {
          create: trialTime.map((row) => ({
            assistantId: row.assistantId,
            trialSeconds: row._sum.seconds ?? 0,
            share: trialSecondsUsed === 0 ? 0 : (row._sum.seconds ?? 0) / trialSecondsUsed,
          })),
        },
      },
      select: { id: true },
    });
    count += 1;
  }

  return count;
}

/**
 * Fills an empty database with the demo data under prisma/seed-data. A
 * database that already has users is left untouched, so running the seed
 * again is safe. Every account gets the demo password.
 */
export async function seedDatabase(db: Db, options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const now = options.now;

  const existingUsers = await db.user.count();
  if (existingUsers > 0) {
    return { status: "already-seeded", users: existingUsers };
  }

  const data = await loadSeedData();
  const settings = await getSettings(db);
  // One hash serves every account: they share a published password anyway, and scrypt costs about 50 ms a hash.
  const passwordHash = await hashPassword(data.demo.password);

  try {
    return await db.$transaction(
      async (tx) => {
        const skillIds = await seedSkills(tx, data);
        log(`Seeding skills… ${skillIds.size}`);
        log(`Seeding plans… ${await seedPlans(tx, settings)}`);
        const adminId = await seedAdmin(tx, data, passwordHash, now);
        log("Seeding admin… 1");
        const assistants = await seedAssistants(tx, data, skillIds, passwordHash, now);
        log(`Seeding assistants… ${assistants.size}`);
        const clients = await seedClients(tx, data, settings, assistants, passwordHash, now);
        const trialCount = [...clients.values()].filter((client) => !client.convertedAt).length;
        log(`Seeding clients… ${clients.size} (${trialCount} trial, ${clients.size - trialCount} paid)`);

        const people: SeededPeople = { skillIds, assistants, clients, adminId };
        const tasks = await seedTasks(tx, data, people, settings, now);
        const statuses = Object.entries(tasks.byStatus)
          .map(([status, count]) => `${count} ${status}`)
          .join(", ");
        log(`Seeding tasks… ${tasks.tasks} (${statuses})`);
        log(`Seeding offers… ${tasks.offers} (${tasks.pendingOffers} pending)`);
        log(`Seeding time entries… ${tasks.entries} (${tasks.runningTimers} running)`);
        const history = await seedHistory(tx, { data, people, settings, now, passwordHash });
        log(
          `Seeding ${data.history.weeks} weeks of history… ${history.clients} trial sign-ups, ${history.tasks} tasks, ${history.offers} offers, ${history.entries} time entries, ${history.lapses} lapses, ${history.conversions} conversions`,
        );

        await updateLastOffered(tx);
        await updateBalanceProjections(tx, people, now);
        log(`Seeding conversions… ${await seedConversions(tx, people)}`);

        return { status: "seeded" as const, users: 1 + assistants.size + clients.size + history.clients, tasks: tasks.tasks + history.tasks };
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
    );
  } catch (error) {
    // Another seed run committed first, so its data is kept.
    if (isUniqueViolation(error)) {
      const users = await db.user.count();
      if (users > 0) {
        return { status: "already-seeded", users };
      }
    }
    throw error;
  }
}
