/**
 * The settings page's description of each setting of `settingsSchema`: its
 * label, help text, unit and bounds. The server's schema stays the
 * authority. The bounds here repeat it so the form can name a problem in
 * the unit the admin typed, and a test checks that they match.
 */

export const MINUTE = 60;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type DurationUnit = "minutes" | "hours" | "days";

export const UNIT_SECONDS: Record<DurationUnit, number> = { minutes: MINUTE, hours: HOUR, days: DAY };

interface BaseField {
  /** The setting's key, or a dotted path into an object setting ("planSeconds.starter"). */
  path: string;
  label: string;
  help: string;
}

/** A number of seconds, edited in minutes, hours or days. Bounds are in seconds and inclusive. */
export interface DurationField extends BaseField {
  kind: "duration";
  min: number;
  max?: number;
  /** True when the value must be above `min`, not equal to it. */
  minExclusive?: boolean;
}

/** A whole number of things, such as assistants or lapses. */
export interface CountField extends BaseField {
  kind: "count";
  unit: string;
  min: number;
  max?: number;
}

/** A fraction strictly between 0 and 1, edited as a percentage. */
export interface PercentField extends BaseField {
  kind: "percent";
}

/** A ranking weight: any number from 0 up, where 0 turns the factor off. */
export interface WeightField extends BaseField {
  kind: "weight";
}

/** A list of positive durations, edited in one unit. */
export interface DurationListField extends BaseField {
  kind: "durationList";
  minItems: number;
  maxItems?: number;
}

export type SettingField = DurationField | CountField | PercentField | WeightField | DurationListField;

export interface SettingGroup {
  title: string;
  fields: SettingField[];
}

