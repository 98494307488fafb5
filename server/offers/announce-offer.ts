import type { Prisma } from "../db/generated/client";
import { appUrl } from "../app-url";
import { notify } from "../notifications/notify";

/** The task as an offer describes it to the assistant. */
export interface OfferedTask {
  id: string;
  title: string;
  onTrial: boolean;
  skillNames: string[];
}

/** The assistant an offer goes to. */
export interface OfferRecipient {
  assistantId: string;
  userId: string;
  name: string;
  email: string;
  timeZone: string;
}

/**
 * Tells an assistant about a new offer: the in-app notification and the
 * "a new task is available" email with the offer's expiry in their time
 * zone. Routed waves and offers an admin makes by hand both call this, so
 * every offer reaches the assistant the same way. Call it inside the
 * transaction that creates the offer.
 */
export async function announceOffer(
  tx: Prisma.TransactionClient,
  input: { task: OfferedTask; recipient: OfferRecipient; expiresAt: Date; now: Date; chosenByAdmin?: boolean },
): Promise<void> {
  const { task, recipient, expiresAt, now } = input;

  await notify(tx, {
    eventKey: `offer-available:${task.id}:${recipient.assistantId}`,
    userId: recipient.userId,
    kind: "offer_available",
    title: "A new task is available for you",
    body: `${task.onTrial ? "Trial client" : "Paid client"}: ${task.title}`,
    link: "/assistant",
    now,
    email: {
      to: recipient.email,
      template: "offer-available",
      payload: {
        recipientName: recipient.name,
        taskTitle: task.title,
        skills: task.skillNames,
        clientPlan: task.onTrial ? "trial" : "paid",
        expiresAt: expiresAt.toISOString(),
        timeZone: recipient.timeZone,
        dashboardUrl: appUrl("/assistant"),
        chosenByAdmin: input.chosenByAdmin ?? false,
      },
    },
  });
}
