import type { Prisma } from "../db/generated/client";

type Tx = Prisma.TransactionClient;

/**
 * Records a trial client's conversion once, credits it to the assistants
 * who logged trial time for the client in proportion to their share of the
 * trial seconds, and makes the largest share the primary assistant unless
 * the client chose one. Returns false when the client had already converted.
 */
export async function recordConversion(tx: Tx, input: { clientId: string; planCode: string; now: Date; primaryAssistantId: string | null }): Promise<boolean> {
  const client = await tx.clientAccount.findUniqueOrThrow({ where: { id: input.clientId }, select: { trialStartedAt: true, primaryAssistantId: true } });
  const shares = await tx.timeEntry.groupBy({
    by: ["assistantId"],
    where: { clientId: input.clientId, coveredByPlatform: true, endedAt: { not: null } },
    _sum: { seconds: true },
  });
  const totalSeconds = shares.reduce((sum, row) => sum + (row._sum.seconds ?? 0), 0);

  const created = await tx.conversion.createMany({
    data: [{ clientId: input.clientId, planCode: input.planCode, convertedAt: input.now, trialStartedAt: client.trialStartedAt, trialSecondsUsed: totalSeconds }],
    skipDuplicates: true,
  });
  if (created.count === 0) {
    return false;
  }
  const conversion = await tx.conversion.findUniqueOrThrow({ where: { clientId: input.clientId }, select: { id: true } });
  const credited = shares.filter((row) => (row._sum.seconds ?? 0) > 0);
  if (totalSeconds > 0) {
    await tx.conversionCredit.createMany({
      data: credited.map((row) => ({ conversionId: conversion.id, assistantId: row.assistantId, trialSeconds: row._sum.seconds ?? 0, share: (row._sum.seconds ?? 0) / totalSeconds })),
    });
  }

  const largest = [...credited].sort((a, b) => (b._sum.seconds ?? 0) - (a._sum.seconds ?? 0) || a.assistantId.localeCompare(b.assistantId))[0];
  const primary = input.primaryAssistantId ?? client.primaryAssistantId ?? largest?.assistantId ?? null;
  if (primary) {
    await tx.clientAccount.update({ where: { id: input.clientId }, data: { primaryAssistantId: primary } });
  }

  return true;
}
