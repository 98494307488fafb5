import { expect, test } from "@playwright/test";

import { signInWithForm as signIn } from "./support/session";

// The paid client's one task in
// review was delivered by Vera Novak, so she receives the approval.
const CLIENT_EMAIL = "rob@summitgear.example";
const ASSISTANT_EMAIL = "vera.novak@assistants.example";

// The second test reads the notification that the first test's approval sends.
test.describe.configure({ mode: "serial" });

test("paid client approves work with 5 stars", async ({ page }) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await signIn(page, CLIENT_EMAIL);

  const taskList = page.getByRole("region", { name: "Task list" });
  const inReview = taskList.getByRole("listitem").filter({ hasText: "Status: Ready for review" }).first();
  const title = (await inReview.getByRole("link").innerText()).trim();
  await inReview.getByRole("link").click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ready for your review" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Delivery note" })).toBeVisible();

  // The rating is a radio group: arrow keys move from the first star to the fifth.
  await page.getByRole("radio", { name: "1 star" }).focus();
  for (let step = 0; step < 4; step += 1) {
    await page.keyboard.press("ArrowRight");
  }
  await expect(page.getByRole("radio", { name: "5 stars" })).toBeChecked();
  await page.getByLabel("Comment (optional)").fill("Clear ranking, thank you.");
  await page.getByRole("button", { name: "Approve and complete" }).click();

  const main = page.getByRole("main");
  await expect(main.getByText("Status: Completed")).toBeVisible();
  await expect(main.getByText("Approved, rated 5 out of 5")).toBeVisible();
  await expect(main.getByText("Your rating: 5 of 5")).toBeVisible();
  await expect(main.getByText("Your comment: Clear ranking, thank you.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ready for your review" })).toHaveCount(0);

  await page.getByRole("link", { name: "Back to your tasks" }).click();
  const completedRow = taskList.getByRole("listitem").filter({ hasText: title });
  await expect(completedRow).toContainText("Status: Completed");
  expect(pageErrors).toEqual([]);
});

test("assistant sees the approval in the bell", async ({ page }) => {
  await signIn(page, ASSISTANT_EMAIL);

  const bell = page.getByRole("button", { name: /^Notifications, [1-9]\d* unread$/ });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(bell).toHaveAttribute("aria-expanded", "true");

  const panel = page.getByRole("region", { name: "Notifications" });
  const approval = panel.getByRole("listitem").filter({ hasText: "Your work was approved" });
  await expect(approval).toContainText("was approved with 5 of 5 stars");

  await panel.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByRole("button", { name: "Notifications, 0 unread" })).toBeVisible();
  await expect(approval).not.toContainText("Unread:");

  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
});
