import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError, isUniqueViolation } from "../errors";
import { resumeIfTimeAvailable } from "../handoffs/handoff";
import { getSettings, type Settings } from "../settings";
import { lockClients, refreshClientProjection } from "../timer/projection";
import { builtInProvider, type BillingProvider } from "./provider";
import { recordConversion } from "./conversion";

type Tx = Prisma.TransactionClient;

export const PLAN_CODES = ["starter", "standard", "pro", "team"] as const;
export type PlanCode = (typeof PLAN_CODES)[number];

export interface PurchaseResult {
  purchaseId: string;
  kind: "plan" | "top_up";
  planCode: string | null;
  seconds: number;
  createdAt: Date;
  /** True when this request converted a trial client. */
  converted: boolean;
  /** True when the key was already used, and this is the earlier result. */
  replayed: boolean;
}

interface PurchaseRequest {
  clientId: string;
  idempotencyKey: string;
  now: Date;
  provider?: BillingProvider;
}

/** Makes sure the plan rows match the plan hours in the settings. */
export async function syncPlans(tx: Tx, settings: Settings): Promise<void> {
  const names: Record<PlanCode, string> = { starter: "Starter", standard: "Standard", pro: "Pro", team: "Team" };
  for (const [index, code] of PLAN_CODES.entries()) {
    await tx.plan.upsert({
      where: { code },
      create: { code, name: names[code], secondsPerCycle: settings.planSeconds[code], sortOrder: index + 1 },
      update: { secondsPerCycle: settings.planSeconds[code] },
    });
  }
}

async function findByKey(db: Db | Tx, clientId: string, idempotencyKey: string): Promise<PurchaseResult | null> {
  const existing = await db.purchase.findUnique({
    where: { idempotencyKey },
    select: { id: true, clientId: true, kind: true, planCode: true, seconds: true, createdAt: true },
  });
  if (!existing) {
    return null;
  }
  if (existing.clientId !== clientId) {
    throw AppError.conflict("This purchase key was already used. Reload the page and try again.");
  }
  const conversion = await db.conversion.findUnique({ where: { clientId }, select: { planCode: true, convertedAt: true } });

  return { purchaseId: existing.id, kind: existing.kind, planCode: existing.planCode, seconds: existing.seconds, createdAt: existing.createdAt, converted: conversion?.convertedAt.getTime() === existing.createdAt.getTime(), replayed: true };
}

/** Gives every out-of-time task of the client back to its assistant when the new time allows. */
async function resumeClientTasks(tx: Tx, clientId: string, now: Date): Promise<void> {
  const tasks = await tx.task.findMany({ where: { clientId, status: "out_of_time" }, select: { id: true } });
  for (const task of tasks) {
    await resumeIfTimeAvailable(tx, task.id, now);
  }
}

async function runPurchase(db: Db, request: PurchaseRequest, apply: (tx: Tx) => Promise<Omit<PurchaseResult, "replayed">>): Promise<PurchaseResult> {
  const earlier = await findByKey(db, request.clientId, request.idempotencyKey);
  if (earlier) {
    return earlier;
  }
  try {
    const result = await db.$transaction(async (tx) => {
      await lockClients(tx, [request.clientId]);
      const raced = await findByKey(tx, request.clientId, request.idempotencyKey);
      if (raced) {
        return raced;
      }

      return { ...(await apply(tx)), replayed: false };
    });

    return result;
  } catch (error) {
    if (isUniqueViolation(error)) {
      const winner = await findByKey(db, request.clientId, request.idempotencyKey);
      if (winner) {
        return winner;
      }
    }
    throw error;
  }
}

/**
 * Subscribes the client to a plan, or changes their plan. A trial client's
 * first plan is their conversion. A request older than the subscription in
 * force (`requestedAt` before its start) is recorded but does not replace
 * it, so a purchase applied out of order never moves a client backwards.
 */
