/**
 * The profile router through `createCaller` and through tRPC's fetch
 * handler, as a signed-in assistant, with a clock the tests move by hand.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { loadSessionUser, type SessionUser } from "~/server/auth/session-user";
import { ManualClock } from "~/server/clock";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssistant, createClient, createSkill, createUser } from "../support/factories";
import { postMutation } from "../support/http-trpc";

// 10:00 in London on 1 March 2027, which is 21:00 in Sydney.
const NOW = "2027-03-01T10:00:00.000Z";

let database: TestDatabase;
const clock = new ManualClock(NOW);
let skillSlugs: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  const skills = await Promise.all([createSkill(database.prisma, { category: "Admin" }), createSkill(database.prisma, { category: "Research" })]);
  skillSlugs = skills.map((skill) => skill.slug);
});

afterAll(async () => {
  await database.close();
});

async function signedInAssistant(): Promise<SessionUser> {
  const user = await createUser(database.prisma, { role: "assistant", timeZone: "Europe/London" });
  await createAssistant(database.prisma, { userId: user.id, timeZone: "Europe/London", capacity: 3 });
  const session = await loadSessionUser(database.prisma, user.id);
  if (!session?.assistantId) {
    throw new Error(`user ${user.id} did not load as an assistant`);
  }

  return session;
}

function contextFor(user: SessionUser) {
  return createContextInner({ db: database.prisma, user, clock });
}

function validUpdate() {
  return { skills: [...skillSlugs], timeZone: "Australia/Sydney", capacity: 5, available: true, awayUntil: null as string | null };
}

describe("profile.get", () => {
  it("returns the profile and the skill list", async () => {
    const assistant = await signedInAssistant();

    const profile = await createCaller(contextFor(assistant)).profile.get();

    expect(profile.timeZone).toBe("Europe/London");
    expect(profile.capacity).toBe(3);
    expect(profile.skills).toEqual([]);
    expect(profile.skillOptions.map((skill) => skill.slug)).toEqual(expect.arrayContaining(skillSlugs));
    expect(profile.awayUntil).toBeNull();
  });

  it("is FORBIDDEN for a client", async () => {
    const user = await createUser(database.prisma, { role: "client" });
    await createClient(database.prisma, { userId: user.id });
    const session = await loadSessionUser(database.prisma, user.id);
    if (!session) {
      throw new Error("client did not load");
    }

    const error: unknown = await createCaller(contextFor(session))
      .profile.get()
      .then(
        () => null,
        (reason: unknown) => reason,
      );

    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("FORBIDDEN");
  });
});

describe("profile.update", () => {
  it("saves every field and the user's time zone", async () => {
    const assistant = await signedInAssistant();
    const caller = createCaller(contextFor(assistant));

    await caller.profile.update({ ...validUpdate(), available: false, awayUntil: "2027-03-10" });
    const profile = await caller.profile.get();
    const stored = await database.prisma.assistantProfile.findUniqueOrThrow({ where: { id: assistant.assistantId ?? "" }, select: { awayUntil: true } });
    const user = await database.prisma.user.findUniqueOrThrow({ where: { id: assistant.id }, select: { timeZone: true } });

    expect(profile.skills).toEqual([...skillSlugs].sort());
    expect(profile.timeZone).toBe("Australia/Sydney");
    expect(profile.capacity).toBe(5);
    expect(profile.available).toBe(false);
    expect(profile.awayUntil).toBe("2027-03-10");
    // Midnight starting 10 March in Sydney (UTC+11 in March) is 13:00 UTC on 9 March.
    expect(stored.awayUntil?.toISOString()).toBe("2027-03-09T13:00:00.000Z");
    expect(user.timeZone).toBe("Australia/Sydney");
  });

  it("clears away until with null", async () => {
    const assistant = await signedInAssistant();
    const caller = createCaller(contextFor(assistant));

    await caller.profile.update({ ...validUpdate(), awayUntil: "2027-03-10" });
    await caller.profile.update(validUpdate());

    expect((await caller.profile.get()).awayUntil).toBeNull();
  });

  it("names every invalid field at once", async () => {
    const assistant = await signedInAssistant();

    const response = await postMutation(contextFor(assistant), "profile.update", {
      skills: ["no-such-skill"],
      timeZone: "Mars/Olympus_Mons",
      capacity: 11,
      available: true,
      awayUntil: "2027-02-30",
    });

    expect(response.ok).toBe(false);
    if (response.ok) {
      return;
    }
    expect(response.status).toBe(400);
    expect(Object.keys(response.fieldErrors ?? {}).sort()).toEqual(["awayUntil", "capacity", "skills", "timeZone"]);
    expect(response.fieldErrors?.skills).toMatch(/no-such-skill/);
    expect(response.fieldErrors?.timeZone).toMatch(/Mars\/Olympus_Mons/);
    expect(response.fieldErrors?.capacity).toMatch(/from 1 to 10/);
    expect(response.fieldErrors?.awayUntil).toMatch(/must be a date/);
  });

  it("rejects no skills and capacity 0", async () => {
    const assistant = await signedInAssistant();

    const response = await postMutation(contextFor(assistant), "profile.update", { ...validUpdate(), skills: [], capacity: 0 });

    expect(response.ok).toBe(false);
    expect(response.ok ? null : response.fieldErrors?.skills).toMatch(/at least one skill/);
    expect(response.ok ? null : response.fieldErrors?.capacity).toMatch(/from 1 to 10/);
  });

  it("rejects today in the submitted zone", async () => {
    const assistant = await signedInAssistant();

    // At NOW it is already 1 March in Sydney, so 1 March has started there.
    const response = await postMutation(contextFor(assistant), "profile.update", { ...validUpdate(), awayUntil: "2027-03-01" });

    expect(response.ok).toBe(false);
    expect(response.ok ? null : response.fieldErrors).toEqual({ awayUntil: "Away until must be a date after today, or empty." });
  });

  it("names a past date beside an invalid zone", async () => {
    const assistant = await signedInAssistant();

    const response = await postMutation(contextFor(assistant), "profile.update", { ...validUpdate(), timeZone: "Mars/Base", awayUntil: "2020-01-01" });

    expect(response.ok).toBe(false);
    expect(Object.keys(response.ok ? {} : (response.fieldErrors ?? {})).sort()).toEqual(["awayUntil", "timeZone"]);
  });

  it("names a field of the wrong type", async () => {
    const assistant = await signedInAssistant();

    const response = await postMutation(contextFor(assistant), "profile.update", { ...validUpdate(), capacity: "five" });

    expect(response.ok).toBe(false);
    expect(Object.keys(response.ok ? {} : (response.fieldErrors ?? {}))).toEqual(["capacity"]);
  });

  it("leaves the profile unchanged when rejected", async () => {
    const assistant = await signedInAssistant();
    const caller = createCaller(contextFor(assistant));

    await postMutation(contextFor(assistant), "profile.update", { ...validUpdate(), timeZone: "Nowhere/Special" });

    expect((await caller.profile.get()).timeZone).toBe("Europe/London");
  });
});
