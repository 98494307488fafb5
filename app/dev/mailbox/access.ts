import "server-only";

import { notFound } from "next/navigation";

import { requireRole } from "~/server/auth/guard";
import { mailboxAccess } from "~/server/email/mailbox";

/**
 * Lets the request through to the local mailbox or stops it. The page does
 * not exist when Resend is configured. Without a key, development and test
 * servers show it to anyone, because it is the developer's own inbox and
 * sign-in links must be readable before anyone can sign in. A production
 * build without a key shows it to admins only.
 */
export async function ensureMailboxAccess(): Promise<void> {
  const access = mailboxAccess();
  if (access === "disabled") {
    notFound();
  }
  if (access === "admin") {
    await requireRole("admin");
  }
}
