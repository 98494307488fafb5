import { expect, type Browser, type Page } from "@playwright/test";

import { signInByApi } from "./session";

/** Opens a page in a new browser context, so each person keeps their own session cookie. */
export async function pageFor(browser: Browser, email?: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (email) {
    await signInByApi(page, email);
  }

  return page;
}

/** Signs up a new trial client through the sign-up form and waits for their dashboard. */
export async function signUpTrialClient(page: Page, person: { name: string; company: string; email: string; password: string }): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Company name").fill(person.company);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
  // The first request after start-up opens the database, so it may take a few seconds.
  await expect(page).toHaveURL(/\/client$/, { timeout: 20_000 });
}

/** Fills the new-brief form with one skill and sends it; returns the new task's id. */
export async function sendBrief(page: Page, brief: { title: string; description: string; skill: string }): Promise<string> {
  await page.goto("/client/briefs/new");
  await page.getByLabel("Title").fill(brief.title);
  await page.getByLabel("Description").fill(brief.description);
  await page.getByLabel("Search skills").fill(brief.skill);
  await page.getByRole("checkbox", { name: brief.skill }).check();
  await page.getByRole("button", { name: "Send brief" }).click();
  await expect(page).toHaveURL(/\/client\/tasks\/[^/]+$/);

  return new URL(page.url()).pathname.split("/").at(-1) ?? "";
}

/** Returns the offer card on the assistant dashboard whose title is `title`. */
export function offerCard(page: Page, title: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: title }) });
}
