import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { getBalance } from "../budget/balance";
import { AppError } from "../errors";
import { getSettings } from "../settings";
import { lockClients, refreshClientProjection, refreshTaskProjection } from "./projection";
import { formatForReader } from "../time/zoned";

type Tx = Prisma.TransactionClient;

export interface EntrySpan {
  startedAt: Date;
  endedAt: Date;
}

/** Author of a correction: the assistant on the task, or an admin, who may also change approved work. */
export type Corrector = { kind: "assistant"; userId: string; assistantId: string } | { kind: "admin"; userId: string };

/**
 * Checks a finished entry's span against every rule, for every path that
 * writes entries: it ends after it starts, not in the future, lasts at most
 * the longest allowed entry, and overlaps none of the assistant's other
 * entries (a running one counts up to now). `entryId` is the entry being
 * edited, which never clashes with itself.
 */
export async function validateEntrySpan(tx: Tx, input: { assistantId: string; entryId?: string; span: EntrySpan; now: Date; maxEntrySeconds: number }): Promise<void> {
  const { span, now } = input;
  if (span.endedAt <= span.startedAt) {
    throw AppError.invalid("endedAt", "End must be after the start.");
  }
  if (span.endedAt > now) {
    throw AppError.invalid("endedAt", "End must not be in the future.");
  }
  if (span.endedAt.getTime() - span.startedAt.getTime() > input.maxEntrySeconds * 1000) {
    throw AppError.invalid("endedAt", `An entry may last at most ${input.maxEntrySeconds / 3600} hours.`);
  }

  const clashes = await tx.$queryRaw<Array<{ id: string; started_at: Date; ended_at: Date | null }>>`
    SELECT id, started_at, ended_at FROM time_entries
    WHERE assistant_id = ${input.assistantId}
      AND id <> ${input.entryId ?? ""}
      AND started_at < ${span.endedAt}
      AND COALESCE(ended_at, ${now}) > ${span.startedAt}
    LIMIT 1`;
  const clash = clashes[0];
  if (clash) {
    const { timeZone } = await tx.assistantProfile.findUniqueOrThrow({ where: { id: input.assistantId }, select: { timeZone: true } });
    const until = clash.ended_at ? formatForReader(clash.ended_at, timeZone) : "now (running)";
    throw AppError.invalid("startedAt", `This overlaps another entry of yours, from ${formatForReader(clash.started_at, timeZone)} to ${until}.`);
  }
}

async function loadEntryForCorrection(tx: Tx, entryId: string, corrector: Corrector) {
  const entry = await tx.timeEntry.findFirst({
    where: { id: entryId, ...(corrector.kind === "assistant" ? { assistantId: corrector.assistantId } : {}) },
    select: { id: true, startedAt: true, endedAt: true, assistantId: true, clientId: true, taskId: true, task: { select: { status: true } } },
  });
  if (!entry) {
    throw AppError.notFound("Time entry");
  }

  return entry;
}

function assertEditable(status: string, corrector: Corrector, reason: string) {
  if (reason.trim().length < 3) {
    throw AppError.invalid("reason", "Give a reason of at least 3 characters.");
  }
  if ((status === "completed" || status === "cancelled") && corrector.kind !== "admin") {
    throw new AppError("PRECONDITION_FAILED", "This task is approved, so its time log is locked. Ask an admin to correct it.");
  }
}

/** Rejects a correction that would bill more than the client has left. */
async function assertWithinBalance(tx: Tx, clientId: string, now: Date): Promise<void> {
  const balance = await getBalance(tx, clientId, now);
  if (balance.cycle.allowanceSeconds + balance.topUpSeconds - balance.usedSeconds < 0) {
    throw AppError.invalid("endedAt", "This correction would bill more time than the client has left.");
  }
}

/**
 * Edits a finished entry. Fields not sent keep their stored value, and the
 * merged span is validated as a whole. The old and new values, the actor
 * and the reason are kept, and the client sees them.
 */
