// Runs the browser suite in tests/e2e against a production build: builds the
// app, prepares a fresh database, seeds it when scripts/seed.ts exists, and
// hands over to Playwright, whose webServer starts `next start`.
//
// The database is a new PostgreSQL database named baton_e2e_<hex> when
// TEST_DATABASE_URL is set (dropped afterwards), otherwise a PGlite folder
// in a new temporary directory (removed afterwards). Without Chromium at
// CHROMIUM_PATH (default /usr/bin/chromium) the suite is skipped with exit 0.
// Arguments are passed on to `playwright test`.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import pg from "pg";

const SEED_SCRIPT = path.join("scripts", "seed.ts");

/** @type {import("node:child_process").ChildProcess | null} */
let currentChild = null;
/** @type {Array<() => Promise<void>>} */
const cleanups = [];

/**
 * Runs a command with inherited output and resolves with its exit code.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<number>}
 */
function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: "inherit" });
    currentChild = child;
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      currentChild = null;
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/**
 * Runs a command and throws when it exits non-zero.
 * @param {string} step
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
async function runStep(step, command, args, env) {
  const code = await run(command, args, env);
  if (code !== 0) {
    throw new Error(`${step} failed: \`${command} ${args.join(" ")}\` exited with code ${code}`);
  }
}

/**
 * Returns a port that the operating system reports free.
 * @returns {Promise<number>}
 */
function anyFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs one statement on a short-lived connection to the given URL.
 * @param {string} url
 * @param {string} statement
 */
async function runAdminStatement(url, statement) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Creates the suite's database and returns the variables that point the app at it.
 * @returns {Promise<Record<string, string>>}
 */
async function prepareDatabase() {
  const testDatabaseUrl = process.env.TEST_DATABASE_URL;
  if (testDatabaseUrl) {
    const name = `baton_e2e_${randomBytes(4).toString("hex")}`;
    await runAdminStatement(testDatabaseUrl, `CREATE DATABASE "${name}"`);
    cleanups.push(() => runAdminStatement(testDatabaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    const url = new URL(testDatabaseUrl);
    url.pathname = `/${name}`;
    console.log(`e2e: using PostgreSQL database ${name}`);

    // An empty PGLITE_DATA_DIR counts as unset for the app's env module.
    return { DATABASE_URL: url.toString(), PGLITE_DATA_DIR: "" };
  }

  const folder = await mkdtemp(path.join(os.tmpdir(), "baton-e2e-"));
  cleanups.push(() => rm(folder, { recursive: true, force: true }));
  const dataDir = path.join(folder, "pglite");
  console.log(`e2e: using PGlite in ${dataDir}`);

  // An empty DATABASE_URL counts as unset, and keeps a DATABASE_URL from the shell or .env away from the suite.
  return { DATABASE_URL: "", PGLITE_DATA_DIR: dataDir };
}

async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`e2e: clean-up failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** @param {NodeJS.Signals} signal */
function stopOnSignal(signal) {
  currentChild?.kill(signal);
  void cleanUp().finally(() => process.exit(130));
}

async function main() {
  const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(chromiumPath)) {
    console.log(`Skipping the browser suite: no Chromium at ${chromiumPath} (install Debian's chromium package or set CHROMIUM_PATH).`);

    return 0;
  }

  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);

  const databaseEnv = await prepareDatabase();
  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    ...databaseEnv,
    CHROMIUM_PATH: chromiumPath,
    AUTH_SECRET: `e2e-${randomBytes(24).toString("hex")}`,
    AUTH_TRUST_HOST: "true",
    // Lets the *.clock.spec.ts specs move the server's clock through /api/test-clock.
    E2E_TEST_CLOCK: "true",
    NEXT_TELEMETRY_DISABLED: "1",
  };

  await runStep("Build", "npm", ["run", "build"], env);

  // A free port chosen after the build, so suites running at once in other checkouts do not collide.
  const port = await anyFreePort();
  env.E2E_PORT = String(port);
  env.APP_URL = `http://127.0.0.1:${port}`;

  if (existsSync(SEED_SCRIPT)) {
    await runStep("Seeding", "npm", ["run", "db:seed"], env);
  } else {
    console.log(`e2e: ${SEED_SCRIPT} does not exist, so the database is not seeded.`);
  }

  return run("npx", ["playwright", "test", ...process.argv.slice(2)], env);
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await cleanUp();
}
process.exit(exitCode);
