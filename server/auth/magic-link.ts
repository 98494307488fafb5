import { createHash } from "node:crypto";

import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { enqueueEmail } from "../email/outbox";

/**
 * Queues the sign-in link email. The event key is derived from the link,
 * so a retried request never sends the same link twice.
 */
export async function sendSignInLink(db: Db, clock: Clock, input: { email: string; url: string; expires: Date }): Promise<void> {
  const digest = createHash("sha256").update(input.url).digest("hex").slice(0, 32);
  await enqueueEmail(db, {
    eventKey: `sign-in-link:${digest}`,
    to: input.email,
    template: "sign-in-link",
    payload: { url: input.url, expiresAt: input.expires.toISOString() },
    now: clock.now(),
  });
}
