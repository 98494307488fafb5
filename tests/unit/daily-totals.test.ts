import { describe, expect, it } from "vitest";

import { dailyTotals, type LoggedSpan } from "~/app/(dashboards)/assistant/_components/daily-totals";

const HOUR = 3600;

/** Builds a finished entry from `start` lasting `seconds`. */
function entry(start: string, seconds: number): LoggedSpan {
  const startedAt = new Date(start);

  return { startedAt, endedAt: new Date(startedAt.getTime() + seconds * 1000), seconds };
}

const sum = (totals: Array<{ seconds: number }>) => totals.reduce((total, day) => total + day.seconds, 0);

describe("dailyTotals", () => {
  it("keeps an entry within one day whole", () => {
    const totals = dailyTotals([entry("2027-03-01T09:00:00Z", 2 * HOUR)], "Europe/London", new Date("2027-03-02T00:00:00Z"));

    expect(totals).toEqual([{ date: "2027-03-01", seconds: 2 * HOUR }]);
  });

  it("splits an entry at the viewer's midnight", () => {
    const totals = dailyTotals([entry("2027-03-01T23:00:00Z", 2.5 * HOUR)], "Europe/London", new Date("2027-03-03T00:00:00Z"));

    expect(totals).toEqual([
      { date: "2027-03-01", seconds: HOUR },
      { date: "2027-03-02", seconds: 1.5 * HOUR },
    ]);
  });

  it("splits at midnight of the viewer's zone, not UTC", () => {
    // 23:00–01:30 UTC is 08:00–10:30 on 2 March in Tokyo.
    const totals = dailyTotals([entry("2027-03-01T23:00:00Z", 2.5 * HOUR)], "Asia/Tokyo", new Date("2027-03-03T00:00:00Z"));

    expect(totals).toEqual([{ date: "2027-03-02", seconds: 2.5 * HOUR }]);
  });

  it("fills a day to exactly 24 h at most", () => {
    // Three back-to-back 12-hour entries from noon cover 1 March 12:00 to 3 March 00:00 in UTC.
    const entries = [entry("2027-03-01T12:00:00Z", 12 * HOUR), entry("2027-03-02T00:00:00Z", 12 * HOUR), entry("2027-03-02T12:00:00Z", 12 * HOUR)];
    const totals = dailyTotals(entries, "UTC", new Date("2027-03-04T00:00:00Z"));

    expect(totals).toEqual([
      { date: "2027-03-01", seconds: 12 * HOUR },
      { date: "2027-03-02", seconds: 24 * HOUR },
    ]);
  });

  it("gives a 23-hour daylight-saving day 23 h", () => {
    // Berlin skips 02:00–03:00 on 30 March 2025: its local day runs from 29 March 23:00 UTC to 30 March 22:00 UTC.
    const entries = [entry("2025-03-29T20:00:00Z", 12 * HOUR), entry("2025-03-30T08:00:00Z", 12 * HOUR), entry("2025-03-30T20:00:00Z", 4 * HOUR)];
    const totals = dailyTotals(entries, "Europe/Berlin", new Date("2025-04-01T00:00:00Z"));

    expect(totals).toEqual([
      { date: "2025-03-29", seconds: 3 * HOUR },
      { date: "2025-03-30", seconds: 23 * HOUR },
      { date: "2025-03-31", seconds: 2 * HOUR },
    ]);
  });

  it("adds up to the billed seconds with sub-second starts", () => {
    const startedAt = new Date("2027-03-01T23:59:59.600Z");
    const spans: LoggedSpan[] = [{ startedAt, endedAt: new Date(startedAt.getTime() + 10_500), seconds: 10 }];
    const totals = dailyTotals(spans, "UTC", new Date("2027-03-03T00:00:00Z"));

    expect(sum(totals)).toBe(10);
    expect(totals.at(-1)?.date).toBe("2027-03-02");
  });

  it("splits a long run over several days and keeps the sum", () => {
    const entries = [entry("2027-03-01T18:45:10Z", 11 * HOUR + 59 * 60 + 59), entry("2027-03-02T20:00:00Z", 7 * HOUR + 17)];
    const totals = dailyTotals(entries, "America/New_York", new Date("2027-03-05T00:00:00Z"));

    expect(sum(totals)).toBe(entries.reduce((total, span) => total + (span.seconds ?? 0), 0));
    for (const day of totals) {
      expect(day.seconds).toBeLessThanOrEqual(24 * HOUR);
    }
  });

  it("counts a running entry up to now", () => {
    const running: LoggedSpan = { startedAt: new Date("2027-03-01T23:50:00Z"), endedAt: null, seconds: null };
    const totals = dailyTotals([running], "UTC", new Date("2027-03-02T00:20:00Z"));

    expect(totals).toEqual([
      { date: "2027-03-01", seconds: 600 },
      { date: "2027-03-02", seconds: 1200 },
    ]);
  });

  it("returns no days for an empty log", () => {
    expect(dailyTotals([], "UTC", new Date("2027-03-01T00:00:00Z"))).toEqual([]);
  });
});
