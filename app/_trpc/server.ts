import "server-only";

import { headers } from "next/headers";
import { cache } from "react";

import { getCurrentUser } from "~/server/auth/current";
import { getDb } from "~/server/db/client";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";

/** A tRPC caller for server components, acting as the signed-in user of this request. */
export const api = cache(async () => {
  const requestHeaders = await headers();

  return createCaller(
    createContextInner({
      db: await getDb(),
      user: await getCurrentUser(),
      requestId: requestHeaders.get("x-request-id") ?? undefined,
    }),
  );
});