export async function purchasePlan(
  db: Db,
  request: PurchaseRequest & { planCode: string; requestedAt?: Date; primaryAssistantId?: string | null },
): Promise<PurchaseResult> {
  if (!PLAN_CODES.includes(request.planCode as PlanCode)) {
    throw AppError.invalid("planCode", `Plan must be one of ${PLAN_CODES.join(", ")}.`);
  }
  const settings = await getSettings(db);
  const provider = request.provider ?? builtInProvider;
  const seconds = settings.planSeconds[request.planCode as PlanCode];
  const { now } = request;

  return runPurchase(db, request, async (tx) => {
    await syncPlans(tx, settings);
    const current = await tx.subscription.findFirst({
      where: { clientId: request.clientId, endedAt: null },
      orderBy: { startedAt: "desc" },
      select: { id: true, planCode: true, startedAt: true },
    });
    const { providerRef } = await provider.charge({ clientId: request.clientId, kind: "plan", planCode: request.planCode, seconds, idempotencyKey: request.idempotencyKey });
    const purchase = await tx.purchase.create({
      data: { clientId: request.clientId, kind: "plan", planCode: request.planCode, seconds, idempotencyKey: request.idempotencyKey, provider: provider.name, providerRef, createdAt: now },
      select: { id: true },
    });

    const requestedAt = request.requestedAt ?? now;
    const stale = current !== null && requestedAt < current.startedAt;
    if (!stale && current?.planCode !== request.planCode) {
      if (current) {
        await tx.subscription.update({ where: { id: current.id }, data: { endedAt: now } });
      }
      await tx.subscription.create({ data: { clientId: request.clientId, planCode: request.planCode, secondsPerCycle: seconds, startedAt: now, purchaseId: purchase.id } });
    }

    let converted = false;
    if (!current && !stale) {
      converted = await recordConversion(tx, { clientId: request.clientId, planCode: request.planCode, now, primaryAssistantId: request.primaryAssistantId ?? null });
    }
    await refreshClientProjection(tx, request.clientId, now);
    await resumeClientTasks(tx, request.clientId, now);
    await tx.auditEvent.create({
      data: { action: converted ? "client.converted" : "client.plan_changed", entityType: "client", entityId: request.clientId, before: { planCode: current?.planCode ?? "trial" }, after: { planCode: request.planCode, stale }, createdAt: now },
    });

    return { purchaseId: purchase.id, kind: "plan", planCode: request.planCode, seconds, createdAt: now, converted };
  });
}

/** Buys a one-off top-up for the current cycle; the sizes on offer are a setting. */
export async function buyTopUp(db: Db, request: PurchaseRequest & { seconds: number }): Promise<PurchaseResult> {
  const settings = await getSettings(db);
  if (!settings.topUpSeconds.includes(request.seconds)) {
    const sizes = settings.topUpSeconds.map((seconds) => `${seconds / 3600} h`).join(" or ");
    throw AppError.invalid("seconds", `A top-up is ${sizes}.`);
  }
  const provider = request.provider ?? builtInProvider;

  return runPurchase(db, request, async (tx) => {
    const { providerRef } = await provider.charge({ clientId: request.clientId, kind: "top_up", planCode: null, seconds: request.seconds, idempotencyKey: request.idempotencyKey });
    const purchase = await tx.purchase.create({
      data: { clientId: request.clientId, kind: "top_up", seconds: request.seconds, idempotencyKey: request.idempotencyKey, provider: provider.name, providerRef, createdAt: request.now },
      select: { id: true },
    });
    await tx.topUp.create({ data: { clientId: request.clientId, seconds: request.seconds, purchasedAt: request.now, purchaseId: purchase.id } });
    await refreshClientProjection(tx, request.clientId, request.now);
    await resumeClientTasks(tx, request.clientId, request.now);

    return { purchaseId: purchase.id, kind: "top_up", planCode: null, seconds: request.seconds, createdAt: request.now, converted: false };
  });
}
