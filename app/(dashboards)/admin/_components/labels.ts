import type {
  AssignmentEndReason,
  DeclineReason,
  FallThroughReason,
  OfferEndReason,
  OfferStatus,
  TaskStatus,
  TimerStopCause,
} from "~/server/db/generated/client";

/** Task statuses in the words an admin reads. */
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  routing: "Routing",
  unrouted: "Unrouted",
  assigned: "Assigned",
  in_progress: "In progress",
  out_of_time: "Out of time",
  in_review: "In review",
  completed: "Completed",
  cancelled: "Cancelled",
};

/** Reasons a task left its first audience for a wider one, as phrases. */
export const FALL_THROUGH_LABELS: Record<FallThroughReason, string> = {
  primary_away: "primary assistant away",
  primary_at_capacity: "primary assistant at capacity",
  primary_blocked: "primary assistant blocked",
  primary_lacks_skill: "primary assistant lacks a skill",
  primary_declined: "primary assistant declined",
  primary_expired: "primary assistant let the offer expire",
  team_unavailable: "no team member available",
  team_declined: "team declined",
  asked_for_team: "client asked for the team",
  asked_for_new: "client asked for someone new",
};

export const OFFER_STATUS_LABELS: Record<OfferStatus, string> = {
  pending: "Pending",
  accepted: "Accepted",
  declined: "Declined",
  expired: "Expired",
  withdrawn: "Withdrawn",
};

export const OFFER_END_LABELS: Record<OfferEndReason, string> = {
  accepted: "accepted",
  declined: "declined",
  expired: "expired",
  taken_by_another: "another assistant accepted first",
  assistant_blocked: "assistant blocked",
  assistant_deactivated: "assistant deactivated",
  task_cancelled: "task cancelled",
};

export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  not_interested: "Not interested",
  lacks_skill: "Lacks the skill",
  no_capacity: "No capacity",
  other: "Other",
};

export const ASSIGNMENT_END_LABELS: Record<AssignmentEndReason, string> = {
  lapsed: "Lapsed (timer not started in time)",
  reassigned: "Reassigned by an admin",
  completed: "Completed",
  cancelled: "Task cancelled",
  assistant_deactivated: "Assistant deactivated",
};

export const STOP_CAUSE_LABELS: Record<TimerStopCause, string> = {
  assistant: "stopped by the assistant",
  switched_task: "assistant started another task",
  balance_exhausted: "client's time ran out",
  task_limit_reached: "task's time limit reached",
  watchdog: "stopped after running too long",
  submitted: "work submitted",
  task_cancelled: "task cancelled",
  task_reassigned: "task reassigned",
};

/** Returns the label of a decline reason stored as SQL text, or the stored name for an unknown value. */
export function declineReasonLabel(reason: string): string {
  return reason in DECLINE_REASON_LABELS ? DECLINE_REASON_LABELS[reason as DeclineReason] : reason;
}

/** Ranking factors of an offer's score, named as on the settings page's routing weights. */
const FACTOR_LABELS: Record<string, string> = {
  skillFit: "Skill fit",
  declineHistory: "Decline history",
  reliability: "Reliability",
  load: "Free capacity",
  fairness: "Fairness",
  timeZoneOverlap: "Time zone overlap",
  trialConversion: "Trial conversion",
};

/** Returns the label of a ranking factor, or the stored name for an unknown factor. */
export function factorLabel(name: string): string {
  return FACTOR_LABELS[name] ?? name;
}
