import type { Db } from "../db/client";
import { getBalance } from "../budget/balance";
import { AppError, type FieldErrors } from "../errors";
import { sendNextWave, type WaveOutcome } from "../routing/waves";
import { getSettings } from "../settings";
import { briefInputSchema, type BriefInput, type ParsedBrief } from "./brief-input";

export interface SubmittedBrief {
  taskId: string;
  routing: WaveOutcome;
}

function invalid(fieldErrors: FieldErrors): AppError {
  return new AppError("INVALID_INPUT", Object.values(fieldErrors)[0] ?? "Check the brief.", { fieldErrors });
}

/** Parses a brief as typed, throwing INVALID_INPUT with a message per broken field. */
export function parseBrief(input: BriefInput): ParsedBrief {
  const parsed = briefInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      fieldErrors[issue.path.map(String).join(".") || "form"] ??= issue.message;
    }
    throw invalid(fieldErrors);
  }

  return parsed.data;
}

/** Validates a brief as typed, then creates its task like `createTaskFromBrief`. */
export async function submitBrief(db: Db, input: { clientId: string; brief: BriefInput; now: Date }): Promise<SubmittedBrief> {
  return createTaskFromBrief(db, { ...input, brief: parseBrief(input.brief) });
}

/**
 * Creates the task for a parsed brief and sends its first wave of offers in
 * one transaction, after the checks that need the clock and the database.
 * A client with no time left is refused with PRECONDITION_FAILED; a broken
 * field rule with INVALID_INPUT naming the field.
 */
export async function createTaskFromBrief(db: Db, input: { clientId: string; brief: ParsedBrief; now: Date }): Promise<SubmittedBrief> {
  const { clientId, now, brief } = input;
  const settings = await getSettings(db);

  const client = await db.clientAccount.findUniqueOrThrow({
    where: { id: clientId },
    select: { primaryAssistantId: true, subscriptions: { select: { id: true }, take: 1 }, _count: { select: { team: true } } },
  });
  const onTrial = client.subscriptions.length === 0;
  const skills = await db.skill.findMany({ where: { slug: { in: brief.skills } }, select: { id: true, slug: true } });

  const fieldErrors: FieldErrors = {};
  const unknown = brief.skills.filter((slug) => !skills.some((skill) => skill.slug === slug));
  if (unknown.length > 0) {
    fieldErrors.skills = `Unknown skill: ${unknown.join(", ")}. Pick skills from the list.`;
  }
  if (brief.dueAt && brief.dueAt <= now) {
    fieldErrors.dueAt = "Due date must be in the future.";
  }
  const largestPlanSeconds = Math.max(...Object.values(settings.planSeconds));
  if (brief.timeLimitMinutes && brief.timeLimitMinutes * 60 > largestPlanSeconds) {
    fieldErrors.timeLimitMinutes = `Time limit must be at most ${largestPlanSeconds / 60} minutes, the largest plan's monthly hours.`;
  }
  // Without a primary assistant, a paid client's default is "anyone", because "primary" would be rejected.
  const preference = brief.preference ?? (onTrial || !client.primaryAssistantId ? "anyone" : "primary");
  if (onTrial && preference !== "anyone") {
    fieldErrors.preference = "On a trial, any available assistant takes the task; choosing one comes with a paid plan.";
  }
  if (preference === "primary" && !onTrial && !client.primaryAssistantId) {
    fieldErrors.preference = "You have no primary assistant. Pick one on the My assistants page, or choose team, new or anyone.";
  }
  if (preference === "team" && !onTrial && client._count.team === 0) {
    fieldErrors.preference = "Your team is empty. Add assistants to it on the My assistants page, or choose primary, new or anyone.";
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw invalid(fieldErrors);
  }

  const balance = await getBalance(db, clientId, now);
  if (balance.remainingSeconds <= 0) {
    throw new AppError("PRECONDITION_FAILED", "You have no time left this cycle. Upgrade your plan or buy a top-up to send a new brief.");
  }

  return db.$transaction(async (tx) => {
    const task = await tx.task.create({
      data: {
        clientId,
        title: brief.title,
        description: brief.description,
        referenceLinks: brief.referenceLinks,
        dueAt: brief.dueAt ?? null,
        timeLimitSeconds: brief.timeLimitMinutes ? brief.timeLimitMinutes * 60 : null,
        preference,
        createdAt: now,
        skills: { create: skills.map((skill) => ({ skillId: skill.id })) },
      },
      select: { id: true },
    });
    const routing = await sendNextWave(tx, task.id, now, settings);

    return { taskId: task.id, routing };
  });
}
