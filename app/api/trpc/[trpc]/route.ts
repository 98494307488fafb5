import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { getCurrentUser } from "~/server/auth/current";
import { getDb } from "~/server/db/client";
import { appRouter } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () =>
      createContextInner({
        db: await getDb(),
        user: await getCurrentUser(),
        requestId: request.headers.get("x-request-id") ?? undefined,
      }),
  });
}

export { handler as GET, handler as POST };
