import "server-only";

import type { EmailPayload, EmailTemplate } from "~/emails";

import type { Prisma } from "../db/generated/client";
import { enqueueEmail } from "../email/outbox";
import type { NotificationKind } from "./kinds";

export interface NotifyInput<T extends EmailTemplate> {
  /**
   * Names the event and the recipient, for example `offer:<offerId>:available`.
   * Both the notification and the email are written once per key.
   */
  eventKey: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Path inside the app, such as `/assistant/offers/abc`; absolute URLs are rejected. */
  link?: string | null;
  /** The email for the same event, sent to the user's current address unless `to` is given. */
  email?: { template: T; payload: EmailPayload<T>; to?: string };
  now: Date;
}

export interface NotifyResult {
  /** False when a notification with this event key already existed. */
  notificationCreated: boolean;
  /** False when no email was asked for, or one with this event key was already queued. */
  emailQueued: boolean;
}

/**
 * Writes the in-app notification for an event and, when `email` is given,
 * queues the email for the same event. Call it inside the transaction that
 * makes the change, so both appear exactly when the change commits. Calling
 * it again with the same event key writes nothing.
 */
export async function notify<T extends EmailTemplate>(tx: Prisma.TransactionClient, input: NotifyInput<T>): Promise<NotifyResult> {
  const link = input.link ?? null;
  if (link !== null && !isAppPath(link)) {
    throw new Error(`Invalid notification link "${link}": expected a path that starts with a single "/"`);
  }

  const created = await tx.notification.createMany({
    data: [
      {
        eventKey: input.eventKey,
        userId: input.userId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        link,
        createdAt: input.now,
      },
    ],
    skipDuplicates: true,
  });

  let emailQueued = false;
  if (input.email) {
    const to = input.email.to ?? (await userEmail(tx, input.userId));
    emailQueued = await enqueueEmail(tx, {
      eventKey: input.eventKey,
      to,
      template: input.email.template,
      payload: input.email.payload,
      now: input.now,
    });
  }

  return { notificationCreated: created.count === 1, emailQueued };
}

async function userEmail(tx: Prisma.TransactionClient, userId: string): Promise<string> {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });

  return user.email;
}

/** True for a path inside the app; "//host" and "/\\host" are rejected because browsers treat them as other hosts. */
function isAppPath(link: string): boolean {
  return link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\");
}
