import { z } from "zod";

import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Every tunable rule of the product, with its default. Durations are in
 * seconds. An admin's change is stored in the `settings` table under the
 * same key and replaces the default for new work.
 */
export const settingsSchema = z.object({
  trialAllowanceSeconds: z.int().min(0).default(60 * MINUTE),
  planSeconds: z
    .object({
      starter: z.int().positive(),
      standard: z.int().positive(),
      pro: z.int().positive(),
      team: z.int().positive(),
    })
    .default({ starter: 5 * HOUR, standard: 10 * HOUR, pro: 20 * HOUR, team: 40 * HOUR }),
  topUpSeconds: z.array(z.int().positive()).min(1).default([1 * HOUR, 3 * HOUR]),
  /**
   * The platform's bar for trial conversion: one conversion in this many
   * trial clients. An assistant who served fewer trial clients than this
   * gets no conversion rate yet.
   */
  conversionBarTrialClients: z.int().min(1).max(100).default(3),
  offerWaveSize: z.int().min(1).max(20).default(3),
  offerLifetimeSeconds: z.int().min(MINUTE).default(15 * MINUTE),
  startWindowSeconds: z.int().min(MINUTE).default(15 * MINUTE),
  /** Fraction of the start window after which the reminder goes out. */
  startReminderFraction: z.number().gt(0).lt(1).default(0.5),
  lapsesToBlock: z.int().min(1).default(2),
  lapseWindowSeconds: z.int().min(DAY).default(30 * DAY),
  blockSeconds: z.int().min(HOUR).default(7 * DAY),
  maxReallocations: z.int().min(0).default(3),
  assistantCapacity: z.int().min(1).default(3),
  /** Fraction of the allowance used at which the first warning goes out. */
  timeWarningUsedFraction: z.number().gt(0).lt(1).default(0.8),
  timeWarningRemainingSeconds: z.int().min(0).default(10 * MINUTE),
  maxRunningTimerSeconds: z.int().min(HOUR).max(12 * HOUR).default(8 * HOUR),
  // The database also rejects entries over 12 hours, so this can only be lowered.
  maxEntrySeconds: z.int().min(HOUR).max(12 * HOUR).default(12 * HOUR),
  autoApproveSeconds: z.int().min(HOUR).default(7 * DAY),
  /** How long before auto-approval each review reminder goes out, in seconds. */
  reviewReminderSecondsBefore: z.array(z.int().positive()).max(5).default([2 * DAY, 1 * DAY]),
  unreadMessageEmailSeconds: z.int().min(0).default(10 * MINUTE),
  /** Relative weight of each ranking factor; a factor with weight 0 is ignored. */
  routingWeights: z
    .object({
      skillFit: z.number().min(0),
      declineHistory: z.number().min(0),
      reliability: z.number().min(0),
      load: z.number().min(0),
      fairness: z.number().min(0),
      timeZoneOverlap: z.number().min(0),
      trialConversion: z.number().min(0),
    })
    .default({ skillFit: 1, declineHistory: 1.5, reliability: 2, load: 1, fairness: 1, timeZoneOverlap: 1, trialConversion: 1.5 }),
  /** How far back acceptances, declines and lapses count toward ranking. */
  routingHistorySeconds: z.int().min(DAY).default(90 * DAY),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const defaultSettings: Settings = settingsSchema.parse({});

/** Reads the settings in force: the defaults with every stored override applied. */
export async function getSettings(db: Db | Prisma.TransactionClient): Promise<Settings> {
  const rows = await db.setting.findMany({ select: { key: true, value: true } });
  const overrides = Object.fromEntries(rows.map((row) => [row.key, row.value]));

  return settingsSchema.parse({ ...overrides });
}
