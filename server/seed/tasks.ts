import type { OfferEndReason, OfferStatus, TaskStatus, TimerStopCause } from "../db/generated/client";
import type { Settings } from "../settings";
import type { BriefData, SeedData } from "./data";
import { skillIdOf, type SeededAssistant, type SeededClient, type SeededPeople, type Tx } from "./people";
import { TASK_SCENARIOS, type OfferOutcome, type TaskScenario } from "./scenarios";
import { sampleScore } from "./score";
import { layoutTask, type TaskTimeline } from "./timeline";

const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

export interface TaskSeedCounts {
  tasks: number;
  byStatus: Partial<Record<TaskStatus, number>>;
  offers: number;
  pendingOffers: number;
  entries: number;
  runningTimers: number;
}

const OFFER_ROW: Record<OfferOutcome, { status: OfferStatus; endReason: OfferEndReason | null }> = {
  pending: { status: "pending", endReason: null },
  accepted: { status: "accepted", endReason: "accepted" },
  lapsed: { status: "accepted", endReason: "accepted" },
  declined: { status: "declined", endReason: "declined" },
  expired: { status: "expired", endReason: "expired" },
  withdrawn: { status: "withdrawn", endReason: "taken_by_another" },
};

const REVIEW_COMMENTS: Record<number, string> = {
  5: "Spot on, thank you.",
  4: "Good work. I adjusted a couple of details myself.",
  3: "Usable, but it needed more changes than I expected.",
};

/** Returns the assistant, after checking that they are available and have every skill of the brief. */
function eligibleAssistant(people: SeededPeople, name: string, brief: BriefData, briefIndex: number): SeededAssistant {
  const assistant = people.assistants.get(name);
  if (!assistant) {
    throw new Error(`Brief ${briefIndex}: unknown assistant "${name}".`);
  }
  const missing = brief.skills.filter((slug) => !assistant.data.skills.includes(slug));
  if (missing.length > 0 || !assistant.data.available) {
    throw new Error(`Brief ${briefIndex}: ${name} is not eligible (${assistant.data.available ? `lacks ${missing.join(", ")}` : "unavailable"}).`);
  }

  return assistant;
}

function lastEntryStopCause(scenario: TaskScenario): TimerStopCause {
  switch (scenario.status) {
    case "completed":
    case "in_review":
      return "submitted";
    case "out_of_time": {
      const logged = (scenario.entrySeconds ?? []).reduce((sum, seconds) => sum + seconds, 0);
      const limit = scenario.timeLimitMinutes === undefined ? null : scenario.timeLimitMinutes * 60;

      return limit !== null && logged >= limit ? "task_limit_reached" : "balance_exhausted";
    }
    default:
      return "assistant";
  }
}

