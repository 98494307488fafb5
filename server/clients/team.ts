import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { hasWorkedForClient } from "./worked-with";

type Tx = Prisma.TransactionClient;

/** A change to a paid client's primary assistant or team, made by the client's user. */
export interface TeamChange {
  clientId: string;
  /** The signed-in user making the change, recorded in the audit log. */
  actorUserId: string;
  assistantId: string;
  now: Date;
}

/** Outcome of a change: `changed` is false when the change was already in force, so a repeated request alters nothing. */
export interface TeamChangeResult {
  changed: boolean;
}

const PAID_PLAN_REQUIRED_MESSAGE = "Choosing a primary assistant and a team comes with a paid plan. Choose a plan to manage your assistants.";

/**
 * Locks the client's row, so concurrent changes to the primary and team run
 * one after the other and the audit log records true before and after
 * values. A client who never subscribed is on the trial and is rejected
 * with PRECONDITION_FAILED.
 */
async function lockPaidClient(tx: Tx, clientId: string): Promise<{ primaryAssistantId: string | null }> {
  await tx.$queryRaw`SELECT id FROM client_accounts WHERE id = ${clientId} FOR UPDATE`;
  const client = await tx.clientAccount.findUniqueOrThrow({
    where: { id: clientId },
    select: { primaryAssistantId: true, subscriptions: { select: { id: true }, take: 1 } },
  });
  if (client.subscriptions.length === 0) {
    throw new AppError("PRECONDITION_FAILED", PAID_PLAN_REQUIRED_MESSAGE);
  }

  return { primaryAssistantId: client.primaryAssistantId };
}

/**
 * Returns the assistant's name when they may be chosen: they exist, have
 * logged time for this client and are active. Otherwise raises
 * INVALID_INPUT on the `assistantId` field. An unknown id and another
 * client's assistant get the same message, so nothing leaks about them.
 */
async function requireChoosable(tx: Tx, clientId: string, assistantId: string): Promise<string> {
  const assistant = await tx.assistantProfile.findUnique({ where: { id: assistantId }, select: { user: { select: { name: true, active: true } } } });
  if (!assistant || !(await hasWorkedForClient(tx, clientId, assistantId))) {
    throw AppError.invalid("assistantId", "Choose an assistant who has worked for you. Only assistants who have logged time on your tasks can be your primary or join your team.");
  }
  if (!assistant.user.active) {
    throw AppError.invalid("assistantId", `${assistant.user.name} no longer takes work on Baton, so they cannot be your primary or join your team.`);
  }

  return assistant.user.name;
}

async function audit(tx: Tx, change: TeamChange, action: string, before: Prisma.InputJsonObject, after: Prisma.InputJsonObject): Promise<void> {
  await tx.auditEvent.create({
    data: { actorId: change.actorUserId, action, entityType: "client", entityId: change.clientId, before, after, createdAt: change.now },
  });
}

/**
 * Makes the assistant the client's primary: the first to be offered each
 * brief sent with the "primary" preference from now on. A team member who
 * becomes primary leaves the team, because the team is the client's other
 * assistants. Offers already sent are left as they are.
 */
export async function makePrimary(db: Db, change: TeamChange): Promise<TeamChangeResult> {
  return db.$transaction(async (tx) => {
    const client = await lockPaidClient(tx, change.clientId);
    await requireChoosable(tx, change.clientId, change.assistantId);
    if (client.primaryAssistantId === change.assistantId) {
      return { changed: false };
    }

    await tx.clientAccount.update({ where: { id: change.clientId }, data: { primaryAssistantId: change.assistantId } });
    const leftTeam = await tx.clientTeamMember.deleteMany({ where: { clientId: change.clientId, assistantId: change.assistantId } });
    await audit(tx, change, "client.primary_changed", { primaryAssistantId: client.primaryAssistantId }, { primaryAssistantId: change.assistantId, leftTeam: leftTeam.count > 0 });

    return { changed: true };
  });
}

/**
 * Removes the assistant as the client's primary, leaving the client with
 * none. Nothing changes when that assistant is not the primary (any more),
 * so a page showing an older state cannot remove a newer primary. An offer
 * already sent to them stays open until they accept or decline it, or it expires.
 */
export async function removePrimary(db: Db, change: TeamChange): Promise<TeamChangeResult> {
  return db.$transaction(async (tx) => {
    const client = await lockPaidClient(tx, change.clientId);
    if (client.primaryAssistantId !== change.assistantId) {
      return { changed: false };
    }

    await tx.clientAccount.update({ where: { id: change.clientId }, data: { primaryAssistantId: null } });
    await audit(tx, change, "client.primary_removed", { primaryAssistantId: change.assistantId }, { primaryAssistantId: null });

    return { changed: true };
  });
}

/** Adds the assistant to the client's team, who are offered briefs sent with the "team" preference first. */
export async function addTeamMember(db: Db, change: TeamChange): Promise<TeamChangeResult> {
  return db.$transaction(async (tx) => {
    const client = await lockPaidClient(tx, change.clientId);
    const name = await requireChoosable(tx, change.clientId, change.assistantId);
    if (client.primaryAssistantId === change.assistantId) {
      throw AppError.invalid("assistantId", `${name} is your primary assistant. The team is for your other assistants.`);
    }

    const added = await tx.clientTeamMember.createMany({
      data: [{ clientId: change.clientId, assistantId: change.assistantId, addedAt: change.now }],
      skipDuplicates: true,
    });
    if (added.count === 0) {
      return { changed: false };
    }
    await audit(tx, change, "client.team_member_added", { assistantId: change.assistantId, onTeam: false }, { assistantId: change.assistantId, onTeam: true });

    return { changed: true };
  });
}

/** Removes the assistant from the client's team. Nothing changes when they are not on it. */
export async function removeTeamMember(db: Db, change: TeamChange): Promise<TeamChangeResult> {
  return db.$transaction(async (tx) => {
    await lockPaidClient(tx, change.clientId);
    const removed = await tx.clientTeamMember.deleteMany({ where: { clientId: change.clientId, assistantId: change.assistantId } });
    if (removed.count === 0) {
      return { changed: false };
    }
    await audit(tx, change, "client.team_member_removed", { assistantId: change.assistantId, onTeam: true }, { assistantId: change.assistantId, onTeam: false });

    return { changed: true };
  });
}
