/**
 * The paid client's primary assistant and team through `createCaller`, as
 * signed-in users against a real database: the "My assistants" listing, the
 * rules for each change, the audit log, and how each change steers the
 * routing of the next brief.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { loadSessionUser } from "~/server/auth/session-user";
import { ManualClock } from "~/server/clock";
import { AppError } from "~/server/errors";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssignment, createAssistant, createClient, createSkill, createTask, createTimeEntry, createUser } from "../support/factories";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let database: TestDatabase;
const clock = new ManualClock("2027-06-07T09:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  await database.prisma.plan.create({ data: { code: "standard", name: "Standard", secondsPerCycle: 36_000, sortOrder: 2 } });
});

afterAll(async () => {
  await database.close();
});

async function callerFor(userId: string) {
  const user = await loadSessionUser(database.prisma, userId);
  if (!user) {
    throw new Error(`User ${userId} is not active`);
  }

  return createCaller(createContextInner({ db: database.prisma, user, clock }));
}

/** Awaits a call that must fail and returns its tRPC error. */
async function rejectionOf(call: Promise<unknown>): Promise<TRPCError> {
  const error: unknown = await call.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TRPCError)) {
    throw new Error(`Expected a TRPCError, got: ${String(error)}`);
  }

  return error;
}

function fieldErrorsOf(error: TRPCError): Record<string, string> {
  return error.cause instanceof AppError ? (error.cause.fieldErrors ?? {}) : {};
}

/** Creates a client, on a Standard plan unless `trial` is set, with the caller of its user. */
async function client(options: { trial?: boolean } = {}) {
  const user = await createUser(database.prisma, { role: "client", name: "Ada Client" });
  const account = await createClient(database.prisma, { userId: user.id, trialStartedAt: new Date(clock.now().getTime() - 40 * DAY) });
  if (!options.trial) {
    await database.prisma.subscription.create({
      data: { clientId: account.id, planCode: "standard", secondsPerCycle: 36_000, startedAt: new Date(clock.now().getTime() - 10 * DAY) },
    });
  }

  return { id: account.id, userId: user.id, caller: await callerFor(user.id) };
}

async function assistant(name: string, skillIds: string[] = []) {
  const user = await createUser(database.prisma, { role: "assistant", name });
  const profile = await createAssistant(database.prisma, { userId: user.id, skills: { create: skillIds.map((skillId) => ({ skillId })) } });

  return { id: profile.id, userId: user.id, name };
}

/**
 * Records finished work by the assistant for the client: a completed task
 * with its assignment, one time entry, and an approval with the rating
 * when one is given.
 */
async function workFor(clientId: string, assistantId: string, seconds: number, rating: number | null = null) {
  const endedAt = new Date(clock.now().getTime() - 2 * DAY);
  const task = await createTask(database.prisma, { clientId, status: "completed", completedAt: endedAt });
  const acceptedAt = new Date(endedAt.getTime() - seconds * 1000 - MINUTE);
  await createAssignment(database.prisma, {
    taskId: task.id,
    assistantId,
    acceptedAt,
    startBy: new Date(acceptedAt.getTime() + 15 * MINUTE),
    startReminderAt: new Date(acceptedAt.getTime() + 7 * MINUTE),
    firstStartedAt: new Date(acceptedAt.getTime() + MINUTE),
    endedAt,
    endReason: "completed",
  });
  await createTimeEntry(database.prisma, { taskId: task.id, assistantId, startedAt: new Date(endedAt.getTime() - seconds * 1000), endedAt, seconds });
  const delivery = await database.prisma.delivery.create({
    data: { taskId: task.id, assistantId, note: "Done.", links: [], timeLogConfirmed: true, createdAt: endedAt },
  });
  await database.prisma.review.create({ data: { taskId: task.id, deliveryId: delivery.id, decision: "approved", rating, createdAt: endedAt } });

  return task.id;
}

async function primaryOf(clientId: string): Promise<string | null> {
  const account = await database.prisma.clientAccount.findUniqueOrThrow({ where: { id: clientId }, select: { primaryAssistantId: true } });

  return account.primaryAssistantId;
}

async function teamOf(clientId: string): Promise<string[]> {
  const members = await database.prisma.clientTeamMember.findMany({ where: { clientId }, select: { assistantId: true } });

  return members.map((member) => member.assistantId).sort();
}

