import { z } from "zod";

/** A half-open date range [from, to) that every dashboard query filters on. */
export interface MetricsRange {
  from: Date;
  to: Date;
}

export const metricsRangeSchema = z
  .object({
    from: z.iso.datetime({ offset: true, error: "From must be a date and time with an offset or Z." }).transform((value) => new Date(value)),
    to: z.iso.datetime({ offset: true, error: "To must be a date and time with an offset or Z." }).transform((value) => new Date(value)),
  })
  .refine((range) => range.from < range.to, { message: "From must be before To.", path: ["to"] })
  .refine((range) => range.to.getTime() - range.from.getTime() <= 366 * 86_400_000, { message: "The range may cover at most one year.", path: ["to"] });

/** Rounds a ratio to four decimals; null when the denominator is zero. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null;
}
