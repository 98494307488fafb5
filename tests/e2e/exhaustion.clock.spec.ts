import { expect, test, type Browser, type Page } from "@playwright/test";

import assistants from "../../prisma/seed-data/assistants.json" with { type: "json" };
import { advanceServerClock } from "./support/clock";
import { signInByApi } from "./support/session";

const SKILL_SLUG = "transcription";
const SKILL_NAME = "Transcription";
const MINUTE = 60;

/** Reads a duration shown as "1 h 05 min" or "45 min" and returns it in minutes. */
function minutesOf(text: string): number {
  const match = /^(?:(\d+) h )?(\d+) min$/.exec(text.trim());
  if (!match) {
    throw new Error(`Expected a duration like "1 h 05 min", got "${text}"`);
  }

  return Number(match[1] ?? 0) * 60 + Number(match[2]);
}

/** Signs up a new trial client through the sign-up form and waits for their dashboard. */
async function signUpTrialClient(page: Page, label: string): Promise<void> {
  const suffix = `${label}-${Date.now()}`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(`Pat ${label}`);
  await page.getByLabel("Company name").fill(`Harbour ${label}`);
  await page.getByLabel("Email").fill(`pat.${suffix}@example.com`);
  await page.getByLabel("Password").fill("trial-client-password-1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/client$/, { timeout: 20_000 });
}

/** Sends a brief that needs the spec's skill and returns the new task's id. */
async function sendBrief(page: Page, brief: { title: string; timeLimitMinutes?: number }): Promise<string> {
  await page.getByRole("main").getByRole("link", { name: "New brief" }).click();
  await page.getByLabel("Title").fill(brief.title);
  await page.getByLabel("Description").fill("Transcribe the two supplier calls from Monday and mark every delivery date they mention.");
  await page.getByLabel("Search skills").fill(SKILL_NAME);
  await page.getByRole("checkbox", { name: SKILL_NAME }).check();
  if (brief.timeLimitMinutes !== undefined) {
    await page.getByLabel("Time limit in minutes (optional)").fill(String(brief.timeLimitMinutes));
  }
  await page.getByRole("button", { name: "Send brief" }).click();
  await expect(page).toHaveURL(/\/client\/tasks\/[^/]+$/);

  return new URL(page.url()).pathname.split("/").at(-1) ?? "";
}

/**
 * Signs in as each seeded assistant with the skill until one shows the offer
 * for `title`, accepts it there, and returns that assistant's page on the task.
 */
async function acceptAsOfferedAssistant(browser: Browser, title: string): Promise<Page> {
  const candidates = assistants.filter((assistant) => assistant.skills.includes(SKILL_SLUG));
  for (const candidate of candidates) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInByApi(page, candidate.email);
    await page.goto("/assistant");
    await expect(page.getByRole("heading", { name: "Offers waiting for you" })).toBeVisible();
    const offer = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
    if ((await offer.count()) === 1) {
      await offer.getByRole("button", { name: "Accept" }).click();
      await expect(page).toHaveURL(/\/assistant\/tasks\/[^/]+$/);
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

      return page;
    }
    await context.close();
  }
  throw new Error(`None of ${candidates.map((candidate) => candidate.email).join(", ")} had an offer for "${title}"`);
}

/** Reads the "Hours left" figure on the client's dashboard, in minutes. */
async function hoursLeftOnDashboard(page: Page): Promise<number> {
  await page.goto("/client");
  const hours = page.getByRole("region", { name: "Free trial" }).locator("div", { has: page.getByText("Hours left", { exact: true }) }).getByRole("definition");

  return minutesOf(await hours.innerText());
}

/**
 * Holds the page's server-component refresh requests for `path` (the ones
 * Next.js sends with an `RSC: 1` header) until `release` is called, so a
 * spec can look at the page while its new data is on the way. `requested`
 * resolves when the first one arrives.
 */
async function holdPageRefresh(page: Page, path: string): Promise<{ requested: Promise<void>; release: () => void }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let markRequested = () => {};
  const requested = new Promise<void>((resolve) => {
    markRequested = resolve;
  });
  await page.route(`**${path}?*`, async (route) => {
    if (route.request().headers()["rsc"] === "1") {
      markRequested();
      await released;
    }
    await route.continue();
  });

  return { requested, release };
}

/** Waits two animation frames, which gives React time to render the state changes the page already received. */
async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Opens the notification panel and returns it; the caller closes it with Escape. */
async function openNotifications(page: Page) {
  await page.getByRole("button", { name: /^Notifications, \d+ unread$/ }).click();
  const panel = page.getByRole("region", { name: "Notifications" });
  await expect(panel).toBeVisible();

  return panel;
}

