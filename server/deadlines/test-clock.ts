import "server-only";

import { z } from "zod";

import { shiftSystemClock, systemClock } from "../clock";
import type { Database } from "../db/client";
import type { EmailTransport } from "../email/transport";
import { logger } from "../logger";
import { runDuePass } from "./local-driver";

const advanceSchema = z.object({
  advanceSeconds: z
    .int("advanceSeconds must be a whole number of seconds")
    .positive("advanceSeconds must be above 0")
    .max(60 * 24 * 3600, "advanceSeconds must be at most 60 days"),
});

export interface TestClockOptions {
  enabled: boolean;
  getDatabase: () => Promise<Database>;
  transport: () => EmailTransport;
}

/**
 * Creates the browser suite's clock control handlers: GET reads the server's "now",
 * POST `{ advanceSeconds }` moves it forward and applies every deadline that
 * fell due. Both return 404 unless E2E_TEST_CLOCK is on, so a deployed server
 * behaves as if the route did not exist.
 */
export function createTestClockHandlers(options: TestClockOptions) {
  const notFound = () => new Response("Not found", { status: 404 });

  const GET = () => {
    if (!options.enabled) {
      return notFound();
    }

    return Response.json({ now: systemClock.now().toISOString() });
  };

  const POST = async (request: Request) => {
    if (!options.enabled) {
      return notFound();
    }
    const parsed = advanceSchema.safeParse(await request.json().catch(() => null));
    if (!parsed.success) {
      return Response.json({ error: parsed.error.issues.map((issue) => issue.message).join("; ") }, { status: 400 });
    }

    shiftSystemClock(parsed.data.advanceSeconds * 1000);
    const now = systemClock.now();

    // Retries while the in-process driver holds the lock, so the caller sees every rule applied at the new instant.
    const database = await options.getDatabase();
    for (let attempt = 0; attempt < 50; attempt += 1) {
      if (await runDuePass(database, { now: systemClock.now(), transport: options.transport() })) {
        return Response.json({ now: now.toISOString() });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    logger.warn({ now: now.toISOString() }, "test clock moved, but the deadline pass timed out waiting for the driver's lock");

    return Response.json({ error: "Timed out waiting for the deadline driver; the clock moved, so retry the request with advanceSeconds 1." }, { status: 503 });
  };

  return { GET, POST };
}
