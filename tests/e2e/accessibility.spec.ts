import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

import { signInByApi } from "./support/session";

/** Lists axe's violations on the whole page, one line per rule with the elements it flagged. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();

  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

const PAGES_BY_ACCOUNT: Array<{ email: string | null; paths: string[] }> = [
  { email: null, paths: ["/sign-in", "/sign-up"] },
  { email: "rob@summitgear.example", paths: ["/client", "/client/briefs/new", "/client/notes", "/client/plans", "/client/assistants"] },
  { email: "amara.okafor@assistants.example", paths: ["/assistant", "/assistant/profile", "/assistant/history", "/assistant/stats"] },
  { email: "admin@baton.example", paths: ["/admin", "/admin/unrouted", "/admin/assistants", "/admin/audit", "/admin/settings"] },
];

for (const { email, paths } of PAGES_BY_ACCOUNT) {
  test(`axe finds nothing for ${email ?? "visitors"}`, async ({ page }) => {
    test.setTimeout(90_000);
    if (email) {
      await signInByApi(page, email);
    }

    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();

      expect(await axeViolations(page), `axe violations on ${path}`).toEqual([]);
    }
  });
}

test("task pages pass axe for client and admin", async ({ page }) => {
  await signInByApi(page, "rob@summitgear.example");
  await page.goto("/client");
  await page.getByRole("region", { name: "Task list" }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/client\/tasks\//);
  const taskId = page.url().split("/").pop() ?? "";

  expect(await axeViolations(page), "axe violations on the client's task page").toEqual([]);

  await page.context().clearCookies();
  await signInByApi(page, "admin@baton.example");
  await page.goto(`/admin/tasks/${taskId}`);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();

  expect(await axeViolations(page), "axe violations on the admin's task page").toEqual([]);
});

test("assistant dashboard fits a 390-pixel phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInByApi(page, "amara.okafor@assistants.example");
  await page.goto("/assistant");
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "pixels of horizontal scrolling").toBeLessThanOrEqual(0);
  await expect(page.getByRole("button", { name: "Accept" }).first()).toBeInViewport();
});

test("sign-in form works from the keyboard with a visible focus ring", async ({ page }) => {
  await page.goto("/sign-in");
  const email = page.getByLabel("Email", { exact: true });
  await email.focus();
  await page.keyboard.type("rob@summitgear.example");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();

  const outline = await page.getByLabel("Password").evaluate((element) => {
    const style = getComputedStyle(element);
    return `${style.outlineStyle} ${style.boxShadow}`;
  });
  expect(outline, "focus indicator of the password field").not.toBe("none none");
});
