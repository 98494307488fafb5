import { expect, test } from "@playwright/test";

import demo from "../../prisma/seed-data/demo-accounts.json" with { type: "json" };

const ROLES = [
  { email: "admin@baton.example", heading: "Operations", path: "/admin" },
  { email: "rob@summitgear.example", heading: "Your tasks", path: "/client" },
  { email: "amara.okafor@assistants.example", heading: "Offers waiting for you", path: "/assistant" },
] as const;

for (const role of ROLES) {
  test(`signs in as ${role.email} through the form`, async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);

    await page.getByLabel("Email", { exact: true }).fill(role.email);
    await page.getByLabel("Password").fill(demo.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    // The first request after start-up compiles nothing but opens the database, so it may take a few seconds.
    await expect(page).toHaveURL(new RegExp(`${role.path}$`), { timeout: 20_000 });
    await expect(page.getByRole("heading", { name: role.heading })).toBeVisible();
  });
}

test("refuses a wrong password and keeps the email", async ({ page }) => {
  await page.goto("/sign-in");

  await page.getByLabel("Email", { exact: true }).fill("rob@summitgear.example");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  await expect(page.getByText("Email or password is incorrect")).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("rob@summitgear.example");
});

test("sends a client to their own dashboard from another role's page", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill("rob@summitgear.example");
  await page.getByLabel("Password").fill(demo.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/client$/);

  await page.goto("/admin");

  await expect(page).toHaveURL(/\/client$/);
});

test("signs up a trial client and names a short password", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Ada Lovelace");
  await page.getByLabel("Company name").fill("Analytical Engines");
  await page.getByLabel("Email").fill("ada@engines.example");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByText("Password must be at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Company name")).toHaveValue("Analytical Engines");

  await page.getByLabel("Password").fill("long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/client$/);
  await expect(page.getByRole("heading", { name: "Your tasks" })).toBeVisible();
});
