import { z } from "zod";

export const BRIEF_PREFERENCES = ["primary", "team", "new", "anyone"] as const;
export const MAX_BRIEF_SKILLS = 5;
export const MAX_REFERENCE_LINKS = 10;

// Control characters other than tab, line feed and carriage return.
const CONTROL_CHARACTERS = /(?![\t\n\r])\p{Cc}/u;

function text(field: string, min: number, max: number, { multiline }: { multiline: boolean }) {
  return z
    .string({ error: `${field} is required.` })
    .trim()
    .min(min, `${field} must be at least ${min} characters.`)
    .max(max, `${field} must be at most ${max.toLocaleString("en-US")} characters.`)
    .refine((value) => !CONTROL_CHARACTERS.test(value) && (multiline || !/[\r\n\t]/.test(value)), `${field} must not contain control characters.`);
}

const referenceLink = z
  .string()
  .trim()
  .max(2000, "Each link must be at most 2,000 characters.")
  .refine((value) => {
    try {
      const url = new URL(value);

      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  }, "Links must be full web addresses starting with http:// or https://.");

/**
 * The brief as typed by a client. Instants must carry an offset or `Z`.
 * Rules that depend on the clock or the database (due date in the future,
 * known skills, the largest plan) are checked by `submitBrief`.
 */
export const briefInputSchema = z.object({
  title: text("Title", 3, 120, { multiline: false }),
  description: text("Description", 10, 10_000, { multiline: true }),
  skills: z
    .array(z.string().trim().min(1), { error: "Skills must be a list of skill names." })
    .transform((slugs) => [...new Set(slugs)])
    .pipe(
      z
        .array(z.string())
        .min(1, "Pick at least 1 skill.")
        .max(MAX_BRIEF_SKILLS, `Pick at most ${MAX_BRIEF_SKILLS} skills.`),
    ),
  dueAt: z.iso
    .datetime({ offset: true, error: "Due date must be a date and time with a time zone offset or Z." })
    .transform((value) => new Date(value))
    .nullish(),
  timeLimitMinutes: z
    .int("Time limit must be a whole number of minutes.")
    .positive("Time limit must be more than 0 minutes.")
    .nullish(),
  referenceLinks: z
    .array(referenceLink)
    .max(MAX_REFERENCE_LINKS, `Add at most ${MAX_REFERENCE_LINKS} links.`)
    .default([]),
  preference: z.enum(BRIEF_PREFERENCES, { error: "Preference must be primary, team, new or anyone." }).optional(),
});

export type BriefInput = z.input<typeof briefInputSchema>;
export type ParsedBrief = z.output<typeof briefInputSchema>;
