import type { FallThroughReason, TimerStopCause } from "../../db/generated/client";
import type { BriefData } from "../data";
import { skillIdOf, type SeededAssistant } from "../people";
import { candidatesFor, HOUR_MS, later, laterByMinutes, MINUTE_MS, type HistoryContext } from "./context";
import { emptyRows, type HistoryRows } from "./rows";
import { routeTask, type Acceptance } from "./routing";

/** Maximum minutes of work a generated brief needs, so one brief never takes most of a plan. */
const MAX_WORK_MINUTES = 150;
/** Work longer than this is logged as two entries with a break between them. */
const SPLIT_ABOVE_MINUTES = 50;
const HANDOFF_AFTER_STOP_MS = 12 * MINUTE_MS;
const DELIVERY_AFTER_WORK_MS = 5 * MINUTE_MS;

export interface TaskInput {
  clientId: string;
  clientUserId: string;
  briefIndex: number;
  submittedAt: Date;
  /** Trial seconds left when the brief is sent, or null on a paid plan. */
  trialSecondsLeft: number | null;
  /** When the trial runs out during this task, the client chooses a plan after the handoff. */
  convertsWhenTrialRunsOut: boolean;
  /** The paid client's primary assistant, or null on the trial. */
  primary: SeededAssistant | null;
}

export interface TaskOutcome {
  rows: HistoryRows;
  /** The task's last event: its approval or cancellation. */
  endedAt: Date;
  /** Covered seconds by assistant id, for the conversion credit. */
  trialSecondsByAssistant: Map<string, number>;
  trialSecondsUsed: number;
  paidSecondsUsed: number;
  /** True when the trial ran out while the task was being worked on. */
  trialRanOut: boolean;
  /** The plan choice that let the task continue after the trial ran out. */
  convertedAt: Date | null;
  /** Time entries to mark busy in the calendar once the task is kept. */
  entries: Array<{ assistantId: string; start: Date; end: Date }>;
}

/** Splits the work into one entry, or two roughly equal entries when it is long. */
function workPieces(context: HistoryContext, brief: BriefData): number[] {
  const minutes = Math.min(MAX_WORK_MINUTES, Math.max(15, Math.round(brief.estimateMinutes * context.random.between(0.6, 1.1))));
  const seconds = minutes * 60 + context.random.int(0, 59);
  if (minutes <= SPLIT_ABOVE_MINUTES) {
    return [seconds];
  }
  const first = Math.round(seconds * context.random.between(0.4, 0.6));

  return [first, seconds - first];
}

