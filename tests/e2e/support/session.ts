import { expect, type Page } from "@playwright/test";

import demo from "../../../prisma/seed-data/demo-accounts.json" with { type: "json" };

/** The password every seeded demo account shares. */
export const DEMO_PASSWORD = demo.password;

/**
 * Signs in through Auth.js's credentials endpoint, so the session cookie
 * lands in the page's browser context without driving the sign-in form.
 */
export async function signInByApi(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  const csrfResponse = await page.request.get("/api/auth/csrf");
  expect(csrfResponse.ok(), `GET /api/auth/csrf answered ${csrfResponse.status()}`).toBe(true);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };

  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: "/" },
  });
  expect(response.ok(), `signing in as ${email} answered ${response.status()}`).toBe(true);
}

/** Signs in through the sign-in form and waits for the role's dashboard. */
export async function signInWithForm(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // The first request after start-up opens the database, so it may take a few seconds.
  await expect(page).toHaveURL(/\/(client|assistant|admin)$/, { timeout: 20_000 });
}
