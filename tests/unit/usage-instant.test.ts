import { describe, expect, it } from "vitest";

import { instantUsageReaches, type LoggedSpan } from "~/server/budget/warning-projection";

const T0 = Date.parse("2027-05-03T10:00:00Z");
const MINUTE = 60_000;

/** Builds a span from `startMinute` to `endMinute` after T0; a null end is a running timer. */
function span(startMinute: number, endMinute: number | null): LoggedSpan {
  return { startedAt: new Date(T0 + startMinute * MINUTE), endedAt: endMinute === null ? null : new Date(T0 + endMinute * MINUTE) };
}

const trial = { start: new Date(T0 - 60 * MINUTE), end: null };

describe("instantUsageReaches", () => {
  it("finds the instant inside a finished span", () => {
    expect(instantUsageReaches([span(0, 30)], 600, trial)).toEqual(new Date(T0 + 10 * MINUTE));
  });

  it("projects a running span forward", () => {
    expect(instantUsageReaches([span(0, 5), span(10, null)], 600, trial)).toEqual(new Date(T0 + 15 * MINUTE));
  });

  it("returns null when finished spans fall short", () => {
    expect(instantUsageReaches([span(0, 5), span(10, 12)], 600, trial)).toBeNull();
  });

  it("counts overlapping spans twice", () => {
    // 2 minutes alone, then two timers: 8 more minutes take 4.
    expect(instantUsageReaches([span(0, null), span(2, null)], 600, trial)).toEqual(new Date(T0 + 6 * MINUTE));
  });

  it("rounds up to the next millisecond", () => {
    // Three timers need 1 second of work: 333.33 ms each.
    expect(instantUsageReaches([span(0, null), span(0, null), span(0, null)], 1, trial)).toEqual(new Date(T0 + 334));
  });

  it("ignores time outside the cycle", () => {
    const cycle = { start: new Date(T0), end: new Date(T0 + 20 * MINUTE) };

    expect(instantUsageReaches([span(-30, 5)], 600, cycle)).toBeNull();
    expect(instantUsageReaches([span(-30, null)], 600, cycle)).toEqual(new Date(T0 + 10 * MINUTE));
    expect(instantUsageReaches([span(-30, null)], 1500, cycle)).toBeNull();
  });
});