/** Writes one brief as a task with its offers, assignments, time, handoff, delivery, review and messages. */
async function seedTask(
  tx: Tx,
  brief: BriefData,
  index: number,
  people: SeededPeople,
  settings: Settings,
  now: Date,
): Promise<{ timeline: TaskTimeline; status: TaskStatus }> {
  const scenario = TASK_SCENARIOS[index];
  if (!scenario) {
    throw new Error(`No scenario for brief ${index} ("${brief.title}"); add one to server/seed/scenarios.ts.`);
  }
  const client: SeededClient | undefined = people.clients.get(brief.client);
  if (!client) {
    throw new Error(`Brief ${index}: unknown client ${brief.client}.`);
  }
  const timeline = layoutTask(scenario, index, now, settings);
  const onTrialAt = (instant: Date) => client.convertedAt === null || instant < client.convertedAt;
  const clientOnTrial = onTrialAt(timeline.submittedAt);
  const preference = scenario.preference ?? brief.preference;
  if (clientOnTrial && preference !== "anyone") {
    throw new Error(`Brief ${index}: a brief sent during a trial must have preference "anyone", not "${preference}".`);
  }
  if (timeline.submittedAt < client.trialStartedAt) {
    throw new Error(`Brief ${index}: submitted before ${brief.client} signed up.`);
  }

  const task = await tx.task.create({
    data: {
      clientId: client.id,
      title: brief.title,
      description: brief.description,
      referenceLinks: [],
      dueAt: new Date(timeline.submittedAt.getTime() + brief.dueInHours * HOUR_MS),
      timeLimitSeconds: scenario.timeLimitMinutes === undefined ? null : scenario.timeLimitMinutes * 60,
      preference,
      status: scenario.status,
      fallThroughReason: scenario.fallThroughReason ?? null,
      currentWave: timeline.waves.length,
      reallocationCount: timeline.lapses.size,
      autoApproveAt: scenario.status === "in_review" && timeline.deliveredAt ? new Date(timeline.deliveredAt.getTime() + settings.autoApproveSeconds * 1000) : null,
      createdAt: timeline.submittedAt,
      updatedAt: timeline.lastEventAt,
      completedAt: timeline.reviewedAt,
      cancelledAt: timeline.cancelledAt,
      skills: { create: brief.skills.map((slug) => ({ skillId: skillIdOf(people.skillIds, slug) })) },
    },
    select: { id: true },
  });

  // Offers, and an assignment for each accepted offer.
  let worker: { assistant: SeededAssistant; offerId: string } | null = null;
  for (const [waveIndex, wave] of timeline.waves.entries()) {
    const audience = waveIndex === 0 && (scenario.fallThroughReason === "team_declined" || scenario.fallThroughReason === "asked_for_team") ? "team" : "pool";
    for (const [position, { plan, respondedAt }] of wave.offers.entries()) {
      const assistant = eligibleAssistant(people, plan.assistant, brief, index);
      const row = OFFER_ROW[plan.outcome];
      const offer = await tx.offer.create({
        data: {
          taskId: task.id,
          assistantId: assistant.id,
          wave: waveIndex + 1,
          status: row.status,
          endReason: row.endReason,
          declineReason: plan.declineReason ?? null,
          clientOnTrial,
          ...sampleScore(index, position, { clientOnTrial, audience }),
          createdAt: wave.createdAt,
          expiresAt: wave.expiresAt,
          respondedAt,
        },
        select: { id: true },
      });

      const lapse = plan.outcome === "lapsed" ? timeline.lapses.get(plan.assistant) : undefined;
      if (lapse) {
        const assignment = await tx.assignment.create({
          data: {
            taskId: task.id,
            assistantId: assistant.id,
            offerId: offer.id,
            ...lapse,
            reminderSentAt: lapse.startReminderAt,
            endedAt: lapse.startBy,
            endReason: "lapsed",
          },
          select: { id: true },
        });
        await tx.lapse.create({
          data: { assistantId: assistant.id, taskId: task.id, assignmentId: assignment.id, occurredAt: lapse.startBy },
          select: { id: true },
        });
      }
      if (plan.outcome === "accepted") {
        worker = { assistant, offerId: offer.id };
      }
    }
  }

  if (!worker || !timeline.assignment) {
    return { timeline, status: scenario.status };
  }

  const firstStartedAt = timeline.entries[0]?.startedAt ?? timeline.runningSince;
  const assignment = await tx.assignment.create({
    data: {
      taskId: task.id,
      assistantId: worker.assistant.id,
      offerId: worker.offerId,
      ...timeline.assignment,
      firstStartedAt,
      endedAt: scenario.status === "completed" ? timeline.reviewedAt : null,
      endReason: scenario.status === "completed" ? "completed" : null,
    },
    select: { id: true },
  });

  // Time entries: finished ones, then the running timer.
  const entryBase = { taskId: task.id, assistantId: worker.assistant.id, clientId: client.id, assignmentId: assignment.id, source: "timer" as const };
  await tx.timeEntry.createMany({
    data: timeline.entries.map((entry, position) => ({
      ...entryBase,
      startedAt: entry.startedAt,
      endedAt: entry.endedAt,
      seconds: entry.seconds,
      stopCause: position === timeline.entries.length - 1 ? lastEntryStopCause(scenario) : "assistant",
      coveredByPlatform: onTrialAt(entry.startedAt),
      createdAt: entry.startedAt,
    })),
  });
  if (timeline.runningSince) {
    await tx.timeEntry.create({
      data: { ...entryBase, startedAt: timeline.runningSince, coveredByPlatform: onTrialAt(timeline.runningSince), createdAt: timeline.runningSince },
      select: { id: true },
    });
  }

  if (scenario.handoff && timeline.handoffAt) {
    await tx.handoff.create({
      data: { taskId: task.id, assistantId: worker.assistant.id, ...scenario.handoff, createdAt: timeline.handoffAt },
      select: { id: true },
    });
  }

  if (timeline.deliveredAt) {
    const delivery = await tx.delivery.create({
      data: {
        taskId: task.id,
        assistantId: worker.assistant.id,
        note: "Finished. Everything is in the shared folder linked below, with a note on anything I was unsure about.",
        links: [`https://example.com/deliveries/${task.id}`],
        timeLogConfirmed: true,
        createdAt: timeline.deliveredAt,
      },
      select: { id: true },
    });
    if (timeline.reviewedAt) {
      const rating = scenario.rating ?? null;
      await tx.review.create({
        data: {
          taskId: task.id,
          deliveryId: delivery.id,
          reviewerId: client.userId,
          decision: "approved",
          rating,
          comment: rating === null ? null : (REVIEW_COMMENTS[rating] ?? null),
          createdAt: timeline.reviewedAt,
        },
        select: { id: true },
      });
    }
  }

  // A short exchange at the start of every task still being worked on, which both sides have read.
  if (scenario.status === "in_progress" || scenario.status === "out_of_time" || scenario.status === "in_review") {
    const acceptedAt = timeline.assignment.acceptedAt.getTime();
    const repliedAt = new Date(acceptedAt + 2 * MINUTE_MS);
    await tx.message.createMany({
      data: [
        {
          taskId: task.id,
          authorId: worker.assistant.userId,
          body: "Thanks for the brief. I'm starting now and will post progress here; I'll ask if anything is unclear.",
          createdAt: new Date(acceptedAt + MINUTE_MS),
        },
        { taskId: task.id, authorId: client.userId, body: "Great, thank you!", createdAt: repliedAt },
      ],
    });
    await tx.taskReadState.createMany({
      data: [worker.assistant.userId, client.userId].map((userId) => ({ taskId: task.id, userId, lastReadAt: repliedAt })),
    });
  }

  return { timeline, status: scenario.status };
}

/** Writes every brief of the seed data as a task, in the state its scenario names. */
export async function seedTasks(tx: Tx, data: SeedData, people: SeededPeople, settings: Settings, now: Date): Promise<TaskSeedCounts> {
  const unknown = Object.keys(TASK_SCENARIOS).filter((key) => Number(key) >= data.briefs.length);
  if (unknown.length > 0) {
    throw new Error(`Scenarios name briefs that do not exist: ${unknown.join(", ")}`);
  }

  const counts: TaskSeedCounts = { tasks: 0, byStatus: {}, offers: 0, pendingOffers: 0, entries: 0, runningTimers: 0 };
  for (const [index, brief] of data.briefs.entries()) {
    const { timeline, status } = await seedTask(tx, brief, index, people, settings, now);
    counts.tasks += 1;
    counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;
    for (const wave of timeline.waves) {
      counts.offers += wave.offers.length;
      counts.pendingOffers += wave.offers.filter((offer) => offer.plan.outcome === "pending").length;
    }
    counts.entries += timeline.entries.length + (timeline.runningSince ? 1 : 0);
    counts.runningTimers += timeline.runningSince ? 1 : 0;
  }

  return counts;
}
