import { describe, expect, it } from "vitest";

import { formatForReader } from "~/server/time/zoned";

describe("formatForReader", () => {
  it("shows the reader's wall clock and zone", () => {
    expect(formatForReader(new Date("2027-03-05T13:05:00Z"), "Europe/Berlin")).toBe("5 Mar 2027, 14:05 (Europe/Berlin)");
  });

  it("shows the reader's date when the UTC date differs", () => {
    expect(formatForReader(new Date("2027-03-06T02:30:00Z"), "America/New_York", { dateOnly: true })).toBe("5 Mar 2027");
  });
});
