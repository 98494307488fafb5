import { readFile } from "node:fs/promises";

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

import { signInWithForm } from "./support/session";

const FUNNEL_HEADER =
  "Sign-up week,Sign-ups,Sent a brief,Brief rate,Task accepted,Acceptance rate,Trial used,Trial used rate,Converted,Conversion rate,Sign-up to paid";

async function signInAsAdmin(page: Page) {
  await signInWithForm(page, "admin@baton.example");
  await expect(page).toHaveURL(/\/admin$/);
}

/** Reads the sign-up counts of the funnel table's rows, in the order shown. */
async function signupColumn(page: Page): Promise<number[]> {
  const table = page.getByRole("table", { name: /Trial funnel by sign-up week/ });

  return table.locator("tbody tr").evaluateAll((rows) => rows.map((row) => Number(row.children[1]?.textContent)));
}

test("admin sorts the funnel and downloads it as CSV", async ({ page }) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await signInAsAdmin(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Metrics" }).click();
  // The first metrics query of a fresh server runs every aggregate once, which can take several seconds on PGlite.
  await expect(page.getByRole("heading", { level: 1, name: "Metrics" })).toBeVisible({ timeout: 20_000 });
  const table = page.getByRole("table", { name: /Trial funnel by sign-up week/ });
  await expect(table).toBeVisible({ timeout: 20_000 });
  // The seed signs trial clients up within the last eight weeks, so the default range has cohorts.
  await expect(table.locator("tbody tr").first()).not.toContainText("No trial client");

  const header = table.getByRole("columnheader", { name: /Sign-ups/ });
  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  const ascending = await signupColumn(page);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "descending");
  const descending = await signupColumn(page);
  expect(descending).toEqual([...ascending].sort((a, b) => b - a));

  const downloadEvent = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV of Trial funnel by sign-up week" }).click();
  const download = await downloadEvent;
  expect(download.suggestedFilename()).toMatch(/^funnel-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe(FUNNEL_HEADER);
  // The file keeps the table's order, so its first row has the most sign-ups.
  expect(lines[1]?.split(",")[1]).toBe(String(descending[0]));
  expect(pageErrors).toEqual([]);
});

test("metrics range names the field of an invalid range", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/admin/metrics");

  await page.getByLabel("From", { exact: true }).fill("2027-03-10");
  await page.getByLabel("To", { exact: true }).fill("2027-03-01");
  await page.getByRole("button", { name: "Show" }).click();

  await expect(page.getByText("From must be before To.")).toBeVisible();
  await expect(page.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");
});

test("metrics page has no axe violations", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/admin/metrics");
  await expect(page.getByRole("table", { name: /Trial funnel by sign-up week/ })).toBeVisible();

  const results = await new AxeBuilder({ page }).include("main").analyze();

  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("admin opens the settings page", async ({ page }) => {
  await signInAsAdmin(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByLabel("Offer wave size")).toHaveValue(/^\d+$/);
  await expect(page.getByLabel("Offer lifetime", { exact: true })).not.toHaveValue("");
  await expect(page.getByLabel("Unit of Offer lifetime")).toBeVisible();

  // Saving without a change writes nothing, so the other specs keep the seeded settings.
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Nothing changed." })).toBeVisible();

  const results = await new AxeBuilder({ page }).include("main").analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
});
