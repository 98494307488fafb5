import { expect, test } from "@playwright/test";

test("home page renders without an error", async ({ page }) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));

  // Signed out, `/` redirects to the sign-in page. goto follows redirects and returns the last response.
  const response = await page.goto("/");

  expect(response, "no response for /").not.toBeNull();
  expect(response?.status(), `status of ${response?.url()}`).toBeLessThan(400);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.getByText(/application error/i)).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
