import "server-only";

import { InvalidEmailPayloadError, renderEmail, UnknownEmailTemplateError, type RenderedEmail } from "~/emails";

import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { logger } from "../logger";
import { EmailDeliveryError, type EmailTransport } from "./transport";

export interface RetryPolicy {
  /** Attempts before a row is marked failed, the first one included. */
  maxAttempts: number;
  /** Delay after the first failed attempt. It doubles after each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Upper bound on a provider's `retry-after`, so one bad header cannot park a row for months. */
  maxRetryAfterMs: number;
  /**
   * How long a claimed row is hidden from other senders. It must exceed the
   * transport's request timeout, or a slow send could be claimed again.
   */
  leaseMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  maxRetryAfterMs: 24 * 60 * 60_000,
  leaseMs: 5 * 60_000,
};

export interface DeliverPendingEmailsOptions {
  db: Db;
  clock: Clock;
  transport: EmailTransport;
  /** Maximum number of rows claimed in one run. */
  limit?: number;
  policy?: Partial<RetryPolicy>;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  /** Rows that failed this time and are scheduled for another attempt. */
  retrying: number;
  failed: number;
}

const DEFAULT_LIMIT = 20;
const MAX_ERROR_LENGTH = 2000;

interface ClaimedRow {
  id: string;
  toEmail: string;
  template: string;
  payload: unknown;
  /** Attempt number of this claim; later writes are fenced on it. */
  attempts: number;
}

type Outcome = "sent" | "retrying" | "failed" | "lost";

/**
 * Sends the due emails of the outbox: rows still pending whose
 * nextAttemptAt has passed, oldest first. Safe to run in several processes
 * at once, because each row is claimed by one atomic UPDATE that also moves
 * nextAttemptAt forward by a lease, and later writes only apply while that
 * claim is still the latest one.
 *
 * A 429, a 5xx or a network failure is retried after the provider's
 * `retry-after`, or with exponential backoff when there is none. Any other
 * provider error, and a payload that cannot render, marks the row failed at
 * once. A row is also marked failed after `maxAttempts` attempts. The error
 * message is kept in lastError either way.
 */
export async function deliverPendingEmails(options: DeliverPendingEmailsOptions): Promise<DeliveryReport> {
  const { db, clock, transport } = options;
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const report: DeliveryReport = { claimed: 0, sent: 0, retrying: 0, failed: 0 };

  const due = await db.emailOutbox.findMany({
    where: { status: "pending", nextAttemptAt: { lte: clock.now() } },
    orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
    take: options.limit ?? DEFAULT_LIMIT,
    select: { id: true },
  });

  for (const { id } of due) {
    const row = await claimRow(db, id, clock.now(), policy.leaseMs);
    if (!row) {
      continue;
    }
    report.claimed += 1;

    const outcome = await deliverRow(db, clock, transport, policy, row);
    if (outcome !== "lost") {
      report[outcome] += 1;
    }
  }

  return report;
}

/**
 * Claims one due row for this sender. The WHERE clause is re-checked under
 * the row lock, so when two senders race, the second one updates nothing.
 */
async function claimRow(db: Db, id: string, now: Date, leaseMs: number): Promise<ClaimedRow | null> {
  const claimed = await db.emailOutbox.updateMany({
    where: { id, status: "pending", nextAttemptAt: { lte: now } },
    data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + leaseMs) },
  });
  if (claimed.count === 0) {
    return null;
  }

  return db.emailOutbox.findUnique({
    where: { id },
    select: { id: true, toEmail: true, template: true, payload: true, attempts: true },
  });
}

async function deliverRow(db: Db, clock: Clock, transport: EmailTransport, policy: RetryPolicy, row: ClaimedRow): Promise<Outcome> {
  let rendered: RenderedEmail;
  try {
    rendered = await renderEmail(row.template, row.payload);
  } catch (error) {
    // Templates are pure functions of the payload, so a row that fails to render once never renders.
    const reason = error instanceof InvalidEmailPayloadError || error instanceof UnknownEmailTemplateError ? "invalid row" : "template error";
    logger.error({ outboxId: row.id, template: row.template, reason, err: error }, "email failed to render");

    return markFailed(db, row, errorMessage(error));
  }

  let providerId: string;
  try {
    ({ providerId } = await transport.send({ id: row.id, to: row.toEmail, ...rendered }));
  } catch (error) {
    return handleSendError(db, clock, policy, row, error);
  }

  const marked = await db.emailOutbox.updateMany({
    where: { id: row.id, status: "pending", attempts: row.attempts },
    data: { status: "sent", providerId, sentAt: clock.now(), lastError: null },
  });
  if (marked.count === 0) {
    return lostClaim(row, "sent");
  }
  logger.info({ outboxId: row.id, template: row.template, attempts: row.attempts, transport: transport.kind }, "email sent");

  return "sent";
}

async function handleSendError(db: Db, clock: Clock, policy: RetryPolicy, row: ClaimedRow, error: unknown): Promise<Outcome> {
  // An error that is not an EmailDeliveryError came from our own code or the SDK, so another attempt may succeed.
  const deliveryError = error instanceof EmailDeliveryError ? error : null;
  const retryable = deliveryError?.retryable ?? true;
  const context = {
    outboxId: row.id,
    template: row.template,
    attempts: row.attempts,
    status: deliveryError?.status ?? null,
    providerCode: deliveryError?.providerCode ?? null,
  };

  if (!retryable || row.attempts >= policy.maxAttempts) {
    logger.error({ ...context, retryable }, "email delivery failed; no more attempts");

    return markFailed(db, row, errorMessage(error));
  }

  const delayMs = retryDelayMs(policy, row.attempts, deliveryError?.retryAfterMs ?? null);
  const nextAttemptAt = new Date(clock.now().getTime() + delayMs);
  const updated = await db.emailOutbox.updateMany({
    where: { id: row.id, status: "pending", attempts: row.attempts },
    data: { nextAttemptAt, lastError: errorMessage(error) },
  });
  if (updated.count === 0) {
    return lostClaim(row, "retry");
  }
  logger.warn({ ...context, nextAttemptAt }, "email delivery failed; retry scheduled");

  return "retrying";
}

/** Returns the delay before the next attempt: the provider's retry-after when it sent one, else exponential backoff. */
export function retryDelayMs(policy: RetryPolicy, attempts: number, retryAfterMs: number | null): number {
  if (retryAfterMs !== null) {
    return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  }

  return Math.min(policy.baseDelayMs * 2 ** (attempts - 1), policy.maxDelayMs);
}

async function markFailed(db: Db, row: ClaimedRow, lastError: string): Promise<Outcome> {
  const updated = await db.emailOutbox.updateMany({
    where: { id: row.id, status: "pending", attempts: row.attempts },
    data: { status: "failed", lastError },
  });

  return updated.count === 0 ? lostClaim(row, "failed") : "failed";
}

/**
 * Logs a write skipped because the claim expired and another sender claimed
 * the row again. That sender repeats the send with the same idempotency key.
 */
function lostClaim(row: ClaimedRow, outcome: "sent" | "retry" | "failed"): Outcome {
  logger.warn({ outboxId: row.id, attempts: row.attempts, outcome }, "email outcome not saved because the claim expired");

  return "lost";
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);

  return message.slice(0, MAX_ERROR_LENGTH);
}
