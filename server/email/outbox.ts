import "server-only";

import { z } from "zod";

import { parseEmailPayload, type EmailPayload, type EmailTemplate } from "~/emails";

import type { Prisma } from "../db/generated/client";

export interface EnqueueEmailInput<T extends EmailTemplate> {
  /** Names the event and the recipient; a second email with the same key is dropped. */
  eventKey: string;
  to: string;
  template: T;
  payload: EmailPayload<T>;
  now: Date;
}

const recipientAddress = z.email();

/**
 * Queues one email in the outbox. Call it inside the transaction that makes
 * the change the email reports, so the email is queued exactly when the
 * change commits. deliverPendingEmails sends it later. Returns false, and
 * leaves the existing row as it is, when this event key is already queued.
 *
 * Throws when the payload does not match the template, because that is a
 * programming error that no retry can fix.
 */
export async function enqueueEmail<T extends EmailTemplate>(
  tx: Prisma.TransactionClient,
  input: EnqueueEmailInput<T>,
): Promise<boolean> {
  const to = recipientAddress.parse(input.to);
  const payload = parseEmailPayload(input.template, input.payload) as Prisma.InputJsonValue;

  const result = await tx.emailOutbox.createMany({
    data: [
      {
        eventKey: input.eventKey,
        toEmail: to,
        template: input.template,
        payload,
        nextAttemptAt: input.now,
        createdAt: input.now,
      },
    ],
    skipDuplicates: true,
  });

  return result.count === 1;
}
