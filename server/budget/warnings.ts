import { trialEndingEmail } from "../billing/trial-nudges";
import type { Db } from "../db/client";
import { env } from "../env.js";
import { notify } from "../notifications/notify";
import { getSettings } from "../settings";
import { getBalance } from "./balance";

type WarningKind = "percent_used" | "minutes_left";

/**
 * Sends the time warnings of clients whose timers are running (or of the
 * given clients): when the
 * used share reaches the warning fraction and when the time left falls to
 * the warning minutes. Each goes to the client and the working assistants
 * once per cycle, recorded in budget_warnings. A trial client's email at
 * the used share is the trial-ending nudge in place of the time-low email.
 */
export async function sendTimeWarnings(db: Db, now: Date, clientIds?: string[]): Promise<{ warnings: number }> {
  const settings = await getSettings(db);
  const clients = await db.clientAccount.findMany({
    where: clientIds ? { id: { in: clientIds } } : { balanceExhaustsAt: { not: null } },
    select: { id: true, companyName: true, user: { select: { id: true, name: true } } },
  });

  let warnings = 0;
  for (const client of clients) {
    const balance = await getBalance(db, client.id, now);
    const allowance = balance.cycle.allowanceSeconds + balance.topUpSeconds;
    if (allowance <= 0) {
      continue;
    }
    const due: WarningKind[] = [];
    if (balance.usedSeconds >= allowance * settings.timeWarningUsedFraction) {
      due.push("percent_used");
    }
    if (balance.remainingSeconds <= settings.timeWarningRemainingSeconds) {
      due.push("minutes_left");
    }

    for (const kind of due) {
      const sent = await db.$transaction(async (tx) => {
        const marked = await tx.budgetWarning.createMany({
          data: [{ clientId: client.id, cycleStart: balance.cycle.start, kind, sentAt: now }],
          skipDuplicates: true,
        });
        if (marked.count === 0) {
          return false;
        }
        const percentUsed = Math.min(100, Math.round((balance.usedSeconds / allowance) * 100));
        const minutesLeft = Math.floor(balance.remainingSeconds / 60);
        const key = `${client.id}:${balance.cycle.start.toISOString()}:${kind}`;
        const assistants = await tx.timeEntry.findMany({
          where: { clientId: client.id, endedAt: null },
          select: { assistant: { select: { user: { select: { id: true, name: true } } } } },
        });
        const recipients = [
          { user: client.user, audience: "client" as const, path: "/client/plans" },
          ...assistants.map((row) => ({ user: row.assistant.user, audience: "assistant" as const, path: "/assistant" })),
        ];
        for (const recipient of recipients) {
          // A trial client's first warning is the trial-ending nudge, with the work done so far.
          const trialNudge =
            recipient.audience === "client" && kind === "percent_used"
              ? await trialEndingEmail(tx, { clientId: client.id, recipientName: recipient.user.name, stage: "most_used", now })
              : null;
          await notify(tx, {
            eventKey: `time-low:${key}:${recipient.user.id}`,
            userId: recipient.user.id,
            kind: "time_low",
            title: kind === "percent_used" ? `${percentUsed} % of the hours are used` : `${minutesLeft} minutes left`,
            body: `${client.companyName} has ${minutesLeft} minutes left this cycle.`,
            link: recipient.path,
            now,
            email: trialNudge ?? {
              template: "time-low",
              payload: {
                recipientName: recipient.user.name,
                audience: recipient.audience,
                threshold: kind,
                percentUsed,
                minutesLeft,
                clientName: client.companyName,
                actionUrl: new URL(recipient.path, env.APP_URL).toString(),
              },
            },
          });
        }

        return true;
      });
      warnings += sent ? 1 : 0;
    }
  }

  return { warnings };
}
