import type { EmailPayload } from "~/emails";

import { appUrl } from "../app-url";
import { getBalance } from "../budget/balance";
import type { Prisma, TaskStatus } from "../db/generated/client";

type Tx = Prisma.TransactionClient;

/** The two points of a trial that send a nudge: the first time warning, and no time left. */
export type TrialEndingStage = "most_used" | "used_up";

export interface TrialEndingEmail {
  template: "trial-ending";
  payload: EmailPayload<"trial-ending">;
}

/** Tasks named in the email. Any beyond these are only counted. */
const LISTED_TASKS = 10;

const STATE_BY_STATUS: Partial<Record<TaskStatus, EmailPayload<"trial-ending">["tasks"][number]["state"]>> = {
  completed: "done",
  in_review: "in_review",
  out_of_time: "paused",
};

interface TrialTaskRow {
  title: string;
  status: TaskStatus;
  seconds: number;
}

/** Names the event of one client's nudge at one stage, so running out again never sends that stage twice. */
export function trialEndingEventKey(clientId: string, stage: TrialEndingStage): string {
  return `trial-ending:${clientId}:${stage}`;
}

/**
 * Builds the trial-ending email for a client on the trial at `now`: the
 * minutes used and left, each task that got trial time with its minutes
 * (running timers counted up to `now`), and the link to the plans page.
 * Returns null for a client on a paid plan, who gets the usual time emails.
 */
export async function trialEndingEmail(
  tx: Tx,
  input: { clientId: string; recipientName: string; stage: TrialEndingStage; now: Date },
): Promise<TrialEndingEmail | null> {
  const { clientId, now } = input;
  const balance = await getBalance(tx, clientId, now);
  if (balance.cycle.kind !== "trial") {
    return null;
  }

  const rows = await tx.$queryRaw<TrialTaskRow[]>`
    SELECT t.title, t.status, FLOOR(SUM(EXTRACT(EPOCH FROM (LEAST(COALESCE(te.ended_at, ${now}), ${now}) - te.started_at))))::float8 AS seconds
    FROM time_entries te
    JOIN tasks t ON t.id = te.task_id
    WHERE te.client_id = ${clientId} AND te.covered_by_platform AND te.started_at < ${now}
    GROUP BY t.id, t.title, t.status
    ORDER BY MIN(te.started_at), t.id`;

  const tasks = rows.slice(0, LISTED_TASKS).map((row) => ({
    title: row.title,
    minutes: Math.floor(row.seconds / 60),
    state: STATE_BY_STATUS[row.status] ?? "in_progress",
  }));

  return {
    template: "trial-ending",
    payload: {
      recipientName: input.recipientName,
      stage: input.stage,
      minutesUsed: Math.floor(balance.usedSeconds / 60),
      minutesLeft: Math.floor(balance.remainingSeconds / 60),
      tasks,
      moreTasks: rows.length - tasks.length,
      upgradeUrl: appUrl("/client/plans"),
    },
  };
}
