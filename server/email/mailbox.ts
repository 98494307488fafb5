import "server-only";

import { emailSubject, renderEmail, type RenderedEmail } from "~/emails";

import type { Db } from "../db/client";
import type { OutboxStatus } from "../db/generated/client";
import { env } from "../env.js";

/**
 * Access rule of the local mailbox at /dev/mailbox:
 * - "disabled" when RESEND_API_KEY is set, because real emails then leave through Resend;
 * - "public" when NODE_ENV is not production and no key is set: it is the
 *   developer's own inbox, and magic-link emails must be readable before anyone can sign in;
 * - "admin" in a production build without a key, because the queued emails
 *   contain sign-in links and other people's messages.
 */
export type MailboxAccess = "disabled" | "public" | "admin";

export function mailboxAccess(config: { RESEND_API_KEY?: string; NODE_ENV: string } = env): MailboxAccess {
  if (config.RESEND_API_KEY) {
    return "disabled";
  }

  return config.NODE_ENV === "production" ? "admin" : "public";
}

export interface MailboxEntry {
  id: string;
  to: string;
  subject: string;
  template: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
}

export interface MailboxEmail extends MailboxEntry {
  lastError: string | null;
  /** Null when the stored payload no longer renders, and `renderError` then contains the reason. */
  rendered: RenderedEmail | null;
  renderError: string | null;
}

const entrySelect = {
  id: true,
  toEmail: true,
  template: true,
  payload: true,
  status: true,
  attempts: true,
  createdAt: true,
  sentAt: true,
} as const;

function subjectOrPlaceholder(template: string, payload: unknown): string {
  try {
    return emailSubject(template, payload);
  } catch {
    return `(cannot render "${template}")`;
  }
}

/** Returns the newest outbox emails first, whatever their status. */
export async function listMailbox(db: Db, limit = 200): Promise<MailboxEntry[]> {
  const rows = await db.emailOutbox.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: entrySelect,
  });

  return rows.map(({ toEmail, payload, ...row }) => ({
    ...row,
    to: toEmail,
    subject: subjectOrPlaceholder(row.template, payload),
  }));
}

/** Loads one outbox email and renders it; null when no row has this id. */
export async function readMailboxEmail(db: Db, id: string): Promise<MailboxEmail | null> {
  const row = await db.emailOutbox.findUnique({ where: { id }, select: { ...entrySelect, lastError: true } });
  if (!row) {
    return null;
  }

  const { toEmail, payload, ...rest } = row;
  const entry = { ...rest, to: toEmail, subject: subjectOrPlaceholder(row.template, payload) };
  try {
    return { ...entry, rendered: await renderEmail(row.template, payload), renderError: null };
  } catch (error) {
    return { ...entry, rendered: null, renderError: error instanceof Error ? error.message : String(error) };
  }
}