test("trial runs out, handoff, upgrade, continue", async ({ browser }) => {
  test.setTimeout(240_000);
  const clientContext = await browser.newContext();
  const client = await clientContext.newPage();
  const pageErrors: string[] = [];
  client.on("pageerror", (error) => pageErrors.push(error.message));
  const title = `Transcribe supplier calls ${Date.now()}`;

  await signUpTrialClient(client, "exhaustion");
  expect(await hoursLeftOnDashboard(client)).toBe(60);
  const taskId = await sendBrief(client, { title });

  const assistant = await acceptAsOfferedAssistant(browser, title);
  assistant.on("pageerror", (error) => pageErrors.push(error.message));
  await assistant.getByRole("button", { name: "Start timer" }).click();
  await expect(assistant.getByText(/^Timer started at \d\d:\d\d\.$/)).toBeVisible();
  await assistant.reload();
  await expect(assistant.getByRole("button", { name: "Stop timer" })).toBeVisible();
  await expect(assistant.getByRole("timer", { name: "Elapsed time" })).toBeVisible();

  // Five minutes of work later, the dashboard shows at most 55 of the 60 trial minutes left.
  await advanceServerClock(client.request, 5 * MINUTE);
  const leftAfterFiveMinutes = await hoursLeftOnDashboard(client);
  expect(leftAfterFiveMinutes).toBeLessThanOrEqual(55);
  expect(leftAfterFiveMinutes).toBeGreaterThanOrEqual(50);
  await expect(client.getByText("An assistant is working now, so the time left goes down while they work.")).toBeVisible();

  // Past the hour: the timer stopped when the trial ran out.
  await advanceServerClock(client.request, 60 * MINUTE);
  await assistant.reload();
  await expect(assistant.getByRole("main").getByText("Status: Out of time")).toBeVisible();
  await expect(assistant.getByText("The timer is stopped.")).toBeVisible();
  await expect(assistant.getByText("This task is out of time, so the timer cannot start.", { exact: false })).toBeVisible();
  await expect(assistant.getByRole("button", { name: "Start timer" })).toHaveCount(0);
  await expect(assistant.getByText("Client's hours left").locator("xpath=following-sibling::dd[1]")).toHaveText("0 min");

  const assistantBell = await openNotifications(assistant);
  await expect(assistantBell.getByRole("listitem").filter({ hasText: "Stop work: time is used up" })).toBeVisible();
  await expect(assistantBell.getByRole("listitem").filter({ hasText: "80 % of the hours are used" })).toBeVisible();
  await expect(assistantBell.getByRole("listitem").filter({ hasText: "10 minutes left" })).toBeVisible();
  await assistant.keyboard.press("Escape");

  const handoff = assistant.getByRole("region", { name: "Handoff" });
  await handoff.getByLabel("What was achieved").fill("Transcribed the first call in full; the second call is still to do.");
  await handoff.getByLabel("Extra minutes needed").fill("30");
  await handoff.getByRole("button", { name: "Send handoff" }).click();
  await expect(handoff.getByText("Handoff sent.", { exact: false })).toBeVisible();
  await expect(handoff.getByRole("list", { name: "Handoffs sent" })).toContainText("asked for 30 more minutes · waiting for the client");

  // The client sees the handoff; with no trial time left, approving the minutes needs a plan first.
  expect(await hoursLeftOnDashboard(client)).toBe(0);
  await expect(client.getByText("You have no time left on your free trial, so you cannot send a new brief.")).toBeVisible();
  await client.goto(`/client/tasks/${taskId}`);
  await expect(client.getByText("Out of time: your hours are used up")).toBeVisible();
  const panel = client.getByRole("region", { name: "Your hours are used up" });
  await expect(panel).toContainText("Transcribed the first call in full; the second call is still to do.");
  await expect(panel).toContainText("Minutes requested to finish: 30");
  await expect(panel.getByRole("button", { name: "Approve 30 extra minutes" })).toHaveCount(0);
  await expect(panel.getByText("No time is left to approve extra minutes from.", { exact: false })).toBeVisible();
  await expect(panel.getByRole("link", { name: "Buy a top-up" })).toBeVisible();

  const clientBell = await openNotifications(client);
  await expect(clientBell.getByRole("listitem").filter({ hasText: "Your hours are used up" })).toBeVisible();
  await expect(clientBell.getByRole("listitem").filter({ hasText: "Your assistant sent a handoff" })).toBeVisible();
  await expect(clientBell.getByRole("listitem").filter({ hasText: "80 % of the hours are used" })).toBeVisible();
  await client.keyboard.press("Escape");

  await panel.getByRole("link", { name: "Choose a plan" }).click();
  await expect(client).toHaveURL(/\/client\/plans$/);
  await client.getByRole("button", { name: "Upgrade to Starter" }).click();
  await expect(client).toHaveURL(/\/client\/plans\/receipt\/[^/]+$/);

  // Buying time gives the task back to the same assistant at once.
  await client.goto(`/client/tasks/${taskId}`);
  await expect(client.getByRole("main").getByText("Status: In progress")).toBeVisible();
  await expect(client.getByRole("region", { name: "Your hours are used up" })).toHaveCount(0);
  await expect(client.getByText("Time added, so the assistant can continue")).toBeVisible();

  await assistant.reload();
  await expect(handoff.getByRole("list", { name: "Handoffs sent" })).toContainText("time added");
  await assistant.getByRole("button", { name: "Start timer" }).click();
  await expect(assistant.getByRole("button", { name: "Stop timer" })).toBeVisible();
  await expect(assistant.getByRole("main").getByText("Status: In progress")).toBeVisible();

  // Submitting and approving the work updates both pages without a reload.
  const submit = assistant.getByRole("region", { name: "Submit for review" });
  await submit.getByLabel("Delivery note").fill("Both calls are transcribed, with the delivery dates highlighted in yellow.");
  await submit.getByLabel("The time log is correct").check();
  await submit.getByRole("button", { name: "Submit for review" }).click();
  await expect(assistant.getByRole("main").getByText("Status: Ready for review")).toBeVisible();

  await client.reload();
  await expect(client.getByRole("heading", { name: "Ready for your review" })).toBeVisible();
  // The button stays pending until the page shows the approval, however late the page's new data comes.
  const approvalRefresh = await holdPageRefresh(client, `/client/tasks/${taskId}`);
  await client.getByRole("button", { name: "Approve and complete" }).click();
  await approvalRefresh.requested;
  await nextFrames(client);
  await expect(client.getByRole("button", { name: "Approving…" })).toBeDisabled();
  approvalRefresh.release();
  await expect(client.getByRole("main").getByText("Status: Completed")).toBeVisible();
  await expect(client.getByRole("heading", { name: "Ready for your review" })).toHaveCount(0);
  await expect(client.getByText("Approved", { exact: true })).toBeVisible();

  expect(pageErrors).toEqual([]);
  await assistant.context().close();
  await clientContext.close();
});

