const DAY_MS = 24 * 60 * 60 * 1000;
/** The default range covers the current week and the seven before it. */
const DEFAULT_WEEKS = 8;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Returns the UTC calendar date of an instant as YYYY-MM-DD. */
function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Parses a YYYY-MM-DD date as UTC midnight, and returns null when it is not a real date. */
export function parseDate(value: string): Date | null {
  if (!ISO_DATE.test(value)) {
    return null;
  }
  const instant = new Date(`${value}T00:00:00Z`);

  return Number.isNaN(instant.getTime()) || utcDate(instant) !== value ? null : instant;
}

/**
 * Returns the default date range: from the Monday seven weeks before this week's
 * Monday through today, in UTC, so each of the eight cohort weeks is whole
 * except the current one.
 */
export function defaultDateRange(now: Date): { from: string; to: string } {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const daysSinceMonday = (today.getUTCDay() + 6) % 7;
  const from = new Date(today.getTime() - (daysSinceMonday + (DEFAULT_WEEKS - 1) * 7) * DAY_MS);

  return { from: utcDate(from), to: utcDate(today) };
}

/**
 * Turns the inclusive dates of the form into the half-open range of
 * instants that `metrics.dashboard` takes: from midnight UTC of the first
 * day to midnight UTC after the last day.
 */
export function rangeInstants(from: Date, to: Date): { from: string; to: string } {
  return { from: from.toISOString(), to: new Date(to.getTime() + DAY_MS).toISOString() };
}

/** Names a half-open range of instants by its first and last UTC day, such as "2027-01-04-to-2027-03-01". */
export function fileNameRange(from: Date, toExclusive: Date): string {
  return `${utcDate(from)}-to-${utcDate(new Date(toExclusive.getTime() - DAY_MS))}`;
}