export const SETTING_GROUPS: SettingGroup[] = [
  {
    title: "Trial, plans and top-ups",
    fields: [
      { kind: "duration", path: "trialAllowanceSeconds", label: "Trial allowance", help: "Free task time for a new trial client.", min: 0 },
      { kind: "duration", path: "planSeconds.starter", label: "Starter plan", help: "Hours in each monthly cycle.", min: 0, minExclusive: true },
      { kind: "duration", path: "planSeconds.standard", label: "Standard plan", help: "Hours in each monthly cycle.", min: 0, minExclusive: true },
      { kind: "duration", path: "planSeconds.pro", label: "Pro plan", help: "Hours in each monthly cycle.", min: 0, minExclusive: true },
      { kind: "duration", path: "planSeconds.team", label: "Team plan", help: "Hours in each monthly cycle.", min: 0, minExclusive: true },
      { kind: "durationList", path: "topUpSeconds", label: "Top-up sizes", help: "The one-off top-ups a client can buy.", minItems: 1 },
      {
        kind: "count",
        path: "conversionBarTrialClients",
        label: "Conversion bar",
        help: "Assistants should convert one trial client in this many. Each sees their rate against it once they served this many.",
        unit: "trial clients",
        min: 1,
        max: 100,
      },
    ],
  },
  {
    title: "Offers and routing",
    fields: [
      { kind: "count", path: "offerWaveSize", label: "Offer wave size", help: "Assistants offered a task at once.", unit: "assistants", min: 1, max: 20 },
      { kind: "duration", path: "offerLifetimeSeconds", label: "Offer lifetime", help: "How long an offer stays open.", min: MINUTE },
      { kind: "count", path: "assistantCapacity", label: "Assistant capacity", help: "Active tasks an assistant can hold before offers stop.", unit: "active tasks", min: 1 },
      {
        kind: "count",
        path: "maxReallocations",
        label: "Reallocations before the unrouted queue",
        help: "After this many lapses on one task, it waits for an admin.",
        unit: "reallocations",
        min: 0,
      },
      { kind: "duration", path: "routingHistorySeconds", label: "Routing history", help: "How far back acceptances, declines and lapses count for ranking.", min: DAY },
    ],
  },
  {
    title: "Start window and blocking",
    fields: [
      { kind: "duration", path: "startWindowSeconds", label: "Start window", help: "Time after accepting to start the timer.", min: MINUTE },
      { kind: "percent", path: "startReminderFraction", label: "Start reminder", help: "Share of the start window after which the reminder goes out." },
      { kind: "count", path: "lapsesToBlock", label: "Lapses to block", help: "Lapses within the lapse window that block an assistant.", unit: "lapses", min: 1 },
      { kind: "duration", path: "lapseWindowSeconds", label: "Lapse window", help: "How far back lapses count toward a block.", min: DAY },
      { kind: "duration", path: "blockSeconds", label: "Block length", help: "How long a block keeps offers away.", min: HOUR },
    ],
  },
  {
    title: "Time warnings and timers",
    fields: [
      { kind: "percent", path: "timeWarningUsedFraction", label: "First time warning", help: "Share of the allowance used when the client is first warned." },
      { kind: "duration", path: "timeWarningRemainingSeconds", label: "Last time warning", help: "Time left when the client is warned again.", min: 0 },
      { kind: "duration", path: "maxRunningTimerSeconds", label: "Longest running timer", help: "A timer running this long stops by itself.", min: HOUR, max: 12 * HOUR },
      { kind: "duration", path: "maxEntrySeconds", label: "Longest time entry", help: "No entry may be longer; at most 12 hours.", min: HOUR, max: 12 * HOUR },
    ],
  },
  {
    title: "Review and messages",
    fields: [
      { kind: "duration", path: "autoApproveSeconds", label: "Auto-approval after", help: "Time in review before work is approved automatically.", min: HOUR },
      {
        kind: "durationList",
        path: "reviewReminderSecondsBefore",
        label: "Review reminders",
        help: "How long before auto-approval each reminder goes out.",
        minItems: 0,
        maxItems: 5,
      },
      { kind: "duration", path: "unreadMessageEmailSeconds", label: "Unread message email after", help: "How long a message stays unread before it is emailed.", min: 0 },
    ],
  },
  {
    title: "Routing weights",
    fields: [
      { kind: "weight", path: "routingWeights.skillFit", label: "Skill fit", help: "How closely the assistant's skills match the brief." },
      { kind: "weight", path: "routingWeights.declineHistory", label: "Decline history", help: "Fewer declines of work with these skills rank higher." },
      { kind: "weight", path: "routingWeights.reliability", label: "Reliability", help: "Acceptances against lapses." },
      { kind: "weight", path: "routingWeights.load", label: "Free capacity", help: "Room left below the assistant's capacity." },
      { kind: "weight", path: "routingWeights.fairness", label: "Fairness", help: "Time since the assistant's last offer." },
      { kind: "weight", path: "routingWeights.timeZoneOverlap", label: "Time zone overlap", help: "Working hours before the due date." },
      { kind: "weight", path: "routingWeights.trialConversion", label: "Trial conversion", help: "For trial clients: how well the assistant converts them." },
    ],
  },
];

export const SETTING_FIELDS: SettingField[] = SETTING_GROUPS.flatMap((group) => group.fields);

/** Picks the largest unit in which the duration is a whole number, so 900 s reads as 15 minutes. */
export function unitFor(seconds: number): DurationUnit {
  if (seconds > 0 && seconds % DAY === 0) {
    return "days";
  }
  if (seconds > 0 && seconds % HOUR === 0) {
    return "hours";
  }

  return "minutes";
}

/** Formats a duration in the unit given, such as "15 minutes" or "1.5 hours". */
export function durationText(seconds: number, unit: DurationUnit = unitFor(seconds)): string {
  const amount = Math.round((seconds / UNIT_SECONDS[unit]) * 100) / 100;
  const name = amount === 1 ? unit.slice(0, -1) : unit;

  return `${amount.toLocaleString("en-GB")} ${name}`;
}

/** Reads a value at a dotted path of a settings object. */
export function readPath(source: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), source);
}
