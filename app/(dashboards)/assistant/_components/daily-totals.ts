import { startOfLocalDay, wallClock, type LocalDate } from "~/server/time/zoned";

export interface LoggedSpan {
  startedAt: Date;
  /** Null while the timer runs. */
  endedAt: Date | null;
  /** The billed seconds of a finished entry; null while the timer runs. */
  seconds: number | null;
}

export interface DailyTotal {
  /** The local calendar date, such as "2027-03-01". */
  date: string;
  seconds: number;
}

function formatLocalDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

function nextDay(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));

  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/**
 * Sums logged time per local calendar day in `timeZone`, oldest day first.
 * An entry that crosses midnight is split there, so no day contains more time
 * than it has hours (24, or 23 and 25 on daylight-saving days) unless entries
 * overlap. Each entry's pieces are whole seconds that add up to its billed
 * seconds, so the days add up to the log's total. A running entry counts up
 * to `now`. Days without time are left out.
 */
export function dailyTotals(entries: LoggedSpan[], timeZone: string, now: Date): DailyTotal[] {
  const totals = new Map<string, number>();
  const add = (date: LocalDate, seconds: number) => {
    if (seconds > 0) {
      const key = formatLocalDate(date);
      totals.set(key, (totals.get(key) ?? 0) + seconds);
    }
  };

  for (const entry of entries) {
    const start = entry.startedAt.getTime();
    const end = (entry.endedAt ?? now).getTime();
    const total = entry.seconds ?? Math.max(0, Math.floor((end - start) / 1000));

    let day: LocalDate = wallClock(entry.startedAt, timeZone);
    let allocated = 0;
    while (allocated < total) {
      const following = nextDay(day);
      const midnight = startOfLocalDay(following, timeZone).getTime();
      if (midnight >= end) {
        add(day, total - allocated);
        break;
      }
      // The boundary is rounded down to a whole second and kept within the entry's billed seconds.
      const boundary = Math.min(total, Math.max(allocated, Math.floor((midnight - start) / 1000)));
      add(day, boundary - allocated);
      allocated = boundary;
      day = following;
    }
  }

  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, seconds]) => ({ date, seconds }));
}
