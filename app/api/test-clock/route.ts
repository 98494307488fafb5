import { getDatabase } from "~/server/db/client";
import { createEmailTransport } from "~/server/email/transport";
import { env } from "~/server/env.js";
import { createTestClockHandlers } from "~/server/deadlines/test-clock";

// Moves this server's clock for the browser suite; 404 unless E2E_TEST_CLOCK is on.
export const dynamic = "force-dynamic";

export const { GET, POST } = createTestClockHandlers({
  enabled: env.E2E_TEST_CLOCK,
  getDatabase,
  transport: createEmailTransport,
});
