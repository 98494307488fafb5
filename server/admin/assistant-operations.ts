import type { Db } from "../db/client";
import { AppError } from "../errors";
import { requireReason } from "./reason";
import { withdrawPendingOffers } from "../offers/withdraw-offers";
import { sendNextWave } from "../routing/waves";
import { getSettings } from "../settings";
import { lockClients, refreshClientProjection, refreshTaskProjection } from "../timer/projection";
import { closeEntry } from "../timer/timer";

/**
 * Deactivates an assistant: they receive no offers and cannot sign in (the
 * next request of an open session is refused), their running timer stops,
 * and their open tasks go back to routing without them.
 */
export async function deactivateAssistant(db: Db, input: { adminId: string; assistantId: string; reason: string; now: Date }): Promise<{ tasksRerouted: number }> {
  const reason = requireReason(input.reason);
  const settings = await getSettings(db);
  const { now } = input;

  return db.$transaction(async (tx) => {
    const assistant = await tx.assistantProfile.findUnique({ where: { id: input.assistantId }, select: { id: true, userId: true, user: { select: { active: true } } } });
    if (!assistant) {
      throw AppError.notFound("Assistant");
    }
    if (!assistant.user.active) {
      return { tasksRerouted: 0 };
    }
    await tx.user.update({ where: { id: assistant.userId }, data: { active: false } });
    await withdrawPendingOffers(tx, { assistantId: assistant.id, reason: "assistant_deactivated", now });

    const running = await tx.timeEntry.findFirst({ where: { assistantId: assistant.id, endedAt: null }, select: { id: true, clientId: true, taskId: true } });
    if (running) {
      await lockClients(tx, [running.clientId]);
      await closeEntry(tx, running.id, now, "task_reassigned");
      await refreshClientProjection(tx, running.clientId, now);
      await refreshTaskProjection(tx, running.taskId, now);
    }

    const open = await tx.assignment.findMany({ where: { assistantId: assistant.id, endedAt: null }, select: { id: true, taskId: true, task: { select: { status: true } } } });
    let tasksRerouted = 0;
    for (const assignment of open) {
      await tx.assignment.update({ where: { id: assignment.id }, data: { endedAt: now, endReason: "assistant_deactivated" } });
      if (assignment.task.status === "in_review") {
        continue;
      }
      await tx.task.update({ where: { id: assignment.taskId }, data: { status: "routing" } });
      await sendNextWave(tx, assignment.taskId, now, settings);
      tasksRerouted += 1;
    }
    await tx.auditEvent.create({
      data: { actorId: input.adminId, action: "assistant.deactivated", entityType: "assistant", entityId: assistant.id, before: { active: true }, after: { active: false, tasksRerouted }, reason, createdAt: now },
    });

    return { tasksRerouted };
  });
}

/** Lifts the assistant's active block early, with a reason. */
export async function liftBlock(db: Db, input: { adminId: string; assistantId: string; reason: string; now: Date }): Promise<void> {
  const reason = requireReason(input.reason);
  await db.$transaction(async (tx) => {
    const block = await tx.block.findFirst({ where: { assistantId: input.assistantId, liftedAt: null, endsAt: { gt: input.now } }, select: { id: true, endsAt: true } });
    if (!block) {
      throw new AppError("PRECONDITION_FAILED", "This assistant is not blocked.");
    }
    await tx.block.update({ where: { id: block.id }, data: { liftedAt: input.now, liftedById: input.adminId, liftReason: reason } });
    await tx.auditEvent.create({
      data: { actorId: input.adminId, action: "assistant.block_lifted", entityType: "assistant", entityId: input.assistantId, before: { blockedUntil: block.endsAt.toISOString() }, after: { blockedUntil: null }, reason, createdAt: input.now },
    });
  });
}

/** Replaces the assistant's skills with the given skill slugs. */
export async function setAssistantSkills(db: Db, input: { adminId: string; assistantId: string; skillSlugs: string[]; now: Date }): Promise<void> {
  const slugs = [...new Set(input.skillSlugs)];
  await db.$transaction(async (tx) => {
    const assistant = await tx.assistantProfile.findUnique({ where: { id: input.assistantId }, select: { id: true, skills: { select: { skill: { select: { slug: true } } } } } });
    if (!assistant) {
      throw AppError.notFound("Assistant");
    }
    const skills = await tx.skill.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
    const unknown = slugs.filter((slug) => !skills.some((skill) => skill.slug === slug));
    if (unknown.length > 0) {
      throw AppError.invalid("skills", `Unknown skill: ${unknown.join(", ")}.`);
    }
    await tx.assistantSkill.deleteMany({ where: { assistantId: assistant.id } });
    await tx.assistantSkill.createMany({ data: skills.map((skill) => ({ assistantId: assistant.id, skillId: skill.id })) });
    await tx.auditEvent.create({
      data: {
        actorId: input.adminId,
        action: "assistant.skills_changed",
        entityType: "assistant",
        entityId: assistant.id,
        before: { skills: assistant.skills.map((row) => row.skill.slug).sort() },
        after: { skills: [...slugs].sort() },
        createdAt: input.now,
      },
    });
  });
}
