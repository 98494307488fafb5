import type { z } from "zod";

import { approvedEmail } from "./approved";
import { blockedEmail } from "./blocked";
import { changesRequestedEmail } from "./changes-requested";
import type { RenderedEmail } from "./components/define";
import { handoffReceivedEmail } from "./handoff-received";
import { newMessageEmail } from "./new-message";
import { offerAvailableEmail } from "./offer-available";
import { offerWithdrawnEmail } from "./offer-withdrawn";
import { readyForReviewEmail } from "./ready-for-review";
import { reallocatedEmail } from "./reallocated";
import { reviewReminderEmail } from "./review-reminder";
import { signInLinkEmail } from "./sign-in-link";
import { startReminderEmail } from "./start-reminder";
import { stopWorkEmail } from "./stop-work";
import { taskAssignedEmail } from "./task-assigned";
import { taskReassignedEmail } from "./task-reassigned";
import { timeLowEmail } from "./time-low";
import { timeUsedUpEmail } from "./time-used-up";
import { timerStoppedEmail } from "./timer-stopped";
import { trialEndingEmail } from "./trial-ending";
import { unroutedTaskEmail } from "./unrouted-task";
import { welcomeEmail } from "./welcome";

export { InvalidEmailPayloadError, toSubjectLine, type RenderedEmail } from "./components/define";

/**
 * Every email Baton sends, by the template name stored in the outbox. A
 * name is persisted with queued rows, so renaming one strands the rows
 * already queued under the old name.
 */
export const emailTemplates = {
  "offer-available": offerAvailableEmail,
  "offer-withdrawn": offerWithdrawnEmail,
  "start-reminder": startReminderEmail,
  "task-assigned": taskAssignedEmail,
  "task-reassigned": taskReassignedEmail,
  reallocated: reallocatedEmail,
  blocked: blockedEmail,
  "time-low": timeLowEmail,
  "time-used-up": timeUsedUpEmail,
  "trial-ending": trialEndingEmail,
  "stop-work": stopWorkEmail,
  "handoff-received": handoffReceivedEmail,
  "ready-for-review": readyForReviewEmail,
  "changes-requested": changesRequestedEmail,
  approved: approvedEmail,
  "review-reminder": reviewReminderEmail,
  "unrouted-task": unroutedTaskEmail,
  "new-message": newMessageEmail,
  welcome: welcomeEmail,
  "sign-in-link": signInLinkEmail,
  "timer-stopped": timerStoppedEmail,
} as const;

export type EmailTemplate = keyof typeof emailTemplates;

/** The props (and stored JSON payload) of one template. */
export type EmailPayload<T extends EmailTemplate> = z.input<(typeof emailTemplates)[T]["payload"]>;

export const EMAIL_TEMPLATE_NAMES = Object.keys(emailTemplates) as EmailTemplate[];

export function isEmailTemplate(name: string): name is EmailTemplate {
  return Object.hasOwn(emailTemplates, name);
}

/** Raised for an outbox row whose template name no longer exists. */
export class UnknownEmailTemplateError extends Error {
  constructor(template: string) {
    super(`Unknown email template "${template}"`);
    this.name = "UnknownEmailTemplateError";
  }
}

function definitionOf(template: string) {
  if (!isEmailTemplate(template)) {
    throw new UnknownEmailTemplateError(template);
  }

  return emailTemplates[template];
}

/**
 * Renders a stored email to subject, HTML and plain text. Throws
 * UnknownEmailTemplateError or InvalidEmailPayloadError when the row can
 * never render.
 */
export async function renderEmail(template: string, payload: unknown): Promise<RenderedEmail> {
  return definitionOf(template).render(payload);
}

/** Returns the subject line of a stored email without rendering its body. */
export function emailSubject(template: string, payload: unknown): string {
  return definitionOf(template).subjectFor(payload);
}

/** Validates a payload for `template` and returns the value to store. */
export function parseEmailPayload<T extends EmailTemplate>(template: T, payload: EmailPayload<T>): unknown {
  return definitionOf(template).parse(payload);
}
