import { z } from "zod";

import type { Db } from "../db/client";
import { hashPassword, verifyPassword } from "./password";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  password: z.string().min(1, "Enter your password."),
});

// A fixed hash to compare against when the email is unknown, so a missing
// account takes as long to reject as a wrong password.
const unknownUserHash = hashPassword("no account has this password");

/**
 * Returns the active user whose email and password match, or null. The
 * caller cannot tell an unknown email from a wrong password.
 */
export async function verifyCredentials(db: Db, input: unknown): Promise<{ id: string; email: string; name: string } | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    return null;
  }
  const user = await db.user.findUnique({
    where: { email: parsed.data.email },
    select: { id: true, email: true, name: true, passwordHash: true, active: true },
  });
  if (!user?.passwordHash) {
    await verifyPassword(parsed.data.password, await unknownUserHash);

    return null;
  }
  const matches = await verifyPassword(parsed.data.password, user.passwordHash);
  if (!matches || !user.active) {
    return null;
  }

  return { id: user.id, email: user.email, name: user.name };
}
