import { wallClock } from "~/server/time/zoned";

import { formatDuration } from "../../_components/format";

const pad = (value: number) => String(value).padStart(2, "0");

/** Formats a running duration to the second, such as "1 h 05 min 07 s" or "4 min 09 s". */
export function formatElapsed(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));

  return `${formatDuration(whole)} ${pad(whole % 60)} s`;
}

/**
 * Formats an instant as the value of an `<input type="datetime-local">` in a
 * time zone, such as "2027-03-01T14:30". Seconds are dropped.
 */
export function toDateTimeLocalValue(instant: Date, timeZone: string): string {
  const local = wallClock(instant, timeZone);

  return `${local.year}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}`;
}

/** Formats a calendar date such as "2027-03-01" as "Mon 1 Mar 2027". */
export function formatCalendarDate(date: string): string {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);

  return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** Formats an instant as date and time to the second in a time zone, such as "1 Mar 2027, 14:30:05". */
export function formatInstantWithSeconds(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZone,
  }).format(instant);
}

/**
 * Formats a span in a time zone, leaving out the end's date when it falls on
 * the start's day, such as "1 Mar 2027, 14:30:05 – 15:10:00".
 */
export function formatSpan(start: Date, end: Date, timeZone: string): string {
  const startDay = wallClock(start, timeZone);
  const endDay = wallClock(end, timeZone);
  const sameDay = startDay.year === endDay.year && startDay.month === endDay.month && startDay.day === endDay.day;
  const endText = sameDay
    ? new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone }).format(end)
    : formatInstantWithSeconds(end, timeZone);

  return `${formatInstantWithSeconds(start, timeZone)} – ${endText}`;
}