function brief(skillSlug: string, preference?: "primary" | "team" | "new" | "anyone") {
  return {
    title: "Collect supplier quotes",
    description: "Ask three suppliers for a quote on 200 branded mugs and compare them.",
    skills: [skillSlug],
    ...(preference ? { preference } : {}),
  };
}

/** Lists the task's offers as "name:audience", where audience is the routing stage that sent the offer. */
async function offersOf(taskId: string): Promise<string[]> {
  const offers = await database.prisma.offer.findMany({
    where: { taskId },
    select: { scoreBreakdown: true, assistant: { select: { user: { select: { name: true } } } } },
  });

  return offers
    .map((offer) => {
      const breakdown = offer.scoreBreakdown as { audience?: string } | null;

      return `${offer.assistant.user.name}:${breakdown?.audience ?? "unknown"}`;
    })
    .sort();
}

describe("clientTeam.overview", () => {
  it("lists hours, tasks and ratings per assistant", async () => {
    const paid = await client();
    const other = await client();
    const rated = await assistant("Rina Rated");
    const running = await assistant("Rui Running");
    const primary = await assistant("Pia Primary");
    const stranger = await assistant("Stan Stranger");
    await workFor(paid.id, rated.id, 3600, 5);
    await workFor(paid.id, rated.id, 1800, 4);
    await workFor(other.id, rated.id, 600, 1);
    await workFor(other.id, stranger.id, 600, 3);
    const openTask = await createTask(database.prisma, { clientId: paid.id, status: "in_progress" });
    await createTimeEntry(database.prisma, { taskId: openTask.id, assistantId: running.id, startedAt: new Date(clock.now().getTime() - 10 * MINUTE) });
    await database.prisma.clientAccount.update({ where: { id: paid.id }, data: { primaryAssistantId: primary.id } });

    const overview = await paid.caller.clientTeam.overview();

    expect(overview.onTrial).toBe(false);
    expect(overview.assistants.map((row) => row.name)).toEqual(["Pia Primary", "Rina Rated", "Rui Running"]);
    expect(overview.assistants[0]).toMatchObject({ isPrimary: true, workedForClient: false, loggedSeconds: 0, taskCount: 0, averageRating: null });
    expect(overview.assistants[1]).toMatchObject({ isPrimary: false, workedForClient: true, loggedSeconds: 5400, taskCount: 2, averageRating: 4.5, ratingCount: 2 });
    expect(overview.assistants[2]).toMatchObject({ workedForClient: true, loggedSeconds: 600, taskCount: 1, averageRating: null, ratingCount: 0 });
  });

  it("rejects an assistant's session", async () => {
    const worker = await assistant("Ana Assistant");

    const error = await rejectionOf((await callerFor(worker.userId)).clientTeam.overview());

    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("clientTeam changes", () => {
  it("rejects a primary who never worked for the client", async () => {
    const paid = await client();
    const newcomer = await assistant("Nell Newcomer");

    const error = await rejectionOf(paid.caller.clientTeam.makePrimary({ assistantId: newcomer.id }));

    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(error).assistantId).toMatch(/worked for you/);
    expect(await primaryOf(paid.id)).toBeNull();
  });

  it("rejects an unknown assistant id", async () => {
    const paid = await client();

    const error = await rejectionOf(paid.caller.clientTeam.addMember({ assistantId: "no-such-assistant" }));

    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(error).assistantId).toMatch(/worked for you/);
  });

  it("cannot manage another client's assistants", async () => {
    const mine = await client();
    const theirs = await client();
    const theirPrimary = await assistant("Tess Theirs");
    const theirMember = await assistant("Tim Theirs");
    await workFor(theirs.id, theirPrimary.id, 1200);
    await workFor(theirs.id, theirMember.id, 1200);
    await theirs.caller.clientTeam.makePrimary({ assistantId: theirPrimary.id });
    await theirs.caller.clientTeam.addMember({ assistantId: theirMember.id });

    const primaryError = await rejectionOf(mine.caller.clientTeam.makePrimary({ assistantId: theirPrimary.id }));
    const memberError = await rejectionOf(mine.caller.clientTeam.addMember({ assistantId: theirMember.id }));
    const removedPrimary = await mine.caller.clientTeam.removePrimary({ assistantId: theirPrimary.id });
    const removedMember = await mine.caller.clientTeam.removeMember({ assistantId: theirMember.id });

    expect(fieldErrorsOf(primaryError).assistantId).toMatch(/worked for you/);
    expect(fieldErrorsOf(memberError).assistantId).toMatch(/worked for you/);
    expect(removedPrimary.changed).toBe(false);
    expect(removedMember.changed).toBe(false);
    expect(await primaryOf(mine.id)).toBeNull();
    expect(await teamOf(mine.id)).toEqual([]);
    expect(await primaryOf(theirs.id)).toBe(theirPrimary.id);
    expect(await teamOf(theirs.id)).toEqual([theirMember.id]);
    expect((await mine.caller.clientTeam.overview()).assistants).toEqual([]);
  });

  it("rejects every change from a trial client", async () => {
    const trial = await client({ trial: true });
    const helper = await assistant("Hal Helper");
    await workFor(trial.id, helper.id, 900);
    const input = { assistantId: helper.id };

    const errors = [
      await rejectionOf(trial.caller.clientTeam.makePrimary(input)),
      await rejectionOf(trial.caller.clientTeam.removePrimary(input)),
      await rejectionOf(trial.caller.clientTeam.addMember(input)),
      await rejectionOf(trial.caller.clientTeam.removeMember(input)),
    ];

    expect(errors.map((error) => error.code)).toEqual(["PRECONDITION_FAILED", "PRECONDITION_FAILED", "PRECONDITION_FAILED", "PRECONDITION_FAILED"]);
    expect(errors[0]?.message).toMatch(/paid plan/);
    expect(await primaryOf(trial.id)).toBeNull();
    expect(await teamOf(trial.id)).toEqual([]);
    const overview = await trial.caller.clientTeam.overview();
    expect(overview.onTrial).toBe(true);
    expect(overview.assistants.map((row) => row.name)).toEqual(["Hal Helper"]);
  });

  it("rejects a deactivated assistant", async () => {
    const paid = await client();
    const deactivated = await assistant("Gil Gone");
    await workFor(paid.id, deactivated.id, 900);
    await database.prisma.user.update({ where: { id: deactivated.userId }, data: { active: false } });

    const error = await rejectionOf(paid.caller.clientTeam.makePrimary({ assistantId: deactivated.id }));

    expect(fieldErrorsOf(error).assistantId).toMatch(/Gil Gone no longer takes work/);
  });

  it("takes a new primary off the team", async () => {
    const paid = await client();
    const member = await assistant("Mo Member");
    await workFor(paid.id, member.id, 900);
    await paid.caller.clientTeam.addMember({ assistantId: member.id });

    const result = await paid.caller.clientTeam.makePrimary({ assistantId: member.id });

    expect(result.changed).toBe(true);
    expect(await primaryOf(paid.id)).toBe(member.id);
    expect(await teamOf(paid.id)).toEqual([]);
  });

  it("rejects adding the primary to the team", async () => {
    const paid = await client();
    const primary = await assistant("Pat Primary");
    await workFor(paid.id, primary.id, 900);
    await paid.caller.clientTeam.makePrimary({ assistantId: primary.id });

    const error = await rejectionOf(paid.caller.clientTeam.addMember({ assistantId: primary.id }));

    expect(fieldErrorsOf(error).assistantId).toMatch(/is your primary assistant/);
    expect(await teamOf(paid.id)).toEqual([]);
  });

  it("audits each change once", async () => {
    const paid = await client();
    const first = await assistant("Fay First");
    const second = await assistant("Sol Second");
    await workFor(paid.id, first.id, 900);
    await workFor(paid.id, second.id, 900);

    const changes = [
      () => paid.caller.clientTeam.makePrimary({ assistantId: first.id }),
      () => paid.caller.clientTeam.makePrimary({ assistantId: first.id }),
      () => paid.caller.clientTeam.addMember({ assistantId: second.id }),
      () => paid.caller.clientTeam.addMember({ assistantId: second.id }),
      () => paid.caller.clientTeam.removeMember({ assistantId: second.id }),
      () => paid.caller.clientTeam.removePrimary({ assistantId: first.id }),
      () => paid.caller.clientTeam.removePrimary({ assistantId: first.id }),
    ];
    const changed = [];
    for (const change of changes) {
      clock.advance(1000);
      changed.push((await change()).changed);
    }

    expect(changed).toEqual([true, false, true, false, true, true, false]);

    const events = await database.prisma.auditEvent.findMany({
      where: { entityType: "client", entityId: paid.id },
      orderBy: { createdAt: "asc" },
      select: { action: true, actorId: true, before: true, after: true },
    });
    expect(events.map((event) => event.action)).toEqual([
      "client.primary_changed",
      "client.team_member_added",
      "client.team_member_removed",
      "client.primary_removed",
    ]);
    expect(events.every((event) => event.actorId === paid.userId)).toBe(true);
    expect(events[0]?.before).toEqual({ primaryAssistantId: null });
    expect(events[0]?.after).toEqual({ primaryAssistantId: first.id, leftTeam: false });
    expect(events[3]?.before).toEqual({ primaryAssistantId: first.id });
  });
});

describe("routing after changes", () => {
  it("stops offering primary work to a removed primary", async () => {
    const skill = await createSkill(database.prisma);
    const paid = await client();
    const former = await assistant("Fern Former", [skill.id]);
    const next = await assistant("Nico Next", [skill.id]);
    await workFor(paid.id, former.id, 1800);
    await workFor(paid.id, next.id, 1800);
    await paid.caller.clientTeam.makePrimary({ assistantId: former.id });
    clock.advance(MINUTE);

    await paid.caller.clientTeam.removePrimary({ assistantId: former.id });
    const rejected = await rejectionOf(paid.caller.brief.submit(brief(skill.slug, "primary")));
    const fallback = await paid.caller.brief.submit(brief(skill.slug));
    await paid.caller.clientTeam.makePrimary({ assistantId: next.id });
    const toNewPrimary = await paid.caller.brief.submit(brief(skill.slug, "primary"));

    expect(rejected.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(rejected).preference).toMatch(/no primary assistant/);
    const fallbackTask = await database.prisma.task.findUniqueOrThrow({ where: { id: fallback.taskId }, select: { preference: true } });
    expect(fallbackTask.preference).toBe("anyone");
    expect(await offersOf(fallback.taskId)).toEqual(["Fern Former:pool", "Nico Next:pool"]);
    expect(await offersOf(toNewPrimary.taskId)).toEqual(["Nico Next:primary"]);
    const primaryOffersToFormer = await database.prisma.offer.count({
      where: { assistantId: former.id, task: { clientId: paid.id }, scoreBreakdown: { path: ["audience"], equals: "primary" } },
    });
    expect(primaryOffersToFormer).toBe(0);
  });

  it("offers team briefs to a new member first", async () => {
    const skill = await createSkill(database.prisma);
    const paid = await client();
    const member = await assistant("Tara Team", [skill.id]);
    await assistant("Paul Pool", [skill.id]);
    await assistant("Pam Pool", [skill.id]);
    await workFor(paid.id, member.id, 1800);

    const emptyTeam = await rejectionOf(paid.caller.brief.submit(brief(skill.slug, "team")));
    await paid.caller.clientTeam.addMember({ assistantId: member.id });
    const teamBrief = await paid.caller.brief.submit(brief(skill.slug, "team"));
    await paid.caller.clientTeam.removeMember({ assistantId: member.id });
    const emptiedTeam = await rejectionOf(paid.caller.brief.submit(brief(skill.slug, "team")));

    expect(fieldErrorsOf(emptyTeam).preference).toMatch(/team is empty/);
    expect(teamBrief.routing).toBe("offered");
    expect(await offersOf(teamBrief.taskId)).toEqual(["Tara Team:team"]);
    expect(fieldErrorsOf(emptiedTeam).preference).toMatch(/team is empty/);
  });

  it("reports the team size to the brief form", async () => {
    const paid = await client();
    const member = await assistant("Cy Counted");
    await workFor(paid.id, member.id, 600);
    await paid.caller.clientTeam.addMember({ assistantId: member.id });

    const context = await paid.caller.brief.context();

    expect(context).toMatchObject({ onTrial: false, hasPrimary: false, teamSize: 1 });
  });
});

describe("assistant.history", () => {
  it("names clients who chose the assistant", async () => {
    const first = await client();
    const second = await client();
    await database.prisma.clientAccount.update({ where: { id: first.id }, data: { companyName: "Alder Books" } });
    await database.prisma.clientAccount.update({ where: { id: second.id }, data: { companyName: "Birch Cafe" } });
    const worker = await assistant("Wes Worker");
    await workFor(first.id, worker.id, 900, 5);
    await workFor(second.id, worker.id, 900);
    await first.caller.clientTeam.makePrimary({ assistantId: worker.id });
    await second.caller.clientTeam.addMember({ assistantId: worker.id });

    const history = await (await callerFor(worker.userId)).assistant.history();

    expect(history.primaryFor).toEqual(["Alder Books"]);
    expect(history.teamOf).toEqual(["Birch Cafe"]);
    expect(history.tasks.map((task) => task.clientName).sort()).toEqual(["Alder Books", "Birch Cafe"]);
  });
});
