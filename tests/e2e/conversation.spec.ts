import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";

import { signInByApi } from "./support/session";

// The paid client's seeded task in progress, assigned to Hugo Laurent with his timer running. No other spec opens it.
const CLIENT_EMAIL = "rob@summitgear.example";
const ASSISTANT_EMAIL = "hugo.laurent@assistants.example";
const ADMIN_EMAIL = "admin@baton.example";
const TASK_TITLE = "Answer this week's customer emails about returns";

const QUESTION = "Should refunds over $300 wait for you? The macro list is at https://help.example/returns-macros. <script>alert(1)</script>";
const ANSWER = "Yes, hold anything over $300 and label the rest today.";

/** Opens a page in a browser context of its own, signed in as `email`, so two people can work side by side. */
async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInByApi(page, email);

  return page;
}

/** Lists axe's violations inside the page's main landmark, one line per rule with the elements it flagged. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include("main").analyze();

  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

function conversation(page: Page) {
  return page.getByRole("region", { name: "Conversation" });
}

test("assistant asks, client answers, approves and the assistant sees the rating", async ({ browser }) => {
  // Two people take turns here, and the first requests of a fresh server open the database.
  test.setTimeout(120_000);
  const assistant = await signedInPage(browser, ASSISTANT_EMAIL);
  const client = await signedInPage(browser, CLIENT_EMAIL);
  const pageErrors: string[] = [];
  for (const page of [assistant, client]) {
    page.on("pageerror", (error) => pageErrors.push(error.message));
  }

  await assistant.goto("/assistant");
  await assistant.getByRole("region", { name: "Your active tasks" }).getByRole("link", { name: TASK_TITLE }).click();
  await expect(assistant.getByRole("heading", { level: 1, name: TASK_TITLE })).toBeVisible();
  const assistantChat = conversation(assistant);
  const assistantLog = assistantChat.getByRole("log", { name: "Messages" });
  // The seed starts every task in progress with a greeting and the client's reply.
  await expect(assistantLog.getByRole("listitem").filter({ hasText: "Great, thank you!" })).toContainText("Rob Alvarez (Client)");
  await expect(assistantLog.getByText("Unread")).toHaveCount(0);

  const field = assistantChat.getByLabel("Your message");
  const tooLong = "x".repeat(5_001);
  await field.fill(tooLong);
  await expect(assistantChat.getByText("5,001 of 5,000 characters")).toBeVisible();
  await assistantChat.getByRole("button", { name: "Send message" }).click();
  await expect(field, "the server's error is shown on the field").toHaveAccessibleDescription(/Message must be at most 5,000 characters, and this one has 5,001\./);
  await expect(field, "a rejected message stays in the field").toHaveValue(tooLong);

  await field.fill(QUESTION);
  await assistantChat.getByRole("button", { name: "Send message" }).click();
  await expect(assistantLog.getByRole("listitem").filter({ hasText: "Should refunds over $300 wait for you?" })).toContainText("You");
  await expect(assistantChat.getByLabel("Your message")).toHaveValue("");

  await client.goto("/client");
  const row = client.getByRole("region", { name: "Task list" }).getByRole("listitem").filter({ hasText: TASK_TITLE });
  await expect(row).toContainText("1 unread message");
  await row.getByRole("link", { name: TASK_TITLE }).click();
  const clientLog = conversation(client).getByRole("log", { name: "Messages" });
  const question = clientLog.getByRole("listitem").filter({ hasText: "Should refunds over $300 wait for you?" });
  await expect(question).toContainText("Hugo Laurent (Assistant)");
  await expect(question).toContainText("Unread");
  await expect(question.getByText("<script>alert(1)</script>", { exact: false }), "HTML in a message shows as text").toBeVisible();
  await expect(question.getByRole("link", { name: "https://help.example/returns-macros" })).toHaveAttribute("href", "https://help.example/returns-macros");
  expect(await axeViolations(client), "client task page with the conversation").toEqual([]);
  await conversation(client).getByLabel("Your message").fill(ANSWER);
  await conversation(client).getByRole("button", { name: "Send message" }).click();
  await expect(clientLog.getByRole("listitem").filter({ hasText: ANSWER })).toContainText("You");

  // The assistant's open page polls for new messages, so the client's reply appears without a reload.
  const answer = assistantLog.getByRole("listitem").filter({ hasText: ANSWER });
  await expect(answer).toContainText("Rob Alvarez", { timeout: 15_000 });
  await expect(answer).toContainText("Unread");

  await assistant.getByLabel("Delivery note").fill("Answered 38 return emails, created 31 labels and held 7 refunds over $300 for you.");
  await assistant.getByRole("checkbox", { name: "The time log is correct" }).check();
  await assistant.getByRole("button", { name: "Submit for review" }).click();
  await expect(assistant.getByRole("heading", { name: "In review" })).toBeVisible();

  await client.reload();
  await expect(client.getByRole("heading", { name: "Ready for your review" })).toBeVisible();
  // The stars are visually hidden radio buttons, so the keyboard selects one as a person would.
  await client.getByRole("radio", { name: "5 stars" }).focus();
  await client.keyboard.press("Space");
  await expect(client.getByRole("radio", { name: "5 stars" })).toBeChecked();
  await client.getByRole("button", { name: "Approve and complete" }).click();
  await expect(client.getByRole("main").getByText("Status: Completed")).toBeVisible();
  await expect(conversation(client).getByText("This task is completed, so its conversation is read-only.")).toBeVisible();

  await assistant.goto("/assistant/history");
  const done = assistant.getByRole("listitem").filter({ has: assistant.getByRole("heading", { name: TASK_TITLE }) });
  await expect(done).toContainText("5 of 5");

  const taskId = new URL(client.url()).pathname.split("/").at(-1) ?? "";
  const admin = await signedInPage(browser, ADMIN_EMAIL);
  await admin.goto(`/admin/tasks/${taskId}`);
  const adminLog = conversation(admin).getByRole("log", { name: "Messages" });
  await expect(adminLog.getByRole("listitem")).toHaveCount(4);
  await expect(adminLog.getByRole("listitem").filter({ hasText: ANSWER })).toContainText("Rob Alvarez (Client)");
  await expect(conversation(admin).getByText("This task is completed, so its conversation is read-only.")).toBeVisible();
  expect(pageErrors).toEqual([]);
});
