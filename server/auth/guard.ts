import "server-only";

import { redirect } from "next/navigation";

import type { Role } from "../db/generated/client";
import { getCurrentUser } from "./current";
import type { SessionUser } from "./session-user";

export const DASHBOARD_BY_ROLE: Record<Role, string> = {
  client: "/client",
  assistant: "/assistant",
  admin: "/admin",
};

/**
 * Returns the signed-in user when their role is one of `roles`. Anyone not
 * signed in goes to the sign-in page; a user with another role goes to their
 * own dashboard.
 */
export async function requireRole(...roles: Role[]): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) {
    redirect("/sign-in");
  }
  if (!roles.includes(user.role)) {
    redirect(DASHBOARD_BY_ROLE[user.role]);
  }

  return user;
}
