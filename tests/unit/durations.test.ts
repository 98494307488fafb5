import { describe, expect, it } from "vitest";

import { zonedTimeToUtc } from "~/server/time/zoned";

const minutesBetween = (start: Date, end: Date) => (end.getTime() - start.getTime()) / 60_000;

describe("durations across daylight saving", () => {
  it("spring forward in Berlin is 25 minutes", () => {
    const start = zonedTimeToUtc({ year: 2025, month: 3, day: 30, hour: 1, minute: 50 }, "Europe/Berlin");
    const end = zonedTimeToUtc({ year: 2025, month: 3, day: 30, hour: 3, minute: 15 }, "Europe/Berlin");

    expect(start.toISOString()).toBe("2025-03-30T00:50:00.000Z");
    expect(minutesBetween(start, end)).toBe(25);
  });

  it("fall back in Berlin from CEST to CET is 50 minutes", () => {
    // 02:30 CEST is 00:30 UTC; 02:20 CET, after the clocks went back, is 01:20 UTC.
    const start = new Date("2025-10-26T02:30:00+02:00");
    const end = new Date("2025-10-26T02:20:00+01:00");

    expect(minutesBetween(start, end)).toBe(50);
    expect(zonedTimeToUtc({ year: 2025, month: 10, day: 26, hour: 2, minute: 30 }, "Europe/Berlin").toISOString()).toBe("2025-10-26T00:30:00.000Z");
  });
});
