import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { submitBrief } from "~/server/briefs/submit-brief";
import { shiftSystemClock, systemClock } from "~/server/clock";
import { createTestClockHandlers } from "~/server/deadlines/test-clock";
import { createLocalMailboxTransport } from "~/server/email/transport";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssistant, createClient, createSkill, createUser } from "../support/factories";

let database: TestDatabase;
let shiftedMs = 0;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterEach(() => {
  shiftSystemClock(-shiftedMs);
  shiftedMs = 0;
});

afterAll(async () => {
  await database.close();
});

function handlers(enabled: boolean) {
  return createTestClockHandlers({ enabled, getDatabase: () => Promise.resolve(database), transport: createLocalMailboxTransport });
}

function advanceRequest(body: unknown) {
  return new Request("http://127.0.0.1/api/test-clock", { method: "POST", body: JSON.stringify(body) });
}

async function advance(seconds: number) {
  const response = await handlers(true).POST(advanceRequest({ advanceSeconds: seconds }));
  if (response.ok) {
    shiftedMs += seconds * 1000;
  }

  return response;
}

describe("test clock route", () => {
  it("returns 404 when disabled", async () => {
    const { GET, POST } = handlers(false);
    const before = Date.now();

    expect(GET().status).toBe(404);
    expect((await POST(advanceRequest({ advanceSeconds: 3600 }))).status).toBe(404);
    expect(Math.abs(systemClock.now().getTime() - before)).toBeLessThan(5_000);
  });

  it("advances the system clock", async () => {
    const response = await advance(7200);
    const body = (await response.json()) as { now: string };

    expect(response.status).toBe(200);
    expect(new Date(body.now).getTime() - Date.now()).toBeGreaterThan(7_195_000);
    expect(systemClock.now().getTime() - Date.now()).toBeGreaterThanOrEqual(7_200_000);
  });

  it("applies deadlines due at the new time", async () => {
    const skill = await createSkill(database.prisma, { slug: "clock-research" });
    const user = await createUser(database.prisma, { role: "assistant", name: "Clock Assistant" });
    await createAssistant(database.prisma, { userId: user.id, skills: { create: [{ skillId: skill.id }] } });
    const client = await createClient(database.prisma, { trialStartedAt: systemClock.now() });
    const { taskId } = await submitBrief(database.prisma, {
      clientId: client.id,
      brief: { title: "Compare couriers", description: "Compare three courier price lists.", skills: ["clock-research"] },
      now: systemClock.now(),
    });
    const offer = await database.prisma.offer.findFirstOrThrow({ where: { taskId } });
    expect(offer.status).toBe("pending");

    const response = await advance(16 * 60);

    expect(response.status).toBe(200);
    expect((await database.prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).status).toBe("expired");
  });

  it("rejects an invalid advanceSeconds", async () => {
    for (const body of [{ advanceSeconds: -5 }, { advanceSeconds: 1.5 }, {}]) {
      const response = await handlers(true).POST(advanceRequest(body));
      const answer = (await response.json()) as { error: string };

      expect(response.status).toBe(400);
      expect(answer.error).toContain("advanceSeconds");
    }
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(5_000);
  });
});
