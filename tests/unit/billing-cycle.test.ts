import { describe, expect, it } from "vitest";

import { cycleAt, type CycleSource } from "~/server/budget/cycle";
import { startOfLocalDay } from "~/server/time/zoned";

function planSource(startedAt: string, timeZone = "UTC"): CycleSource {
  return {
    timeZone,
    trialStartedAt: new Date("2026-01-01T00:00:00Z"),
    trialSeconds: 3600,
    subscription: { planCode: "standard", secondsPerCycle: 36_000, startedAt: new Date(startedAt) },
  };
}

function cycleStarts(source: CycleSource, instants: string[]): string[] {
  return instants.map((instant) => cycleAt(source, new Date(instant)).start.toISOString().slice(0, 10));
}

describe("plan cycles", () => {
  it("anchored on the 31st clamp through February", () => {
    const source = planSource("2027-01-31T10:00:00Z");

    expect(cycleStarts(source, ["2027-02-27T12:00:00Z", "2027-02-28T12:00:00Z", "2027-03-30T12:00:00Z", "2027-03-31T12:00:00Z", "2027-04-30T12:00:00Z"])).toEqual([
      "2027-01-31",
      "2027-02-28",
      "2027-02-28",
      "2027-03-31",
      "2027-04-30",
    ]);
  });

  it("anchored on the 29th use 29 February in a leap year", () => {
    const source = planSource("2027-12-29T08:00:00Z");

    expect(cycleStarts(source, ["2028-02-28T12:00:00Z", "2028-02-29T12:00:00Z", "2028-03-29T00:00:00Z"])).toEqual(["2028-01-29", "2028-02-29", "2028-03-29"]);
  });

  it("anchored on the 30th fall back to 28 February", () => {
    const source = planSource("2027-01-30T08:00:00Z");

    expect(cycleStarts(source, ["2027-02-28T00:00:00Z", "2027-03-29T23:59:59Z", "2027-03-30T00:00:00Z"])).toEqual(["2027-02-28", "2027-02-28", "2027-03-30"]);
  });

  it("first cycle starts at the subscription instant", () => {
    const cycle = cycleAt(planSource("2027-05-10T15:30:00Z"), new Date("2027-05-20T00:00:00Z"));

    expect(cycle.start.toISOString()).toBe("2027-05-10T15:30:00.000Z");
    expect(cycle.end?.toISOString()).toBe("2027-06-10T00:00:00.000Z");
    expect(cycle.allowanceSeconds).toBe(36_000);
  });

  it("boundaries fall at local midnight in the client's zone", () => {
    const cycle = cycleAt(planSource("2027-01-15T12:00:00Z", "America/New_York"), new Date("2027-02-20T00:00:00Z"));

    expect(cycle.start.toISOString()).toBe("2027-02-15T05:00:00.000Z");
    expect(cycle.end?.toISOString()).toBe("2027-03-15T04:00:00.000Z");
  });

  it("a trial has one cycle with no end", () => {
    const source: CycleSource = { ...planSource("2027-01-01T00:00:00Z"), subscription: null };
    const cycle = cycleAt(source, new Date("2027-06-01T00:00:00Z"));

    expect(cycle).toMatchObject({ kind: "trial", end: null, allowanceSeconds: 3600 });
  });
});

describe("local midnight", () => {
  it("skipped by daylight saving starts at 01:00", () => {
    // Santiago moved clocks from 00:00 to 01:00 on 2026-09-06.
    expect(startOfLocalDay({ year: 2026, month: 9, day: 6 }, "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
  });

  it("in Berlin summer time is 22:00 UTC the day before", () => {
    expect(startOfLocalDay({ year: 2026, month: 7, day: 1 }, "Europe/Berlin").toISOString()).toBe("2026-06-30T22:00:00.000Z");
  });
});
