import { defineConfig, type ReporterDescription } from "@playwright/test";

// scripts/e2e.mjs builds the app, prepares a database and sets these variables, so run the suite through it.
const port = Number(process.env.E2E_PORT ?? "3100");
const baseURL = `http://127.0.0.1:${port}`;
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const jsonReportFile = process.env.E2E_JSON_REPORT;

const reporters: ReporterDescription[] = [["list"]];
if (jsonReportFile) {
  reporters.push(["json", { outputFile: jsonReportFile }]);
}

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  // The specs share one server and one database, so they run one at a time.
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: reporters,
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium, because Playwright's own browser download cannot run here.
      executablePath: chromiumPath,
      // Running as root needs --no-sandbox, and the other switches stop Chromium's calls to Google's servers.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: ["**/*.clock.spec.ts", "**/journey.spec.ts"] },
    // Specs that move the server's clock forward, the journey among them, run last, because the shift outlives them and would expire the seeded offers and deadlines that the other specs read.
    { name: "clock", use: { browserName: "chromium" }, testMatch: ["**/*.clock.spec.ts", "**/journey.spec.ts"], dependencies: ["chromium"] },
  ],
  webServer: {
    // The production server of the build that scripts/e2e.mjs made. It inherits that script's environment.
    command: `npx next start --hostname 127.0.0.1 --port ${port}`,
    port,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
