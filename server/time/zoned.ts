/** Calendar arithmetic in IANA time zones, on UTC instants, with no library. */

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }

  return formatter;
}

/** Returns the wall-clock fields of an instant in a time zone. */
export function wallClock(instant: Date, timeZone: string): LocalDate & { hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .filter((part) => part.type !== "literal")
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;

  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetAt(instant: Date, timeZone: string): number {
  const local = wallClock(instant, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);

  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * Returns the first instant of a local calendar day in a time zone. On a day
 * whose midnight is skipped by a daylight-saving change, that is the first
 * wall-clock time that exists.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day);
  let instant = guess - offsetAt(new Date(guess), timeZone);
  instant = guess - offsetAt(new Date(instant), timeZone);
  const local = wallClock(new Date(instant), timeZone);
  if (local.day !== date.day) {
    // Midnight did not exist: step forward to the first hour that did.
    instant += (24 - local.hour) * 3_600_000;
  }

  return new Date(instant);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Adds whole calendar months to a local date, keeping `anchorDay` where the
 * month has it and clamping to the month's last day where it does not
 * (anchor 31: 31 Jan → 28/29 Feb → 31 Mar).
 */
export function addMonthsClamped(start: LocalDate, months: number, anchorDay: number): LocalDate {
  const index = start.year * 12 + (start.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;

  return { year, month, day: Math.min(anchorDay, daysInMonth(year, month)) };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);

    return true;
  } catch {
    return false;
  }
}

/**
 * Converts a wall-clock time in a time zone to the UTC instant. A time
 * skipped by a daylight-saving change resolves to the instant one offset
 * later; a repeated time resolves to its first occurrence.
 */
export function zonedTimeToUtc(local: LocalDate & { hour: number; minute: number }, timeZone: string): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // The offsets a day either side bracket any daylight-saving change near this time.
  const offsetBefore = offsetAt(new Date(guess - 86_400_000), timeZone);
  const offsetAfter = offsetAt(new Date(guess + 86_400_000), timeZone);
  const candidates = [guess - offsetBefore, guess - offsetAfter].sort((a, b) => a - b);
  const matching = candidates.filter((instant) => {
    const wall = wallClock(new Date(instant), timeZone);

    return wall.day === local.day && wall.hour === local.hour && wall.minute === local.minute;
  });

  // No match means the time was skipped; the offset before the change moves it forward by the gap.
  return new Date(matching[0] ?? guess - offsetBefore);
}

/** Parses the value of an `<input type="datetime-local">` ("2027-03-01T14:30") as a time in `timeZone`. */
export function parseLocalDateTime(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) {
    return null;
  }
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];

  return zonedTimeToUtc({ year, month, day, hour, minute }, timeZone);
}

/**
 * Formats an instant for a message read by a person in `timeZone`, such as
 * "5 Mar 2027, 14:05 (Europe/Berlin)", or "5 Mar 2027" with `dateOnly`.
 */
export function formatForReader(instant: Date, timeZone: string, options: { dateOnly?: boolean } = {}): string {
  const date = new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric" }).format(instant);
  if (options.dateOnly) {
    return date;
  }
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);

  return `${date}, ${time} (${timeZone})`;
}
