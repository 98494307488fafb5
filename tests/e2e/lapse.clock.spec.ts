import { randomUUID } from "node:crypto";

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";

import seededAssistants from "../../prisma/seed-data/assistants.json" with { type: "json" };
import { advanceServerClock } from "./support/clock";
import { signInByApi } from "./support/session";

const ADMIN_EMAIL = "admin@baton.example";
// Eight seeded assistants hold this skill, so a second wave has someone left after the first wave of three.
const SKILL_NAME = "Calendar and scheduling";
/** One second past the default 15-minute start window. */
const PAST_START_WINDOW_SECONDS = 15 * 60 + 1;

interface OfferRow {
  wave: number;
  assistant: string;
  status: string;
}

/** Opens a page in a fresh browser context, so each person has their own session cookie. */
async function pageFor(browser: Browser): Promise<Page> {
  const context = await browser.newContext();

  return context.newPage();
}

function emailOfAssistant(name: string): string {
  const assistant = seededAssistants.find((row) => row.name === name);
  if (!assistant) {
    throw new Error(`No seeded assistant is named "${name}".`);
  }

  return assistant.email;
}

/** Reads the offers table of the admin's task page: wave, assistant and status of each row. */
async function offerRows(page: Page): Promise<OfferRow[]> {
  const rows = page.getByRole("region", { name: "Offers" }).locator("tbody tr");

  return rows.evaluateAll((elements) =>
    elements.map((row) => ({
      wave: Number(row.children[0]?.textContent),
      assistant: row.children[1]?.textContent?.trim() ?? "",
      status: row.children[2]?.textContent?.trim() ?? "",
    })),
  );
}

test("an unstarted task lapses and goes to another assistant", async ({ browser }) => {
  // A sign-up, a brief, three sign-ins and a clock shift can take longer than the default 30 s.
  test.setTimeout(180_000);
  const suffix = randomUUID().slice(0, 8);
  const title = `Book the quarterly review ${suffix}`;

  const client = await pageFor(browser);
  await client.goto("/sign-up");
  await client.getByLabel("Your name").fill("Lena Lapse");
  await client.getByLabel("Company name").fill(`Lapse Test ${suffix}`);
  await client.getByLabel("Email").fill(`lena-${suffix}@lapse.example`);
  await client.getByLabel("Password").fill("lapse-spec-password");
  await client.getByRole("button", { name: "Create account" }).click();
  await expect(client).toHaveURL(/\/client$/, { timeout: 20_000 });

  await client.goto("/client/briefs/new");
  await client.getByLabel("Title").fill(title);
  await client.getByLabel("Description").fill("Find a two-hour slot next week that suits all five partners and send the invite.");
  await client.getByLabel("Search skills").fill("Calendar");
  await client.getByRole("checkbox", { name: SKILL_NAME }).check();
  await client.getByRole("button", { name: "Send brief" }).click();
  await expect(client).toHaveURL(/\/client\/tasks\/[^/]+$/);
  const taskId = new URL(client.url()).pathname.split("/").at(-1) ?? "";

  const admin = await pageFor(browser);
  await signInByApi(admin, ADMIN_EMAIL);
  await admin.goto(`/admin/tasks/${taskId}`);
  await expect(admin.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const firstWave = await offerRows(admin);
  expect(firstWave.length, "the first wave offered the task to someone").toBeGreaterThan(0);
  expect(firstWave.every((row) => row.wave === 1 && row.status === "Pending")).toBe(true);
  const firstName = firstWave[0]?.assistant ?? "";

  const first = await pageFor(browser);
  const pageErrors: string[] = [];
  first.on("pageerror", (error) => pageErrors.push(error.message));
  await signInByApi(first, emailOfAssistant(firstName));
  await first.goto("/assistant");
  const offer = first.getByRole("listitem").filter({ has: first.getByRole("heading", { level: 2, name: title }) });
  await offer.getByRole("button", { name: "Accept" }).click();
  await expect(first).toHaveURL(new RegExp(`/assistant/tasks/${taskId}$`));
  await expect(first.getByText(/^Start the timer by \d\d:\d\d or the task goes to another assistant\.$/)).toBeVisible();

  await advanceServerClock(first.request, PAST_START_WINDOW_SECONDS);

  await admin.reload();
  await expect(admin.getByRole("region", { name: "Assignments" }).getByRole("row", { name: new RegExp(firstName) })).toContainText("Lapsed (timer not started in time)");
  const afterLapse = await offerRows(admin);
  const firstWaveNames = new Set(firstWave.map((row) => row.assistant));
  const nextOffers = afterLapse.filter((row) => row.status === "Pending");
  expect(nextOffers.length, "a new wave went out after the lapse").toBeGreaterThan(0);
  for (const row of nextOffers) {
    expect(row.wave).toBe(2);
    expect(firstWaveNames.has(row.assistant), `${row.assistant} was not in the first wave`).toBe(false);
  }
  const nextName = nextOffers[0]?.assistant ?? "";

  const next = await pageFor(browser);
  await signInByApi(next, emailOfAssistant(nextName));
  await next.goto("/assistant");
  await expect(next.getByRole("heading", { level: 2, name: title })).toBeVisible();

  await first.goto("/assistant");
  const lapses = first.getByRole("region", { name: "Lapses" });
  await expect(lapses.getByText(new RegExp(`^You lost “${title}” because the timer did not start by `))).toBeVisible();
  await expect(lapses).toContainText(/in the last 30 days/);
  await expect(first.getByRole("heading", { level: 2, name: title })).toHaveCount(0);
  const axe = await new AxeBuilder({ page: first }).include("main").analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
  expect(pageErrors).toEqual([]);
});
