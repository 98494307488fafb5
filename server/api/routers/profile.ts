import { z } from "zod";

import { AppError, type FieldErrors } from "../../errors";
import { logger } from "../../logger";
import { isValidTimeZone, startOfLocalDay, wallClock, type LocalDate } from "../../time/zoned";
import { assistantProcedure, createRouter } from "../trpc";

export const MIN_CAPACITY = 1;
export const MAX_CAPACITY = 10;

const skillSelect = { slug: true, name: true, category: true } as const;

/**
 * The fields the profile form sends. Only their types are checked here, so
 * that every rule is checked in one pass below and each broken one is named.
 */
const profileInput = z.object({
  skills: z.array(z.string()),
  timeZone: z.string(),
  capacity: z.number(),
  available: z.boolean(),
  /** A calendar date such as "2027-03-01" in the submitted time zone, or null when not away. */
  awayUntil: z.string().nullable(),
});

type ProfileInput = z.infer<typeof profileInput>;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(value: string): LocalDate | null {
  const match = DATE_PATTERN.exec(value);
  if (!match) {
    return null;
  }
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }

  return { year, month, day };
}

function formatDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/**
 * Checks every rule of a profile update and returns a message per broken
 * field, or the values to store. "Away until" is the first instant of that
 * day in the submitted time zone, and that day must come after today there.
 */
function validateProfile(input: ProfileInput, context: { knownSkills: Set<string>; now: Date }): { errors: FieldErrors } | { errors: null; awayUntil: Date | null; skills: string[] } {
  const errors: FieldErrors = {};

  const skills = [...new Set(input.skills)];
  const unknown = skills.filter((slug) => !context.knownSkills.has(slug));
  if (skills.length === 0) {
    errors.skills = "Choose at least one skill.";
  } else if (unknown.length > 0) {
    errors.skills = `These skills are not on the skill list: ${unknown.join(", ")}. Choose skills from the list.`;
  }

  const timeZoneValid = isValidTimeZone(input.timeZone);
  if (!timeZoneValid) {
    errors.timeZone = `Time zone "${input.timeZone}" is not a known IANA time zone, such as Europe/London.`;
  }

  if (!Number.isInteger(input.capacity) || input.capacity < MIN_CAPACITY || input.capacity > MAX_CAPACITY) {
    errors.capacity = `Capacity must be a whole number of tasks from ${MIN_CAPACITY} to ${MAX_CAPACITY}.`;
  }

  let awayUntil: Date | null = null;
  if (input.awayUntil !== null && input.awayUntil !== "") {
    const date = parseDate(input.awayUntil);
    if (!date) {
      errors.awayUntil = "Away until must be a date, like 2027-03-01.";
    } else {
      // With an invalid zone the update fails anyway, and UTC still lets the date's own problem be named now.
      awayUntil = startOfLocalDay(date, timeZoneValid ? input.timeZone : "UTC");
      if (awayUntil <= context.now) {
        errors.awayUntil = "Away until must be a date after today, or empty.";
      }
    }
  }

  if (Object.keys(errors).length > 0) {
    return { errors };
  }

  return { errors: null, awayUntil, skills };
}

/** The signed-in assistant's own profile: skills, time zone, capacity and availability. */
export const profileRouter = createRouter({
  /**
   * Returns the profile with the full skill list to choose from. An "away
   * until" date that has passed is returned as null, because it no longer
   * keeps offers away.
   */
  get: assistantProcedure.query(async ({ ctx }) => {
    const now = ctx.clock.now();
    const [profile, skillOptions] = await Promise.all([
      ctx.db.assistantProfile.findUniqueOrThrow({
        where: { id: ctx.assistantId },
        select: {
          timeZone: true,
          capacity: true,
          available: true,
          awayUntil: true,
          skills: { select: { skill: { select: { slug: true } } } },
          user: { select: { name: true, email: true } },
        },
      }),
      ctx.db.skill.findMany({ select: skillSelect, orderBy: [{ category: "asc" }, { name: "asc" }] }),
    ]);
    const awayUntil = profile.awayUntil && profile.awayUntil > now ? formatDate(wallClock(profile.awayUntil, profile.timeZone)) : null;

    return {
      name: profile.user.name,
      email: profile.user.email,
      timeZone: profile.timeZone,
      capacity: profile.capacity,
      available: profile.available,
      awayUntil,
      skills: profile.skills.map((row) => row.skill.slug).sort(),
      skillOptions,
      capacityRange: { min: MIN_CAPACITY, max: MAX_CAPACITY },
    };
  }),

  /**
   * Replaces the profile's skills, time zone, capacity and availability.
   * Every broken rule comes back at once in `fieldErrors`. The time zone is
   * stored on the user too, because every page shows times in it.
   */
  update: assistantProcedure.input(profileInput).mutation(async ({ ctx, input }) => {
    const now = ctx.clock.now();
    const known = await ctx.db.skill.findMany({ where: { slug: { in: input.skills } }, select: { id: true, slug: true } });
    const result = validateProfile(input, { knownSkills: new Set(known.map((skill) => skill.slug)), now });
    if (result.errors) {
      const first = Object.values(result.errors)[0] ?? "Check the form.";
      throw new AppError("INVALID_INPUT", first, { fieldErrors: result.errors });
    }

    const skillIds = known.filter((skill) => result.skills.includes(skill.slug)).map((skill) => skill.id);
    await ctx.db.$transaction(async (tx) => {
      await tx.assistantProfile.update({
        where: { id: ctx.assistantId },
        data: { timeZone: input.timeZone, capacity: input.capacity, available: input.available, awayUntil: result.awayUntil },
      });
      await tx.user.update({ where: { id: ctx.user.id }, data: { timeZone: input.timeZone } });
      await tx.assistantSkill.deleteMany({ where: { assistantId: ctx.assistantId } });
      await tx.assistantSkill.createMany({ data: skillIds.map((skillId) => ({ assistantId: ctx.assistantId, skillId })) });
    });
    logger.info({ requestId: ctx.requestId, userId: ctx.user.id, assistantId: ctx.assistantId }, "assistant profile updated");

    return { saved: true };
  }),
});
