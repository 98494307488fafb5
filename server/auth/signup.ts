import { z } from "zod";

import type { Clock } from "../clock";
import type { Db } from "../db/client";
import { AppError, isUniqueViolation } from "../errors";
import { getSettings } from "../settings";
import { hashPassword } from "./password";

export const MIN_PASSWORD_LENGTH = 10;

const noControlCharacters = (value: string) => !/\p{Cc}/u.test(value);

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });

    return true;
  } catch {
    return false;
  }
}

export const signUpSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Name must be at least 2 characters.")
    .max(100, "Name must be at most 100 characters.")
    .refine(noControlCharacters, "Name must not contain control characters."),
  companyName: z
    .string()
    .trim()
    .min(2, "Company name must be at least 2 characters.")
    .max(120, "Company name must be at most 120 characters.")
    .refine(noControlCharacters, "Company name must not contain control characters."),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address, like name@example.com.")),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(200, "Password must be at most 200 characters."),
  timeZone: z.string().refine(isTimeZone, "Time zone is not a known IANA time zone, such as Europe/London."),
});

export type SignUpInput = z.input<typeof signUpSchema>;

/**
 * Creates a client on a free trial with the trial allowance in force today.
 * Field problems come back as an INVALID_INPUT AppError naming the field.
 */
export async function signUpTrialClient(db: Db, clock: Clock, input: SignUpInput): Promise<{ userId: string; clientId: string }> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    }
    const first = Object.values(fieldErrors)[0] ?? "Check the form.";

    throw new AppError("INVALID_INPUT", first, { fieldErrors });
  }
  const data = parsed.data;
  const settings = await getSettings(db);
  const passwordHash = await hashPassword(data.password);
  const now = clock.now();

  try {
    const user = await db.user.create({
      data: {
        email: data.email,
        name: data.name,
        role: "client",
        passwordHash,
        timeZone: data.timeZone,
        createdAt: now,
        client: {
          create: {
            companyName: data.companyName,
            timeZone: data.timeZone,
            trialStartedAt: now,
            trialSeconds: settings.trialAllowanceSeconds,
            createdAt: now,
          },
        },
      },
      select: { id: true, client: { select: { id: true } } },
    });

    if (!user.client) {
      throw new Error(`Client account missing after sign-up of user ${user.id}`);
    }

    return { userId: user.id, clientId: user.client.id };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw AppError.invalid("email", "An account with this email already exists. Sign in instead.");
    }
    throw error;
  }
}
