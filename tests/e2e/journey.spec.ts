/**
 * The whole product in one pass, as its three kinds of users meet it: a
 * visitor signs up for the trial and sends a brief, one offered assistant
 * declines and another accepts, the trial hour runs out under the timer, the
 * client upgrades, the work is delivered and approved, and the admin sees the
 * conversion. Each step saves a screenshot to docs/screenshots.
 */
import { expect, test, type Page } from "@playwright/test";

import assistants from "../../prisma/seed-data/assistants.json" with { type: "json" };
import { advanceServerClock, serverNow } from "./support/clock";
import { offerCard, pageFor, sendBrief, signUpTrialClient } from "./support/flows";

const SKILL = "Travel booking";
const MINUTE = 60;

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
}

/** Reads the mailbox as the admin and returns the addresses that got the offer email for `title`. */
async function offerRecipients(admin: Page, title: string): Promise<string[]> {
  await admin.goto("/dev/mailbox");
  const rows = admin.getByRole("row").filter({ hasText: `A new task is available for you: ${title}` });
  await expect(rows.first()).toBeVisible();

  return (await rows.locator("td:first-child").allTextContents()).map((text) => text.trim());
}

/** Sums the "Converted" column of the funnel table for sign-ups on `day`. */
async function convertedOn(admin: Page, day: string): Promise<number> {
  await admin.goto(`/admin/metrics?from=${day}&to=${day}`);
  const table = admin.getByRole("table", { name: /Trial funnel by sign-up week/ });
  await expect(table.locator("tbody tr").first()).toBeVisible({ timeout: 20_000 });
  const converted = await table.locator("tbody tr").evaluateAll((rows) => rows.map((row) => Number(row.children[8]?.textContent)));

  return converted.reduce((sum, count) => sum + count, 0);
}

/** Reads the credited conversions of one assistant in the "Conversion by assistant" table for `day`. */
async function creditedTo(admin: Page, day: string, name: string): Promise<number> {
  await admin.goto(`/admin/metrics?from=${day}&to=${day}`);
  const table = admin.getByRole("table", { name: /Conversion by assistant/ });
  const row = table.getByRole("row").filter({ has: admin.getByRole("rowheader", { name, exact: true }) });
  await expect(row).toHaveCount(1, { timeout: 20_000 });

  return Number((await row.getByRole("cell").allTextContents())[1]);
}

