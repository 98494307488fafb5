import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

import { signInByApi } from "./support/session";

test("unknown address shows the 404 page", async ({ page }) => {
  const response = await page.goto("/no-such-page");

  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to my dashboard" })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => violation.id)).toEqual([]);
});

test("another account's task shows the 404 page", async ({ page }) => {
  await signInByApi(page, "rob@summitgear.example");

  const response = await page.goto("/client/tasks/not-a-task-of-this-client");

  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("failed save shows a toast with the next step", async ({ page }) => {
  await signInByApi(page, "rob@summitgear.example");
  await page.goto("/client/notes");
  const notes = page.getByLabel("Standing notes");
  await notes.fill("Invoices go to accounts@summitgear.example.");

  // The connection drops before the save reaches the server.
  await page.route("**/api/trpc/**", (route) => route.abort("internetdisconnected"));
  await page.getByRole("button", { name: "Save notes" }).click();

  const toasts = page.getByRole("status", { name: "Messages" });
  await expect(toasts.getByText("Check your connection and try again.")).toBeVisible();
  await expect(notes).toHaveValue("Invoices go to accounts@summitgear.example.");
  await toasts.getByRole("button", { name: "Dismiss" }).click();
  await expect(toasts.getByText("Check your connection and try again.")).toHaveCount(0);
});
