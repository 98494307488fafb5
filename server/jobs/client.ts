import { Inngest } from "inngest";

import { env } from "../env.js";

/**
 * Baton's Inngest client. With INNGEST_DEV=1 it talks to a local Inngest dev
 * server; with INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY to Inngest Cloud.
 */
export const inngest = new Inngest({
  id: "baton",
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
  isDev: Boolean(env.INNGEST_DEV),
});