/** Writes a task's rows from its brief to its approval or cancellation, or returns null when it would end after the cutoff. */
export function buildTask(context: HistoryContext, input: TaskInput): TaskOutcome | null {
  const { random, settings, ids } = context;
  const brief = context.data.briefs[input.briefIndex];
  if (!brief) {
    throw new Error(`History names brief ${input.briefIndex}, which does not exist.`);
  }
  const rows = emptyRows();
  const taskId = ids.id();
  const onTrial = input.trialSecondsLeft !== null;
  const candidates = candidatesFor(context, brief);
  const primaryEligible = input.primary !== null && candidates.some((assistant) => assistant.id === input.primary?.id) ? input.primary : null;
  let primaryFallThrough: FallThroughReason | null = null;
  if (input.primary && !primaryEligible) {
    primaryFallThrough = input.primary.data.available ? "primary_lacks_skill" : "primary_away";
  }
  const pool = random.sample(
    candidates.filter((assistant) => assistant.id !== primaryEligible?.id),
    candidates.length,
  );
  const showcase = pool.findIndex((assistant) => assistant.data.email === context.config.showcaseAssistant.email);
  if (showcase > 0 && random.chance(context.config.showcaseAssistant.leadsWaveShare)) {
    pool.unshift(...pool.splice(showcase, 1));
  }
  const pieces = workPieces(context, brief);

  const routing = routeTask(context, rows, {
    taskId,
    briefIndex: input.briefIndex,
    firstWaveAt: later(input.submittedAt, MINUTE_MS),
    clientOnTrial: onTrial,
    primary: primaryEligible,
    pool,
    firstEntrySeconds: pieces[0] ?? 0,
  });
  const task = {
    id: taskId,
    clientId: input.clientId,
    title: brief.title,
    description: brief.description,
    referenceLinks: [],
    dueAt: later(input.submittedAt, brief.dueInHours * HOUR_MS),
    preference: onTrial ? ("anyone" as const) : ("primary" as const),
    createdAt: input.submittedAt,
  };
  for (const slug of brief.skills) {
    rows.taskSkills.push({ taskId, skillId: skillIdOf(context.people.skillIds, slug) });
  }
  const outcome: TaskOutcome = { rows, endedAt: input.submittedAt, trialSecondsByAssistant: new Map(), trialSecondsUsed: 0, paidSecondsUsed: 0, trialRanOut: false, convertedAt: null, entries: [] };

  if (!routing.accepted) {
    // Nobody took the task, so it sat unrouted until the client cancelled it.
    const cancelledAt = laterByMinutes(context, routing.lastWaveEndedAt, 3 * 60, 2 * 24 * 60);
    rows.tasks.push({ ...task, status: "cancelled", fallThroughReason: primaryFallThrough, currentWave: routing.waves, updatedAt: cancelledAt, cancelledAt });
    outcome.endedAt = cancelledAt;

    return cancelledAt <= context.cutoff ? outcome : null;
  }

  const accepted = routing.accepted;
  const work = logWork(context, input, accepted, pieces, taskId, outcome);
  const assignmentId = work.assignmentId;
  const fallThroughReason = accepted.fallThroughReason ?? primaryFallThrough;
  const taskRow = { ...task, fallThroughReason, currentWave: accepted.waves, reallocationCount: accepted.lapses };
  const windowMs = settings.startWindowSeconds * 1000;
  const assignment = {
    id: assignmentId,
    taskId,
    assistantId: accepted.assistant.id,
    offerId: accepted.offerId,
    acceptedAt: accepted.acceptedAt,
    startBy: later(accepted.acceptedAt, windowMs),
    startReminderAt: later(accepted.acceptedAt, Math.round(windowMs * settings.startReminderFraction)),
    firstStartedAt: accepted.firstEntryAt,
  };

  if (work.cancelledAt) {
    rows.tasks.push({ ...taskRow, status: "cancelled", updatedAt: work.cancelledAt, cancelledAt: work.cancelledAt });
    rows.assignments.push({ ...assignment, endedAt: work.cancelledAt, endReason: "cancelled" });
    outcome.endedAt = work.cancelledAt;
  } else {
    const approvedAt = deliverAndReview(context, input, { taskId, assignmentId, assistant: accepted.assistant }, work.lastEntryEnd, outcome);
    rows.tasks.push({ ...taskRow, status: "completed", updatedAt: approvedAt, completedAt: approvedAt });
    rows.assignments.push({ ...assignment, endedAt: approvedAt, endReason: "completed" });
    outcome.endedAt = approvedAt;
  }

  return outcome.endedAt <= context.cutoff ? outcome : null;
}

interface LoggedWork {
  assignmentId: string;
  lastEntryEnd: Date;
  /** Set when the trial ran out and the client let the task go instead of choosing a plan. */
  cancelledAt: Date | null;
}

/** Appends one finished entry and counts it toward the trial or the plan. */
function addEntry(context: HistoryContext, input: TaskInput, outcome: TaskOutcome, entry: { taskId: string; assignmentId: string; assistantId: string; start: Date; seconds: number; cause: TimerStopCause; covered: boolean }): Date {
  const end = later(entry.start, entry.seconds * 1000);
  outcome.rows.timeEntries.push({
    id: context.ids.id(),
    taskId: entry.taskId,
    assistantId: entry.assistantId,
    clientId: input.clientId,
    assignmentId: entry.assignmentId,
    startedAt: entry.start,
    endedAt: end,
    seconds: entry.seconds,
    source: "timer",
    stopCause: entry.cause,
    coveredByPlatform: entry.covered,
    createdAt: entry.start,
  });
  outcome.entries.push({ assistantId: entry.assistantId, start: entry.start, end });
  if (entry.covered) {
    outcome.trialSecondsUsed += entry.seconds;
    outcome.trialSecondsByAssistant.set(entry.assistantId, (outcome.trialSecondsByAssistant.get(entry.assistantId) ?? 0) + entry.seconds);
  } else {
    outcome.paidSecondsUsed += entry.seconds;
  }

  return end;
}

/**
 * Logs the work piece by piece. On the trial, the piece that uses up the
 * trial stops at that instant and the assistant sends a handoff. The client
 * then either chooses a plan, after which the same assistant finishes the
 * work on paid time, or cancels the task a few days later.
 */
