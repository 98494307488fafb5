import "server-only";

import { Resend } from "resend";

import { env } from "../env.js";
import { logger } from "../logger";

/** One rendered email, ready for a provider. */
export interface OutgoingEmail {
  /** The outbox row id; Resend receives it as the idempotency key. */
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface EmailTransport {
  kind: "resend" | "local";
  /** Sends one email and returns the provider's id for it, or throws EmailDeliveryError. */
  send(email: OutgoingEmail): Promise<{ providerId: string }>;
}

/** A failed send, with what the sender needs to decide whether and when to retry. */
export class EmailDeliveryError extends Error {
  /** HTTP status of the provider's response; null when no response arrived. */
  readonly status: number | null;
  /** Delay the provider requested in a `retry-after` header, in milliseconds. */
  readonly retryAfterMs: number | null;
  /** True when sending the same email again can succeed. */
  readonly retryable: boolean;
  /** The provider's error name, such as Resend's `rate_limit_exceeded`; safe to log, unlike the message. */
  readonly providerCode: string | null;

  constructor(
    message: string,
    options: { status: number | null; retryAfterMs?: number | null; retryable: boolean; providerCode?: string | null },
  ) {
    super(message);
    this.name = "EmailDeliveryError";
    this.status = options.status;
    this.providerCode = options.providerCode ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.retryable = options.retryable;
  }
}

/**
 * Parses a `retry-after` header, given either as delay-seconds or as an
 * HTTP date, into milliseconds from `now`.
 */
export function parseRetryAfter(value: string | undefined | null, now: Date): number | null {
  if (!value) {
    return null;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) {
    return null;
  }

  return Math.max(0, date - now.getTime());
}

/**
 * Returns true when a provider status can succeed on a later attempt: no response
 * (network failure or timeout), 429, 5xx, and Resend's 409
 * `concurrent_idempotent_requests`, which means an earlier request with the
 * same idempotency key is still in progress. Every other 4xx is permanent.
 */
export function isRetryableStatus(status: number | null, errorName?: string): boolean {
  if (status === null || status === 429 || status >= 500) {
    return true;
  }

  return status === 409 && errorName === "concurrent_idempotent_requests";
}

export interface ResendTransportOptions {
  apiKey: string;
  /** API base URL; unset means the SDK's default (its RESEND_BASE_URL handling, then https://api.resend.com). */
  baseUrl?: string;
  from: string;
  /** Maximum wait for one API request before it counts as a retryable failure. */
  timeoutMs?: number;
}

const DEFAULT_SEND_TIMEOUT_MS = 30_000;

/**
 * Sends through the Resend API with the outbox row id as the idempotency
 * key. Resend skips a request whose key it has seen in the last 24 hours
 * (https://resend.com/docs/dashboard/emails/idempotency-keys), so a row
 * retried within that window is not delivered twice.
 */
export function createResendTransport(options: ResendTransportOptions): EmailTransport {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  const timeoutMs = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;

  return {
    kind: "resend",
    async send(email) {
      const { data, error, headers } = await resend.emails.send(
        { from: options.from, to: [email.to], subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: email.id, signal: AbortSignal.timeout(timeoutMs) },
      );
      if (error) {
        // The SDK copies the status from the JSON error body; it is null when no response arrived.
        const status = typeof error.statusCode === "number" ? error.statusCode : null;
        throw new EmailDeliveryError(`Resend rejected the email: ${error.name}: ${error.message}`, {
          status,
          // An HTTP-date retry-after is wall-clock time, so it is measured against the system clock.
          retryAfterMs: parseRetryAfter(headers?.["retry-after"], new Date()),
          retryable: isRetryableStatus(status, error.name),
          providerCode: error.name,
        });
      }

      return { providerId: data.id };
    },
  };
}

/**
 * Keeps emails in the local mailbox instead of sending them: the row is
 * marked sent, and /dev/mailbox renders it from its template and payload.
 */
export function createLocalMailboxTransport(): EmailTransport {
  return {
    kind: "local",
    send(email) {
      logger.info({ outboxId: email.id }, "email kept in the local mailbox");

      return Promise.resolve({ providerId: `local:${email.id}` });
    },
  };
}

/** Chooses the transport from the environment: Resend when RESEND_API_KEY is set, else the local mailbox. */
export function createEmailTransport(): EmailTransport {
  if (env.RESEND_API_KEY) {
    return createResendTransport({ apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL, from: env.EMAIL_FROM });
  }

  return createLocalMailboxTransport();
}
