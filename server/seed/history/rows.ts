import type { Prisma } from "../../db/generated/client";
import type { Tx } from "../people";

/** Rows of the generated history, one list per table, written with one bulk insert each. */
export interface HistoryRows {
  users: Prisma.UserCreateManyInput[];
  clients: Prisma.ClientAccountCreateManyInput[];
  subscriptions: Prisma.SubscriptionCreateManyInput[];
  tasks: Prisma.TaskCreateManyInput[];
  taskSkills: Prisma.TaskSkillCreateManyInput[];
  offers: Prisma.OfferCreateManyInput[];
  assignments: Prisma.AssignmentCreateManyInput[];
  lapses: Prisma.LapseCreateManyInput[];
  blocks: Prisma.BlockCreateManyInput[];
  timeEntries: Prisma.TimeEntryCreateManyInput[];
  handoffs: Prisma.HandoffCreateManyInput[];
  deliveries: Prisma.DeliveryCreateManyInput[];
  reviews: Prisma.ReviewCreateManyInput[];
  conversions: Prisma.ConversionCreateManyInput[];
  conversionCredits: Prisma.ConversionCreditCreateManyInput[];
}

export function emptyRows(): HistoryRows {
  return {
    users: [],
    clients: [],
    subscriptions: [],
    tasks: [],
    taskSkills: [],
    offers: [],
    assignments: [],
    lapses: [],
    blocks: [],
    timeEntries: [],
    handoffs: [],
    deliveries: [],
    reviews: [],
    conversions: [],
    conversionCredits: [],
  };
}

/** Moves every row of `source` to the end of the same list in `target`. */
export function appendRows(target: HistoryRows, source: HistoryRows): void {
  for (const key of Object.keys(target) as Array<keyof HistoryRows>) {
    (target[key] as unknown[]).push(...source[key]);
  }
}

/**
 * Inserts the rows in foreign-key order, one statement per table. Clients
 * go in before tasks, offers before the assignments that name them, and
 * deliveries before their reviews.
 */
export async function insertRows(tx: Tx, rows: HistoryRows): Promise<void> {
  await tx.user.createMany({ data: rows.users });
  await tx.clientAccount.createMany({ data: rows.clients });
  await tx.subscription.createMany({ data: rows.subscriptions });
  await tx.task.createMany({ data: rows.tasks });
  await tx.taskSkill.createMany({ data: rows.taskSkills });
  await tx.offer.createMany({ data: rows.offers });
  await tx.assignment.createMany({ data: rows.assignments });
  await tx.lapse.createMany({ data: rows.lapses });
  await tx.block.createMany({ data: rows.blocks });
  await tx.timeEntry.createMany({ data: rows.timeEntries });
  await tx.handoff.createMany({ data: rows.handoffs });
  await tx.delivery.createMany({ data: rows.deliveries });
  await tx.review.createMany({ data: rows.reviews });
  await tx.conversion.createMany({ data: rows.conversions });
  await tx.conversionCredit.createMany({ data: rows.conversionCredits });
}