test("trial sign-up to paid conversion", async ({ browser }) => {
  test.setTimeout(300_000);
  // Each browser suite run starts from a fresh database, so the title needs no unique suffix.
  const title = "Book flights for the Lisbon offsite";
  const pageErrors: string[] = [];

  // A visitor signs up for the free trial.
  const client = await pageFor(browser);
  client.on("pageerror", (error) => pageErrors.push(error.message));
  await client.goto("/sign-up");
  await screenshot(client, "01-sign-up");
  await signUpTrialClient(client, { name: "Lena Ortiz", company: "Ortiz Studio", email: `lena.${Date.now()}@ortiz-studio.example`, password: "journey-password-2026" });
  await expect(client.getByRole("region", { name: "Free trial" })).toContainText("1 h 00 min");
  await screenshot(client, "02-client-dashboard");

  // The client sends a brief that needs travel booking.
  await sendBrief(client, {
    title,
    description: "Book return flights Berlin to Lisbon for four people, 12 to 15 May, aisle seats, one checked bag each.",
    skill: SKILL,
  });
  await expect(client.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await screenshot(client, "03-client-task-offered");

  // The offered assistants get an email, read here from the local mailbox.
  const admin = await pageFor(browser, "admin@baton.example");
  const recipients = await offerRecipients(admin, title);
  expect(recipients.length, "assistants offered the task in the first wave").toBeGreaterThanOrEqual(2);
  await screenshot(admin, "04-mailbox-offer-email");
  const [winnerEmail, declinerEmail] = recipients as [string, string];
  const winnerName = assistants.find((assistant) => assistant.email === winnerEmail)?.name ?? "";
  expect(winnerName, `seeded assistant with the address ${winnerEmail}`).not.toBe("");

  // One assistant declines, and the form states that declining carries no penalty.
  const decliner = await pageFor(browser, declinerEmail);
  await decliner.goto("/assistant");
  const declined = offerCard(decliner, title);
  await declined.getByRole("button", { name: "Decline" }).click();
  const declineForm = decliner.getByRole("form", { name: `Decline “${title}”` });
  await expect(declineForm.getByText("Declining never counts against you.", { exact: false })).toBeVisible();
  await declineForm.getByRole("radio", { name: "No capacity" }).check();
  await screenshot(decliner, "05-assistant-declines");
  await declineForm.getByRole("button", { name: "Decline offer" }).click();
  await expect(decliner.getByRole("heading", { level: 2, name: title })).toHaveCount(0);

  // The other assistant sees why they got it, accepts and starts the timer.
  const assistant = await pageFor(browser, winnerEmail);
  assistant.on("pageerror", (error) => pageErrors.push(error.message));
  await assistant.goto("/assistant");
  const offer = offerCard(assistant, title);
  await offer.getByText("Why you got this").click();
  await expect(offer.getByText("Skill fit", { exact: false }).first()).toBeVisible();
  await screenshot(assistant, "06-assistant-offer");
  await offer.getByRole("button", { name: "Accept" }).click();
  await expect(assistant.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await assistant.getByRole("button", { name: "Start timer" }).click();
  await expect(assistant.getByRole("button", { name: "Stop timer" })).toBeVisible();
  await screenshot(assistant, "07-assistant-timer-running");

  // The trial hour runs out: the timer stops and the assistant sends a handoff.
  await advanceServerClock(assistant.request, 61 * MINUTE);
  await assistant.reload();
  await expect(assistant.getByRole("main").getByText("Status: Out of time")).toBeVisible();
  await expect(assistant.getByRole("button", { name: "Start timer" })).toHaveCount(0);
  const handoff = assistant.getByRole("region", { name: "Handoff" });
  await handoff.getByLabel("What was achieved").fill("Compared fares on three airlines and held four aisle seats on the 12 May flight.");
  await handoff.getByLabel("Extra minutes needed").fill("30");
  await handoff.getByRole("button", { name: "Send handoff" }).click();
  await expect(handoff.getByText("Handoff sent.", { exact: false })).toBeVisible();
  await screenshot(assistant, "08-assistant-handoff");

  // The client reads the handoff and upgrades to a plan.
  await client.reload();
  const usedUp = client.getByRole("region", { name: "Your hours are used up" });
  await expect(usedUp).toContainText("held four aisle seats");
  await screenshot(client, "09-client-handoff");
  await usedUp.getByRole("link", { name: "Choose a plan" }).click();
  await expect(client).toHaveURL(/\/client\/plans$/);
  await screenshot(client, "10-client-plans");
  await client.getByRole("button", { name: "Upgrade to Starter" }).click();
  await expect(client.getByRole("heading", { level: 1, name: "Receipt" })).toBeVisible();
  await screenshot(client, "11-client-receipt");

  // The same assistant finishes and submits the work.
  await assistant.reload();
  await assistant.getByRole("button", { name: "Start timer" }).click();
  await expect(assistant.getByRole("button", { name: "Stop timer" })).toBeVisible();
  await advanceServerClock(assistant.request, 20 * MINUTE);
  await assistant.reload();
  await assistant.getByLabel("Delivery note").fill("Booked four return seats, 12 to 15 May, aisle, one bag each. Tickets are in the shared folder.");
  await assistant.getByRole("checkbox", { name: "The time log is correct" }).check();
  await assistant.getByRole("button", { name: "Submit for review" }).click();
  await expect(assistant.getByRole("heading", { name: "In review" })).toBeVisible();
  await screenshot(assistant, "12-assistant-submitted");

  // The client approves with five stars.
  await client.goto("/client");
  await client.getByRole("region", { name: "Task list" }).getByRole("link", { name: title }).click();
  await expect(client.getByRole("heading", { name: "Ready for your review" })).toBeVisible();
  await client.getByRole("radio", { name: "5 stars" }).check({ force: true });
  await client.getByLabel("Comment (optional)").fill("Quick and exactly what we needed.");
  await screenshot(client, "13-client-review");
  await client.getByRole("button", { name: "Approve and complete" }).click();
  await expect(client.getByRole("main").getByText("Status: Completed")).toBeVisible();

  // The admin sees the conversion in the funnel and credited to the assistant.
  const day = (await serverNow(admin.request)).toISOString().slice(0, 10);
  expect(await convertedOn(admin, day), "conversions among today's sign-ups").toBeGreaterThanOrEqual(1);
  expect(await creditedTo(admin, day, winnerName), `conversions credited to ${winnerName}`).toBeGreaterThanOrEqual(1);
  await admin.getByRole("table", { name: /Conversion by assistant/ }).scrollIntoViewIfNeeded();
  await screenshot(admin, "14-admin-metrics");

  expect(pageErrors).toEqual([]);
});