test("task limit, approve extra minutes, continue", async ({ browser }) => {
  test.setTimeout(180_000);
  const clientContext = await browser.newContext();
  const client = await clientContext.newPage();
  const pageErrors: string[] = [];
  client.on("pageerror", (error) => pageErrors.push(error.message));
  const title = `Transcribe the board call ${Date.now()}`;

  await signUpTrialClient(client, "limit");
  const taskId = await sendBrief(client, { title, timeLimitMinutes: 20 });
  const assistant = await acceptAsOfferedAssistant(browser, title);
  await assistant.getByRole("button", { name: "Start timer" }).click();
  await expect(assistant.getByRole("button", { name: "Stop timer" })).toBeVisible();

  await advanceServerClock(client.request, 21 * MINUTE);
  await assistant.reload();
  await expect(assistant.getByRole("main").getByText("Status: Out of time")).toBeVisible();
  const handoff = assistant.getByRole("region", { name: "Handoff" });
  await handoff.getByLabel("What was achieved").fill("Transcribed the first forty minutes of the call.");
  await handoff.getByLabel("Extra minutes needed").fill("15");
  await handoff.getByRole("button", { name: "Send handoff" }).click();
  await expect(handoff.getByRole("list", { name: "Handoffs sent" })).toContainText("waiting for the client");

  // Approving the minutes from the 40 trial minutes left updates the page without a reload.
  await client.goto(`/client/tasks/${taskId}`);
  const panel = client.getByRole("region", { name: "This task reached its time limit" });
  await expect(panel).toContainText("Minutes requested to finish: 15");
  const approvalRefresh = await holdPageRefresh(client, `/client/tasks/${taskId}`);
  await panel.getByRole("button", { name: "Approve 15 extra minutes" }).click();
  await approvalRefresh.requested;
  await nextFrames(client);
  await expect(panel.getByRole("button", { name: "Approving…" })).toBeDisabled();
  approvalRefresh.release();
  await expect(client.getByRole("main").getByText("Status: In progress")).toBeVisible();
  await expect(panel).toHaveCount(0);
  await expect(client.getByText("Time added, so the assistant can continue")).toBeVisible();

  await assistant.reload();
  await assistant.getByRole("button", { name: "Start timer" }).click();
  await expect(assistant.getByRole("button", { name: "Stop timer" })).toBeVisible();
  await assistant.getByRole("button", { name: "Stop timer" }).click();
  await expect(assistant.getByRole("button", { name: "Start timer" })).toBeVisible();

  expect(pageErrors).toEqual([]);
  await assistant.context().close();
  await clientContext.close();
});
