import { trialEndingEmail } from "../billing/trial-nudges";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { env } from "../env.js";
import { notify } from "../notifications/notify";
import { lockClients } from "../timer/projection";
import { getBalance } from "./balance";
import { projectTimeWarnings, refreshWarningProjection, type DueWarning } from "./warning-projection";

type Tx = Prisma.TransactionClient;

interface WarnedClient {
  id: string;
  companyName: string;
  user: { id: string; name: string };
}

/**
 * Records one warning for the cycle and notifies the client and every
 * assistant whose timer was running at the warning's instant, all dated at
 * that instant. A trial client's email at the used share is the
 * trial-ending nudge in place of the time-low email. Returns false when the
 * warning was already recorded.
 */
async function sendWarning(tx: Tx, client: WarnedClient, cycleStart: Date, warning: DueWarning): Promise<boolean> {
  const at = warning.dueAt;
  const marked = await tx.budgetWarning.createMany({ data: [{ clientId: client.id, cycleStart, kind: warning.kind, sentAt: at }], skipDuplicates: true });
  if (marked.count === 0) {
    return false;
  }

  const balance = await getBalance(tx, client.id, at);
  const allowance = balance.cycle.allowanceSeconds + balance.topUpSeconds;
  const percentUsed = allowance > 0 ? Math.min(100, Math.round((balance.usedSeconds / allowance) * 100)) : 100;
  const minutesLeft = Math.floor(balance.remainingSeconds / 60);
  const key = `${client.id}:${cycleStart.toISOString()}:${warning.kind}`;
  const working = await tx.timeEntry.findMany({
    where: { clientId: client.id, startedAt: { lte: at }, OR: [{ endedAt: null }, { endedAt: { gte: at } }] },
    distinct: ["assistantId"],
    select: { assistant: { select: { user: { select: { id: true, name: true } } } } },
  });
  const recipients = [
    { user: client.user, audience: "client" as const, path: "/client/plans" },
    ...working.map((row) => ({ user: row.assistant.user, audience: "assistant" as const, path: "/assistant" })),
  ];

  for (const recipient of recipients) {
    // A trial client's first warning is the trial-ending nudge, with the work done so far.
    const trialNudge =
      recipient.audience === "client" && warning.kind === "percent_used"
        ? await trialEndingEmail(tx, { clientId: client.id, recipientName: recipient.user.name, stage: "most_used", now: at })
        : null;
    await notify(tx, {
      eventKey: `time-low:${key}:${recipient.user.id}`,
      userId: recipient.user.id,
      kind: "time_low",
      title: warning.kind === "percent_used" ? `${percentUsed} % of the hours are used` : `${minutesLeft} minutes left`,
      body: `${client.companyName} has ${minutesLeft} minutes left this cycle.`,
      link: recipient.path,
      now: at,
      email: trialNudge ?? {
        template: "time-low",
        payload: {
          recipientName: recipient.user.name,
          audience: recipient.audience,
          threshold: warning.kind,
          percentUsed,
          minutesLeft,
          clientName: client.companyName,
          actionUrl: new URL(recipient.path, env.APP_URL).toString(),
        },
      },
    });
  }

  return true;
}

/**
 * Sends the time warnings whose stored instant is at or before `now`: when
 * the used share reaches the warning fraction and when the time left falls
 * to the warning minutes. Each goes to the client and the assistants who
 * were working at that instant, once per cycle (recorded in
 * budget_warnings), dated at the instant the threshold was met however late
 * this runs. The client row is re-read under a lock, so a stop or a top-up
 * that moved the instant meanwhile wins. Afterwards the next warning's
 * instant is stored.
 */
export async function sendDueTimeWarnings(db: Db, now: Date, clientId?: string): Promise<{ warnings: number }> {
  const due = await db.clientAccount.findMany({ where: { timeWarningDueAt: { lte: now }, ...(clientId ? { id: clientId } : {}) }, select: { id: true } });

  let warnings = 0;
  for (const { id } of due) {
    warnings += await db.$transaction(async (tx) => {
      await lockClients(tx, [id]);
      const client = await tx.clientAccount.findUniqueOrThrow({
        where: { id },
        select: { id: true, timeWarningDueAt: true, companyName: true, user: { select: { id: true, name: true } } },
      });
      if (!client.timeWarningDueAt || client.timeWarningDueAt > now) {
        return 0;
      }

      const balance = await getBalance(tx, id, now);
      const reached = (await projectTimeWarnings(tx, id, balance)).filter((warning) => warning.dueAt <= now).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
      let sent = 0;
      for (const warning of reached) {
        sent += (await sendWarning(tx, client, balance.cycle.start, warning)) ? 1 : 0;
      }
      await refreshWarningProjection(tx, id, balance);

      return sent;
    });
  }

  return { warnings };
}
