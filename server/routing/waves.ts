import type { Prisma } from "../db/generated/client";
import type { FallThroughReason } from "../db/generated/enums";
import { env } from "../env.js";
import { notify } from "../notifications/notify";
import { announceOffer } from "../offers/announce-offer";
import type { Settings } from "../settings";
import type { Audience } from "./eligibility";
import { findTopCandidates } from "./top-candidates";

type Tx = Prisma.TransactionClient;

export type WaveOutcome =
  | { kind: "offered"; wave: number; audience: Audience; assistantIds: string[]; expiresAt: Date }
  | { kind: "unrouted" }
  | { kind: "waiting"; reason: "offers-pending" | "not-routing" };

interface RoutingTask {
  id: string;
  title: string;
  status: string;
  preference: "primary" | "team" | "new" | "anyone";
  fallThroughReason: FallThroughReason | null;
  currentWave: number;
  dueAt: Date | null;
  clientId: string;
  clientUserId: string;
  companyName: string;
  onTrial: boolean;
  primaryAssistantId: string | null;
  skills: Array<{ id: string; name: string }>;
}

/** The audiences a preference tries, in order; each is used until no eligible assistant in it is left. */
const STAGES: Record<RoutingTask["preference"], Audience[]> = {
  primary: ["primary", "team", "pool"],
  team: ["team", "pool"],
  new: ["pool"],
  anyone: ["pool"],
};

async function loadRoutingTask(tx: Tx, taskId: string): Promise<RoutingTask | null> {
  // Locks the task row, so two routers for one task run one after the other.
  await tx.$queryRaw`SELECT id FROM tasks WHERE id = ${taskId} FOR UPDATE`;
  const task = await tx.task.findUnique({
    where: { id: taskId },
    select: {
      id: true,
      title: true,
      status: true,
      preference: true,
      fallThroughReason: true,
      currentWave: true,
      dueAt: true,
      clientId: true,
      client: { select: { userId: true, companyName: true, primaryAssistantId: true, subscriptions: { select: { id: true }, take: 1 } } },
      skills: { select: { skill: { select: { id: true, name: true } } } },
    },
  });
  if (!task) {
    return null;
  }

  return {
    ...task,
    clientUserId: task.client.userId,
    companyName: task.client.companyName,
    onTrial: task.client.subscriptions.length === 0,
    primaryAssistantId: task.client.primaryAssistantId,
    skills: task.skills.map((row) => row.skill),
  };
}

/**
 * Explains why a task with the "primary" preference is going past the
 * primary assistant, from what the database holds now.
 */
async function diagnosePrimary(tx: Tx, task: RoutingTask, now: Date): Promise<FallThroughReason | null> {
  if (!task.primaryAssistantId) {
    return null;
  }
  const offer = await tx.offer.findUnique({
    where: { taskId_assistantId: { taskId: task.id, assistantId: task.primaryAssistantId } },
    select: { status: true },
  });
  if (offer?.status === "declined") {
    return "primary_declined";
  }
  if (offer?.status === "expired") {
    return "primary_expired";
  }

  const primary = await tx.assistantProfile.findUnique({
    where: { id: task.primaryAssistantId },
    select: {
      available: true,
      awayUntil: true,
      capacity: true,
      user: { select: { active: true } },
      skills: { select: { skillId: true } },
      blocks: { where: { liftedAt: null, startedAt: { lte: now }, endsAt: { gt: now } }, select: { id: true }, take: 1 },
      _count: { select: { assignments: { where: { endedAt: null, task: { status: { in: ["assigned", "in_progress", "out_of_time"] } } } } } },
    },
  });
  if (!primary || !primary.user.active || !primary.available || (primary.awayUntil && primary.awayUntil > now)) {
    return "primary_away";
  }
  if (primary.blocks.length > 0) {
    return "primary_blocked";
  }
  const skills = new Set(primary.skills.map((row) => row.skillId));
  if (task.skills.some((skill) => !skills.has(skill.id))) {
    return "primary_lacks_skill";
  }
  if (primary._count.assignments >= primary.capacity) {
    return "primary_at_capacity";
  }

  return null;
}

function initialReason(task: RoutingTask): FallThroughReason | null {
  if (task.preference === "team") {
    return "asked_for_team";
  }
  if (task.preference === "new") {
    return "asked_for_new";
  }

  return null;
}

type RankedCandidate = Awaited<ReturnType<typeof findTopCandidates>>[number];

/** The next wave of a task as chosen, before anything is written. */
export type WaveChoice =
  | { kind: "waiting"; reason: "offers-pending" | "not-routing" }
  | { kind: "unrouted"; task: RoutingTask; fallThroughReason: FallThroughReason | null }
  | { kind: "chosen"; task: RoutingTask; audience: Audience; ranked: RankedCandidate[]; fallThroughReason: FallThroughReason | null };

/**
 * Chooses the task's next wave: the first audience of its preference with
 * an eligible assistant, and the best-ranked assistants in it. Writes
 * nothing. Call inside a transaction; it locks the task row first.
 */
