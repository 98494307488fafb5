import { expect, type APIRequestContext } from "@playwright/test";

/**
 * Moves the server's clock forward through the test clock route, which
 * scripts/e2e.mjs switches on with E2E_TEST_CLOCK, and waits until every
 * deadline that fell due has been applied. Returns the server's new "now".
 *
 * The shift lasts until the server stops, so only specs named
 * `*.clock.spec.ts` call this; the Playwright config runs them after the
 * others.
 */
export async function advanceServerClock(request: APIRequestContext, seconds: number): Promise<Date> {
  const response = await request.post("/api/test-clock", { data: { advanceSeconds: seconds } });
  expect(response.status(), `POST /api/test-clock answered ${response.status()}: ${await response.text()}`).toBe(200);
  const { now } = (await response.json()) as { now: string };

  return new Date(now);
}

/** Reads the server's "now", which differs from the wall clock after a shift. */
export async function serverNow(request: APIRequestContext): Promise<Date> {
  const response = await request.get("/api/test-clock");
  expect(response.ok(), `GET /api/test-clock answered ${response.status()}`).toBe(true);
  const { now } = (await response.json()) as { now: string };

  return new Date(now);
}
