import type { Db } from "../db/client";
import type { Role } from "../db/generated/client";

/** The signed-in person as every request sees them, read fresh from the database. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  timeZone: string;
  /** Set for clients. */
  clientId: string | null;
  /** Set for assistants. */
  assistantId: string | null;
}

/**
 * Loads the user behind a session token. Returns null for a deactivated or
 * deleted user, so a changed role or a deactivation applies on the next
 * request instead of when the token expires.
 */
export async function loadSessionUser(db: Db, userId: string): Promise<SessionUser | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      timeZone: true,
      active: true,
      client: { select: { id: true } },
      assistant: { select: { id: true } },
    },
  });
  if (!user || !user.active) {
    return null;
  }

  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    timeZone: user.timeZone,
    clientId: user.role === "client" ? (user.client?.id ?? null) : null,
    assistantId: user.role === "assistant" ? (user.assistant?.id ?? null) : null,
  };
}
