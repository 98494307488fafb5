import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

import { signInByApi as signIn } from "./support/session";

const ASSISTANT_EMAIL = "amara.okafor@assistants.example";

/** Lists axe's violations inside the page's main landmark, one line per rule with the elements it flagged. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include("main").analyze();

  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

/** Returns the offer cards on the dashboard, found as list items with an Accept button, which the nested skill items lack. */
function offerCards(page: Page) {
  return page.getByRole("listitem").filter({ has: page.getByRole("button", { name: "Accept" }) });
}

// The seeded assistant has two pending offers and a timer running on another task. The tests run in order: the first accepts an offer, the second declines the other, and the third reads the pages they left behind.
test.describe.configure({ mode: "serial" });

test("assistant accepts an offer and runs the timer", async ({ page }) => {
  // When this spec runs first, its first requests also open the database and warm the server, which took over 30 s on a 2-core machine.
  test.setTimeout(90_000);
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await signIn(page, ASSISTANT_EMAIL);

  await page.goto("/assistant");
  await expect(page.getByRole("heading", { name: "Offers waiting for you" })).toBeVisible();
  const offer = offerCards(page).first();
  await expect(offer).toBeVisible();
  const title = (await offer.getByRole("heading", { level: 2 }).textContent()) ?? "";
  expect(title, "the offer has a title").not.toBe("");

  await offer.getByRole("button", { name: "Accept" }).click();
  await expect(page).toHaveURL(/\/assistant\/tasks\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(/^Start the timer by \d\d:\d\d or the task goes to another assistant\.$/)).toBeVisible();

  await page.getByRole("button", { name: "Start timer" }).click();
  await expect(page.getByRole("button", { name: "Stop timer" })).toBeVisible();
  await expect(page.getByText(/^Your timer on “.+” stopped at \d\d:\d\d so this one could start\.$/)).toBeVisible();

  await page.reload();
  const elapsed = page.getByRole("timer", { name: "Elapsed time" });
  await expect(page.getByRole("button", { name: "Stop timer" })).toBeVisible();
  await expect(elapsed).toBeVisible();
  const shownAfterReload = await elapsed.textContent();
  await expect(elapsed, "the elapsed time keeps ticking after a reload").not.toHaveText(shownAfterReload ?? "");

  await page.getByRole("button", { name: "Stop timer" }).click();
  await expect(page.getByRole("button", { name: "Start timer" })).toBeVisible();
  await expect(page.getByText(/^Timer stopped at \d\d:\d\d\. This entry logged /)).toBeVisible();
  const log = page.getByRole("table", { name: /Time entries/ });
  await expect(log.getByRole("row")).toHaveCount(2);
  await expect(log.getByRole("cell", { name: "Amara Okafor" })).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test("assistant declines an offer on a phone-sized screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, ASSISTANT_EMAIL);

  await page.goto("/assistant");
  const offer = offerCards(page).first();
  await expect(offer).toBeVisible();
  const title = (await offer.getByRole("heading", { level: 2 }).textContent()) ?? "";

  await offer.getByRole("button", { name: "Decline" }).click();
  const form = page.getByRole("form", { name: `Decline “${title}”` });
  await expect(form.getByText("Declining never counts against you.", { exact: false })).toBeVisible();
  await form.getByRole("button", { name: "Decline offer" }).click();
  await expect(form.getByText("Choose a reason.")).toBeVisible();

  await form.getByRole("radio", { name: "No capacity" }).check();
  await form.getByRole("button", { name: "Decline offer" }).click();
  await expect(page.getByRole("status").filter({ hasText: `You declined “${title}”.` })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: title })).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), "the page fits 390 px without sideways scrolling").toBeLessThanOrEqual(390);
});

test("assistant pages have no axe violations", async ({ page }) => {
  await signIn(page, ASSISTANT_EMAIL);

  await page.goto("/assistant");
  await expect(page.getByRole("heading", { name: "Your active tasks" })).toBeVisible();
  expect(await axeViolations(page), "dashboard").toEqual([]);

  await page.getByRole("region", { name: "Your active tasks" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Time log" })).toBeVisible();
  expect(await axeViolations(page), "task page").toEqual([]);

  await page.goto("/assistant/profile");
  await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();
  expect(await axeViolations(page), "profile page").toEqual([]);

  await page.goto("/assistant/history");
  await expect(page.getByRole("heading", { name: "Your history" })).toBeVisible();
  expect(await axeViolations(page), "history page").toEqual([]);
});