export async function chooseWave(tx: Tx, taskId: string, now: Date, settings: Settings): Promise<WaveChoice> {
  const task = await loadRoutingTask(tx, taskId);
  if (!task || task.status !== "routing") {
    return { kind: "waiting", reason: "not-routing" };
  }
  const pending = await tx.offer.count({ where: { taskId, status: "pending" } });
  if (pending > 0) {
    return { kind: "waiting", reason: "offers-pending" };
  }

  let fallThroughReason = task.fallThroughReason ?? initialReason(task);
  const historySince = new Date(now.getTime() - settings.routingHistorySeconds * 1000);
  const context = {
    requiredSkillCount: task.skills.length,
    dueAt: task.dueAt,
    clientOnTrial: task.onTrial,
    now,
    weights: settings.routingWeights,
  };
  for (const audience of STAGES[task.preference]) {
    if (audience === "primary" && task.onTrial) {
      continue;
    }
    const query = { taskId, clientId: task.clientId, audience, onlyNewToClient: task.preference === "new", now, historySince };
    const waveSize = audience === "primary" ? 1 : settings.offerWaveSize;
    const ranked = await findTopCandidates(tx, query, context, waveSize);
    if (ranked.length > 0) {
      return { kind: "chosen", task, audience, ranked, fallThroughReason };
    }
    if (audience === "primary" && !fallThroughReason) {
      fallThroughReason = await diagnosePrimary(tx, task, now);
    }
  }

  return { kind: "unrouted", task, fallThroughReason };
}

/**
 * Sends the task's next wave of offers, or marks it unrouted when no assistant is
 * left. Does nothing while offers of the current wave are still pending or
 * when the task is not looking for an assistant. Call inside a transaction;
 * it locks the task row first.
 */
export async function sendNextWave(tx: Tx, taskId: string, now: Date, settings: Settings): Promise<WaveOutcome> {
  const choice = await chooseWave(tx, taskId, now, settings);
  if (choice.kind === "waiting") {
    return choice;
  }
  const { task, fallThroughReason } = choice;
  if (choice.kind === "unrouted") {
    await tx.task.update({ where: { id: taskId }, data: { status: "unrouted", fallThroughReason } });
    await announceUnrouted(tx, task, now);

    return { kind: "unrouted" };
  }

  const { audience, ranked } = choice;
  const wave = task.currentWave + 1;
  const expiresAt = new Date(now.getTime() + settings.offerLifetimeSeconds * 1000);

  await tx.offer.createMany({
    data: ranked.map((candidate) => ({
      taskId,
      assistantId: candidate.assistantId,
      wave,
      clientOnTrial: task.onTrial,
      score: candidate.breakdown.total,
      scoreBreakdown: { ...candidate.breakdown, audience },
      createdAt: now,
      expiresAt,
    })),
  });
  await tx.task.update({ where: { id: taskId }, data: { currentWave: wave, fallThroughReason } });
  await tx.assistantProfile.updateMany({ where: { id: { in: ranked.map((candidate) => candidate.assistantId) } }, data: { lastOfferedAt: now } });

  const offeredTask = { id: taskId, title: task.title, onTrial: task.onTrial, skillNames: task.skills.map((skill) => skill.name) };
  for (const candidate of ranked) {
    await announceOffer(tx, { task: offeredTask, recipient: candidate, expiresAt, now });
  }

  return { kind: "offered", wave, audience, assistantIds: ranked.map((candidate) => candidate.assistantId), expiresAt };
}

async function announceUnrouted(tx: Tx, task: RoutingTask, now: Date): Promise<void> {
  const admins = await tx.user.findMany({ where: { role: "admin", active: true }, select: { id: true, email: true, name: true } });
  for (const admin of admins) {
    await notify(tx, {
      eventKey: `unrouted-task:${task.id}:${task.currentWave}:${admin.id}`,
      userId: admin.id,
      kind: "unrouted_task",
      title: "A task needs an assistant",
      body: `No eligible assistant is left for “${task.title}”.`,
      link: `/admin/unrouted`,
      now,
      email: {
        to: admin.email,
        template: "unrouted-task",
        payload: {
          recipientName: admin.name,
          taskTitle: task.title,
          clientName: task.companyName,
          clientPlan: task.onTrial ? "trial" : "paid",
          reason: task.currentWave === 0 ? "no_candidates" : "candidates_exhausted",
          taskUrl: new URL(`/admin/tasks/${task.id}`, env.APP_URL).toString(),
        },
      },
    });
  }
  await notify(tx, {
    eventKey: `still-looking:${task.id}:${task.currentWave}`,
    userId: task.clientUserId,
    kind: "still_looking",
    title: "Still looking for an assistant",
    body: `No assistant is available for “${task.title}” yet. We keep looking and will tell you when someone accepts.`,
    link: `/client/tasks/${task.id}`,
    now,
  });
}
