import { expect, test, type Page } from "@playwright/test";

import assistants from "../../prisma/seed-data/assistants.json" with { type: "json" };
import demo from "../../prisma/seed-data/demo-accounts.json" with { type: "json" };
import skills from "../../prisma/seed-data/skills.json" with { type: "json" };

// Skills that only one available seeded assistant has, so routing has exactly one candidate to offer the brief to.
const BRIEF_SKILLS = ["ecommerce-listings", "email-marketing"];

/** Returns the one available seeded assistant with every skill of the brief, and fails when the seed data has none or several. */
function onlyCandidate() {
  const holders = assistants.filter((assistant) => assistant.available && BRIEF_SKILLS.every((slug) => assistant.skills.includes(slug)));
  expect(
    holders.map((assistant) => assistant.email),
    "exactly one available seeded assistant has the brief's skills",
  ).toHaveLength(1);

  return holders[0] as (typeof assistants)[number];
}

function skillName(slug: string): string {
  const skill = skills.find((candidate) => candidate.slug === slug);
  expect(skill, `skill ${slug} is in the seed data`).toBeDefined();

  return skill?.name ?? slug;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/(client|assistant|admin)$/);
}

/** Returns the dashboard's offer card for one task, found by its heading. */
function offerCard(page: Page, title: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: title }) });
}

test("trial brief reaches the assistant with its skills", async ({ browser }) => {
  // Signing up, routing and accepting take several server round trips, each slow while the server warms up on a 2-core machine.
  test.setTimeout(90_000);
  const assistant = onlyCandidate();
  const stamp = Date.now();
  const title = `List twelve wool socks in the shop ${stamp}`;
  const email = `routing-${stamp}@trial.example`;
  const password = "routing-spec-password";

  const clientContext = await browser.newContext();
  const client = await clientContext.newPage();
  const clientErrors: string[] = [];
  client.on("pageerror", (error) => clientErrors.push(error.message));
  await client.goto("/sign-up");
  await client.getByLabel("Your name").fill("Rhea Ortiz");
  await client.getByLabel("Company name").fill("Ortiz Knitwear");
  await client.getByLabel("Email").fill(email);
  await client.getByLabel("Password").fill(password);
  await client.getByRole("button", { name: "Create account" }).click();
  await expect(client).toHaveURL(/\/client$/, { timeout: 20_000 });

  await client.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New brief" }).click();
  await expect(client.getByRole("heading", { level: 1, name: "New brief" })).toBeVisible();
  await client.getByLabel("Title").fill(title);
  await client.getByLabel("Description").fill("Add twelve sock listings from the spreadsheet and send the list to our newsletter subscribers.");
  for (const slug of BRIEF_SKILLS) {
    await client.getByRole("checkbox", { name: new RegExp(`^${skillName(slug)}\\b`) }).check();
  }
  await client.getByRole("button", { name: "Send brief" }).click();

  await expect(client).toHaveURL(/\/client\/tasks\/[^/]+$/);
  const taskUrl = client.url();
  await expect(client.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(client.getByRole("definition").filter({ hasText: "Not assigned yet" })).toBeVisible();

  const assistantContext = await browser.newContext();
  const worker = await assistantContext.newPage();
  await signIn(worker, assistant.email, demo.password);
  await expect(worker).toHaveURL(/\/assistant$/);
  const offer = offerCard(worker, title);
  await expect(offer).toBeVisible();
  await expect(offer.getByText("Trial client — a chance to win a new client")).toBeVisible();
  for (const slug of BRIEF_SKILLS) {
    await expect(offer.getByRole("list", { name: "Required skills" }).getByRole("listitem").filter({ hasText: skillName(slug) })).toBeVisible();
  }

  await offer.getByText("Why you got this").click();
  await expect(offer.getByText("Skill fit", { exact: true })).toBeVisible();
  await expect(offer.getByText("Trial clients you converted", { exact: true })).toBeVisible();
  await expect(offer.getByText(/% of the score$/).first()).toBeVisible();

  await offer.getByRole("button", { name: "Accept" }).click();
  await expect(worker).toHaveURL(/\/assistant\/tasks\/[^/]+$/);
  await expect(worker.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await client.goto(taskUrl);
  await expect(client.getByRole("definition").filter({ hasText: assistant.name })).toBeVisible();
  expect(clientErrors).toEqual([]);

  await assistantContext.close();
  await clientContext.close();
});
