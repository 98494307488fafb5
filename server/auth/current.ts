import "server-only";

import { cache } from "react";

import { getDb } from "../db/client";
import { auth } from "./config";
import { loadSessionUser, type SessionUser } from "./session-user";

/**
 * Returns the signed-in user for this request, read fresh from the
 * database, or null. Cached per request, so a page and its tRPC calls on
 * the server share one lookup.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) {
    return null;
  }

  return loadSessionUser(await getDb(), userId);
});
