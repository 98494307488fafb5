import pino from "pino";

import { env } from "./env.js";

/**
 * Structured JSON logs. Log ids, never payloads, passwords, tokens or email
 * bodies; `redact` is a second line of defence for the usual field names.
 */
export const logger = pino({
  level: env.NODE_ENV === "test" && env.LOG_LEVEL === "info" ? "warn" : env.LOG_LEVEL,
  redact: ["password", "passwordHash", "token", "*.password", "*.passwordHash", "*.token", "headers.authorization", "headers.cookie"],
  base: { app: "baton" },
});
