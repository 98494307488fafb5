import { expect, test } from "@playwright/test";

import { advanceServerClock, serverNow } from "./support/clock";
import { signInByApi } from "./support/session";

test("test clock shifts tRPC time", async ({ page }) => {
  await signInByApi(page, "amara.okafor@assistants.example");
  const before = await serverNow(page.request);

  const shifted = await advanceServerClock(page.request, 3600);

  expect(shifted.getTime() - before.getTime()).toBeGreaterThanOrEqual(3_600_000);
  const response = await page.request.get("/api/trpc/assistant.overview");
  expect(response.ok(), `assistant.overview answered ${response.status()}`).toBe(true);
  // superjson puts the payload under `json`, with dates as ISO strings.
  const body = (await response.json()) as { result: { data: { json: { serverNow: string } } } };
  expect(new Date(body.result.data.json.serverNow).getTime()).toBeGreaterThanOrEqual(shifted.getTime());
});
