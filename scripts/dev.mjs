// Starts Baton for development: migrates and seeds the database, then runs
// `next dev` on port 3000 and prints the demo accounts once it responds.
// Migration and seeding run as separate processes that exit before Next.js
// starts, because only one process at a time may open a PGlite data folder.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

import demo from "../prisma/seed-data/demo-accounts.json" with { type: "json" };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(ROOT, "node_modules", ".bin");
const PORT = 3000;
const URL_BASE = `http://localhost:${PORT}`;
const POLL_INTERVAL_MS = 500;

const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

/**
 * The process that receives forwarded signals: the current step, then Next.js.
 * @type {import("node:child_process").ChildProcess | null}
 */
let current = null;
let stopping = false;

for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.on(signal, () => {
    stopping = true;
    if (current && current.exitCode === null) {
      current.kill(signal);
    } else {
      process.exit(130);
    }
  });
}

/**
 * Runs one step to completion with its output shown, and exits with its code if it fails.
 * @param {string} label
 * @param {string} command
 * @param {string[]} args
 * @returns {Promise<void>}
 */
function runStep(label, command, args) {
  console.log(`\n> ${label}`);

  return new Promise((/** @type {() => void} */ resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: childEnv, stdio: "inherit" });
    current = child;
    child.on("error", (error) => {
      console.error(`${label} failed to start: ${error.message}`);
      process.exit(1);
    });
    child.on("exit", (code, signal) => {
      current = null;
      if (code === 0 && !stopping) {
        resolve();

        return;
      }
      if (!stopping) {
        console.error(`${label} failed (${signal ?? `exit code ${code}`}); Next.js was not started.`);
      }
      process.exit(code ?? 1);
    });
  });
}

function printDemoAccounts() {
  const width = Math.max(...demo.showcase.map((account) => account.email.length));

  console.log(`\nBaton is running at ${URL_BASE}`);
  console.log(`Demo accounts (every seeded account uses the password "${demo.password}"):`);
  for (const account of demo.showcase) {
    console.log(`  ${account.role.padEnd(9)} ${account.email.padEnd(width)}  ${account.description}`);
  }
  console.log("Press Ctrl+C to stop.\n");
}

/**
 * Polls the sign-in page until the server responds with any HTTP status, or Next.js exits.
 * @param {import("node:child_process").ChildProcess} next
 */
async function waitUntilServing(next) {
  while (next.exitCode === null && !stopping) {
    try {
      await fetch(`${URL_BASE}/sign-in`, { redirect: "manual", signal: AbortSignal.timeout(60_000) });

      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }

  return false;
}

await runStep("Migrating the database", path.join(BIN, "tsx"), ["scripts/migrate.ts"]);
await runStep("Seeding the demo data", path.join(BIN, "tsx"), ["scripts/seed.ts"]);

console.log(`\n> Starting Next.js on ${URL_BASE}`);
const next = spawn(path.join(BIN, "next"), ["dev", "--port", String(PORT)], { cwd: ROOT, env: childEnv, stdio: "inherit" });
current = next;
next.on("error", (error) => {
  console.error(`Next.js failed to start: ${error.message}`);
  process.exit(1);
});
next.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 0 : 1));
});

if (await waitUntilServing(next)) {
  printDemoAccounts();
}