export async function editEntry(
  db: Db,
  input: { corrector: Corrector; entryId: string; startedAt?: Date; endedAt?: Date; reason: string; now: Date },
): Promise<void> {
  const settings = await getSettings(db);
  await db.$transaction(async (tx) => {
    const entry = await loadEntryForCorrection(tx, input.entryId, input.corrector);
    assertEditable(entry.task.status, input.corrector, input.reason);
    if (!entry.endedAt) {
      throw new AppError("PRECONDITION_FAILED", "Stop the timer before correcting this entry.");
    }
    await lockClients(tx, [entry.clientId]);
    const span = { startedAt: input.startedAt ?? entry.startedAt, endedAt: input.endedAt ?? entry.endedAt };
    await validateEntrySpan(tx, { assistantId: entry.assistantId, entryId: entry.id, span, now: input.now, maxEntrySeconds: settings.maxEntrySeconds });

    await tx.timeEntry.update({
      where: { id: entry.id },
      data: { ...span, seconds: Math.floor((span.endedAt.getTime() - span.startedAt.getTime()) / 1000), flagged: false },
    });
    await tx.timeEntryCorrection.create({
      data: {
        entryId: entry.id,
        actorId: input.corrector.userId,
        reason: input.reason.trim(),
        oldStartedAt: entry.startedAt,
        oldEndedAt: entry.endedAt,
        newStartedAt: span.startedAt,
        newEndedAt: span.endedAt,
        createdAt: input.now,
      },
    });
    await assertWithinBalance(tx, entry.clientId, input.now);
    await refreshClientProjection(tx, entry.clientId, input.now);
    await refreshTaskProjection(tx, entry.taskId, input.now);
    if (input.corrector.kind === "admin") {
      await tx.auditEvent.create({
        data: {
          actorId: input.corrector.userId,
          action: "time_entry.corrected",
          entityType: "time_entry",
          entityId: entry.id,
          before: { startedAt: entry.startedAt.toISOString(), endedAt: entry.endedAt.toISOString() },
          after: { startedAt: span.startedAt.toISOString(), endedAt: span.endedAt.toISOString() },
          reason: input.reason.trim(),
          createdAt: input.now,
        },
      });
    }
  });
}

/** Adds a missed entry to a task assigned to the assistant, validated like every other entry. */
export async function addMissedEntry(
  db: Db,
  input: { corrector: Extract<Corrector, { kind: "assistant" }>; taskId: string; startedAt: Date; endedAt: Date; reason: string; now: Date },
): Promise<{ entryId: string }> {
  const settings = await getSettings(db);

  return db.$transaction(async (tx) => {
    const assignment = await tx.assignment.findFirst({
      where: { taskId: input.taskId, assistantId: input.corrector.assistantId, endedAt: null },
      select: { id: true, task: { select: { status: true, clientId: true } } },
    });
    if (!assignment) {
      throw new AppError("NOT_FOUND", "This task is not assigned to you.");
    }
    assertEditable(assignment.task.status, input.corrector, input.reason);
    await lockClients(tx, [assignment.task.clientId]);
    const span = { startedAt: input.startedAt, endedAt: input.endedAt };
    await validateEntrySpan(tx, { assistantId: input.corrector.assistantId, span, now: input.now, maxEntrySeconds: settings.maxEntrySeconds });

    const balance = await getBalance(tx, assignment.task.clientId, input.now);
    const entry = await tx.timeEntry.create({
      data: {
        taskId: input.taskId,
        assistantId: input.corrector.assistantId,
        clientId: assignment.task.clientId,
        assignmentId: assignment.id,
        ...span,
        seconds: Math.floor((span.endedAt.getTime() - span.startedAt.getTime()) / 1000),
        source: "manual",
        coveredByPlatform: balance.cycle.kind === "trial",
      },
      select: { id: true },
    });
    await tx.timeEntryCorrection.create({
      data: { entryId: entry.id, actorId: input.corrector.userId, reason: input.reason.trim(), newStartedAt: span.startedAt, newEndedAt: span.endedAt, createdAt: input.now },
    });
    await assertWithinBalance(tx, assignment.task.clientId, input.now);
    await refreshClientProjection(tx, assignment.task.clientId, input.now);
    await refreshTaskProjection(tx, input.taskId, input.now);

    return { entryId: entry.id };
  });
}
