// @ts-check
// The one module that reads process.env. Every setting is validated when
// this module loads, so a bad value stops the app at start-up with a message
// naming the variable. next.config.js imports it for exactly that reason.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const booleanString = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const schema = z.object({
  // development, test or production; production requires real secrets.
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  // PostgreSQL connection URL. Unset means the embedded PGlite database.
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  // Folder of the embedded PGlite database, used when DATABASE_URL is unset.
  PGLITE_DATA_DIR: z.string().min(1).default(".data/pglite"),
  // Key that signs session tokens; at least 32 characters. Development generates one under .data/.
  AUTH_SECRET: z.string().min(32).optional(),
  // Public base URL of the app, used in email links.
  APP_URL: z.url().default("http://localhost:3000"),
  // Trust the Host header behind a proxy or on `next start`; true by default.
  AUTH_TRUST_HOST: booleanString.default(true),
  // Resend API key. Unset means emails go to the local mailbox at /dev/mailbox.
  RESEND_API_KEY: z.string().min(1).optional(),
  // Resend API base URL; tests point it at a local HTTP server.
  RESEND_BASE_URL: z.url().optional(),
  // Sender address of every email.
  EMAIL_FROM: z.string().min(3).default("Baton <notifications@baton.localhost>"),
  // Inngest event key. With INNGEST_SIGNING_KEY or INNGEST_DEV it switches deadlines to Inngest.
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  // Inngest signing key for production.
  INNGEST_SIGNING_KEY: z.string().min(1).optional(),
  // 1 to use a local Inngest dev server.
  INNGEST_DEV: z.string().optional(),
  // Milliseconds between passes of the in-process deadline driver, used when Inngest is not configured.
  DUE_WORK_INTERVAL_MS: z.coerce.number().int().min(250).max(600_000).default(5000),
  // true lets the browser suite move this server's clock forward with POST /api/test-clock. Never set it on a deployed server.
  E2E_TEST_CLOCK: booleanString.default(false),
  // pino log level.
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

/**
 * Reads the development session secret from .data/auth-secret, creating it
 * on first use, so sessions survive a restart without any setup.
 * @returns {string}
 */
function developmentSecret() {
  const file = path.join(process.cwd(), ".data", "auth-secret");
  if (existsSync(file)) {
    return readFileSync(file, "utf8").trim();
  }
  const secret = randomBytes(32).toString("base64url");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });

  return secret;
}

/**
 * Validates process.env and fills development defaults.
 * @param {NodeJS.ProcessEnv} source
 */
export function parseEnv(source) {
  const emptyAsUnset = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = schema.safeParse(emptyAsUnset);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  const values = result.data;
  if (values.NODE_ENV === "production" && !values.AUTH_SECRET) {
    throw new Error("Invalid environment variables:\n  AUTH_SECRET: required in production (at least 32 characters)");
  }

  return {
    ...values,
    AUTH_SECRET: values.AUTH_SECRET ?? (values.NODE_ENV === "test" ? "test-secret-".padEnd(40, "x") : developmentSecret()),
    inngestEnabled: Boolean(values.INNGEST_SIGNING_KEY || values.INNGEST_DEV),
  };
}

export const env = parseEnv(process.env);
