import { expect, test } from "@playwright/test";

import { signInByApi } from "./support/session";

// The seeded paid client Summit Gear Co has Ben Hartley as primary, who has
// logged no time for it, and completed work by Sam Whitaker rated 5 of 5.
const PAID_CLIENT_EMAIL = "rob@summitgear.example";
const TRIAL_CLIENT_EMAIL = "nina@harbourlane.example";

test("paid client makes an assistant primary", async ({ page }) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await signInByApi(page, PAID_CLIENT_EMAIL);
  await page.goto("/client");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My assistants" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My assistants" })).toBeVisible();
  await expect(page.getByText("Only assistants who have worked for you")).toBeVisible();

  const choice = page.getByLabel("Current choice").getByRole("definition").first();
  await expect(choice).toHaveText("Ben Hartley");
  const benRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /Ben Hartley/ }) });
  await expect(benRow).toContainText("Has not worked for you yet");
  await expect(benRow.getByRole("button", { name: "Make primary" })).toHaveCount(0);

  const samRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /Sam Whitaker/ }) });
  await expect(samRow).toContainText("5.0 of 5 (1 rating)");
  await samRow.getByRole("button", { name: "Make primary" }).click();
  await expect(samRow.getByRole("status")).toHaveText("Sam Whitaker is now your primary assistant.");

  await page.reload();
  await expect(choice).toHaveText("Sam Whitaker");
  const samAfterReload = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /Sam Whitaker/ }) });
  await expect(samAfterReload.getByRole("list", { name: "Sam Whitaker's place" })).toContainText("Primary");
  await expect(samAfterReload.getByRole("button", { name: "Remove as primary" })).toBeVisible();

  // Summit Gear Co's team is empty, so the brief form offers its primary but not its team.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New brief" }).click();
  await expect(page.getByRole("radio", { name: /My primary assistant/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: /My team/ })).toBeDisabled();
  await expect(page.getByText("Your team is empty.")).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test("trial client sees the page explained", async ({ page }) => {
  await signInByApi(page, TRIAL_CLIENT_EMAIL);

  await page.goto("/client/assistants");

  await expect(page.getByText("Choosing a primary assistant and a team is available on a paid plan.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Make primary" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add to team" })).toHaveCount(0);
});
