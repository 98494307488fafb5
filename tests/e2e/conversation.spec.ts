import { expect, test, type Browser, type Page } from "@playwright/test";

import { signInByApi } from "./support/session";

// The paid client's seeded task in progress, held by Hugo Laurent with his timer running; no other spec opens it.
const CLIENT_EMAIL = "rob@summitgear.example";
const ASSISTANT_EMAIL = "hugo.laurent@assistants.example";
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
  await assistantChat.getByLabel("Your message").fill(QUESTION);
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
  await conversation(client).getByLabel("Your message").fill(ANSWER);
  await conversation(client).getByRole("button", { name: "Send message" }).click();
  await expect(clientLog.getByRole("listitem").filter({ hasText: ANSWER })).toContainText("You");

  // The assistant's open page polls for new messages, so the answer appears without a reload.
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
  expect(pageErrors).toEqual([]);
});