function logWork(context: HistoryContext, input: TaskInput, accepted: Acceptance, pieces: number[], taskId: string, outcome: TaskOutcome): LoggedWork {
  const { random, calendar, config } = context;
  const assignmentId = context.ids.id();
  const assistantId = accepted.assistant.id;
  const onTrial = input.trialSecondsLeft !== null;
  let trialLeft = input.trialSecondsLeft ?? Number.POSITIVE_INFINITY;
  let start = accepted.firstEntryAt;
  let lastEnd = start;

  for (const [index, seconds] of pieces.entries()) {
    if (index > 0) {
      start = calendar.nextFree(assistantId, laterByMinutes(context, lastEnd, 30, 120), seconds);
    }
    const logged = Math.min(seconds, trialLeft);
    const runsOut = onTrial && logged < seconds;
    lastEnd = addEntry(context, input, outcome, { taskId, assignmentId, assistantId, start, seconds: logged, cause: runsOut ? "balance_exhausted" : "assistant", covered: onTrial });
    trialLeft -= logged;
    if (!runsOut) {
      continue;
    }

    // The trial ran out in this piece: the rest of the work waits on the client.
    outcome.trialRanOut = true;
    const remaining = seconds - logged + pieces.slice(index + 1).reduce((sum, rest) => sum + rest, 0);
    const handoffAt = later(lastEnd, HANDOFF_AFTER_STOP_MS);
    const convertedAt = input.convertsWhenTrialRunsOut ? laterByMinutes(context, handoffAt, 2 * 60, 48 * 60) : null;
    outcome.rows.handoffs.push({
      id: context.ids.id(),
      taskId,
      assistantId,
      achieved: random.pick(config.handoffNotes),
      extraMinutesNeeded: Math.ceil(remaining / 60),
      createdAt: handoffAt,
      resolvedAt: convertedAt,
    });
    if (!convertedAt) {
      return { assignmentId, lastEntryEnd: lastEnd, cancelledAt: laterByMinutes(context, handoffAt, 24 * 60, 4 * 24 * 60) };
    }

    outcome.convertedAt = convertedAt;
    const resumeAt = calendar.nextFree(assistantId, laterByMinutes(context, convertedAt, 20, 5 * 60), remaining);
    lastEnd = addEntry(context, input, outcome, { taskId, assignmentId, assistantId, start: resumeAt, seconds: remaining, cause: "assistant", covered: false });

    return { assignmentId, lastEntryEnd: lastEnd, cancelledAt: null };
  }

  return { assignmentId, lastEntryEnd: lastEnd, cancelledAt: null };
}

/** Writes the delivery, an optional request for changes with the extra work and second delivery, and the approval. Returns the approval instant. */
function deliverAndReview(
  context: HistoryContext,
  input: TaskInput,
  work: { taskId: string; assignmentId: string; assistant: SeededAssistant },
  workEnd: Date,
  outcome: TaskOutcome,
): Date {
  const { random, config, calendar } = context;
  const { taskId, assignmentId, assistant } = work;
  const rows = outcome.rows;
  const lastEntry = rows.timeEntries.at(-1);
  const addDelivery = (at: Date) => {
    const id = context.ids.id();
    rows.deliveries.push({ id, taskId, assistantId: assistant.id, note: random.pick(config.deliveryNotes), links: [`https://example.com/deliveries/${taskId}`], timeLogConfirmed: true, createdAt: at });

    return id;
  };

  let deliveredAt = later(workEnd, DELIVERY_AFTER_WORK_MS);
  let deliveryId = addDelivery(deliveredAt);
  if (lastEntry) {
    lastEntry.stopCause = "submitted";
  }

  const extraSeconds = random.int(10, 25) * 60;
  const onTrial = input.trialSecondsLeft !== null && outcome.convertedAt === null;
  const trialLeft = (input.trialSecondsLeft ?? 0) - outcome.trialSecondsUsed;
  if (random.chance(config.rates.changesRequested) && (!onTrial || trialLeft >= extraSeconds)) {
    const reviewedAt = laterByMinutes(context, deliveredAt, 2 * 60, 20 * 60);
    rows.reviews.push({ id: context.ids.id(), taskId, deliveryId, reviewerId: input.clientUserId, decision: "changes_requested", comment: random.pick(config.changeRequestNotes), createdAt: reviewedAt });
    const start = calendar.nextFree(assistant.id, laterByMinutes(context, reviewedAt, 30, 4 * 60), extraSeconds);
    const end = addEntry(context, input, outcome, { taskId, assignmentId, assistantId: assistant.id, start, seconds: extraSeconds, cause: "submitted", covered: onTrial });
    deliveredAt = later(end, DELIVERY_AFTER_WORK_MS);
    deliveryId = addDelivery(deliveredAt);
  }

  const approvedAt = laterByMinutes(context, deliveredAt, 60, 36 * 60);
  const rating = random.chance(config.rates.unrated) ? null : Number(random.weighted(config.ratingWeights));
  const comments = rating === null ? undefined : config.reviewComments[String(rating) as keyof typeof config.reviewComments];
  rows.reviews.push({
    id: context.ids.id(),
    taskId,
    deliveryId,
    reviewerId: input.clientUserId,
    decision: "approved",
    rating,
    comment: comments && random.chance(0.6) ? random.pick(comments) : null,
    createdAt: approvedAt,
  });

  return approvedAt;
}
