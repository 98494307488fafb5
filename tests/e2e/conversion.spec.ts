import { readFile } from "node:fs/promises";

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

import assistants from "../../prisma/seed-data/assistants.json" with { type: "json" };
import { offerCard, pageFor, sendBrief, signUpTrialClient } from "./support/flows";
import { signInByApi } from "./support/session";

const BRIEF_TITLE = "Book client calls for the spring launch";
const PASSWORD = "conversion-spec-password";

/** Reads the row of the "Conversion by assistant" table for one assistant, as the cells show it. */
async function conversionRow(admin: Page, today: string, name: string): Promise<{ trialClients: number; credited: number; rate: string }> {
  await admin.goto(`/admin/metrics?from=${today}&to=${today}`);
  // The first metrics query of a fresh server runs every aggregate once, which can take several seconds on PGlite.
  const table = admin.getByRole("table", { name: /Conversion by assistant/ });
  const row = table.getByRole("row").filter({ has: admin.getByRole("rowheader", { name, exact: true }) });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  const cells = await row.getByRole("cell").allTextContents();

  return { trialClients: Number(cells[0]), credited: Number(cells[1]), rate: cells[2] ?? "" };
}

test("trial upgrade credits the trial assistant", async ({ browser }) => {
  test.setTimeout(180_000);
  const today = new Date().toISOString().slice(0, 10);
  const email = `conversion-${Date.now()}@spring-launch.example`;

  // A new trial client signs up and sends a brief.
  const client = await pageFor(browser);
  await signUpTrialClient(client, { name: "Rita Conversion", company: "Spring Launch Ltd", email, password: PASSWORD });
  const taskId = await sendBrief(client, {
    title: BRIEF_TITLE,
    description: "Find three slots next week for calls with our five biggest customers and send the invites.",
    skill: "Calendar and scheduling",
  });

  // The admin's task page names an assistant the router offered the task to.
  const admin = await pageFor(browser, "admin@baton.example");
  await admin.goto(`/admin/tasks/${taskId}`);
  const pending = admin.getByRole("region", { name: "Offers" }).getByRole("row").filter({ hasText: "Pending" }).first();
  await expect(pending, "the brief was offered to someone").toBeVisible();
  const name = ((await pending.getByRole("rowheader").textContent()) ?? "").trim();
  const assistantEmail = assistants.find((assistant) => assistant.name === name)?.email;
  expect(assistantEmail, `seeded assistant named ${name}`).toBeDefined();

  // That assistant accepts and logs a few seconds of trial time with the timer.
  const assistant = await pageFor(browser, assistantEmail);
  await assistant.goto("/assistant");
  const offer = offerCard(assistant, BRIEF_TITLE);
  await offer.getByRole("button", { name: "Accept" }).click();
  await expect(assistant.getByRole("heading", { level: 1, name: BRIEF_TITLE })).toBeVisible();
  await assistant.getByRole("button", { name: "Start timer" }).click();
  await expect(assistant.getByRole("timer", { name: "Elapsed time" })).toHaveText(/ 0[3-9] s$| [1-5]\d s$/);
  await assistant.getByRole("button", { name: "Stop timer" }).click();
  await expect(assistant.getByText(/^Timer stopped at \d\d:\d\d\. This entry logged /)).toBeVisible();

  const before = await conversionRow(admin, today, name);

  // The client upgrades with the assistant as primary.
  await client.goto("/client/plans");
  await expect(client.getByText("You are on the free trial.", { exact: false })).toBeVisible();
  await expect(client.getByRole("radio", { name: new RegExp(name) })).toBeChecked();
  await client.getByRole("button", { name: "Upgrade to Starter" }).click();
  await expect(client).toHaveURL(/\/client\/plans\/receipt\/[^/]+$/);
  await expect(client.getByRole("heading", { level: 1, name: "Receipt" })).toBeVisible();

  // The whole conversion is credited to that assistant.
  const after = await conversionRow(admin, today, name);
  expect(after.trialClients).toBe(before.trialClients);
  expect(after.credited).toBeCloseTo(before.credited + 1, 2);
  expect(after.rate).toMatch(/%$/);

  const downloadEvent = admin.waitForEvent("download");
  await admin.getByRole("button", { name: "Download CSV of Conversion by assistant" }).click();
  const download = await downloadEvent;
  expect(download.suggestedFilename()).toBe(`conversion-by-assistant-${today}-to-${today}.csv`);
  const csv = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe("Assistant,Trial clients (sample),Conversions credited,Conversion rate");
  const fields = lines.find((line) => line.startsWith(`${name},`))?.split(",");
  expect(fields, `a CSV row for ${name}`).toBeDefined();
  expect(Number(fields?.[1])).toBe(after.trialClients);
  expect(Number(fields?.[2])).toBeCloseTo(after.credited, 2);
  expect(fields?.[3]).toBe(after.rate);

  await Promise.all([client, admin, assistant].map((opened) => opened.context().close()));
});

test("assistant sees their conversion rate against the bar", async ({ page }) => {
  // The seeded history gives the demo assistant more trial clients than the bar's sample size.
  await signInByApi(page, "amara.okafor@assistants.example");
  await page.goto("/assistant");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Stats" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Your stats" })).toBeVisible();
  const rate = page.getByRole("main").locator("dl > div").filter({ hasText: "Conversion rate" });
  await expect(rate).toContainText(/\d+\.\d%/);
  await expect(rate).toContainText("the platform's bar of 1 in 3");
  await expect(page.getByRole("main").locator("dl > div").filter({ hasText: "Trial clients served" })).toContainText(/\d+/);
  const results = await new AxeBuilder({ page }).include("main").analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
});
