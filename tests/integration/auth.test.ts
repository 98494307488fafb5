import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { verifyCredentials } from "~/server/auth/credentials";
import { hashPassword, verifyPassword } from "~/server/auth/password";
import { loadSessionUser } from "~/server/auth/session-user";
import { signUpTrialClient } from "~/server/auth/signup";
import { ManualClock } from "~/server/clock";
import { AppError } from "~/server/errors";

import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
const clock = new ManualClock("2026-03-02T09:00:00Z");
const validSignUp = {
  name: "Nina Fairweather",
  companyName: "Harbour Lane Bakery",
  email: "Nina@HarbourLane.example",
  password: "flour-and-water-42",
  timeZone: "Europe/London",
};

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

async function signUpError(input: Partial<typeof validSignUp>): Promise<AppError> {
  const error = await signUpTrialClient(database.prisma, clock, { ...validSignUp, ...input }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);

  return error as AppError;
}

describe("password hashing", () => {
  it("verifies the right password only", async () => {
    const hash = await hashPassword("correct horse battery");

    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain("correct horse battery");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
  });

  it("salts each hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("rejects a malformed stored hash", async () => {
    expect(await verifyPassword("anything", "plain-text")).toBe(false);
  });
});

describe("trial sign-up", () => {
  it("creates a trial client with the trial allowance", async () => {
    const { userId, clientId } = await signUpTrialClient(database.prisma, clock, validSignUp);

    const user = await database.prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { client: true } });
    expect(user.email).toBe("nina@harbourlane.example");
    expect(user.role).toBe("client");
    expect(user.passwordHash).not.toContain(validSignUp.password);
    expect(user.client?.id).toBe(clientId);
    expect(user.client?.trialSeconds).toBe(3600);
    expect(user.client?.trialStartedAt.toISOString()).toBe("2026-03-02T09:00:00.000Z");
  });

  it("names the email field when the email is invalid", async () => {
    const error = await signUpError({ email: "nina-at-harbourlane" });

    expect(error.code).toBe("INVALID_INPUT");
    expect(error.fieldErrors?.email).toMatch(/valid email/);
  });

  it("names the password field when it is short", async () => {
    const error = await signUpError({ email: "short@harbourlane.example", password: "123456789" });

    expect(error.fieldErrors?.password).toBe("Password must be at least 10 characters.");
  });

  it("rejects an email that already has an account", async () => {
    const error = await signUpError({ email: "NINA@harbourlane.example" });

    expect(error.fieldErrors?.email).toMatch(/already exists/);
  });

  it("rejects an unknown time zone naming the field", async () => {
    const error = await signUpError({ email: "tz@harbourlane.example", timeZone: "Mars/Olympus" });

    expect(error.fieldErrors?.timeZone).toMatch(/time zone/i);
  });
});

describe("password sign-in", () => {
  it("accepts the right password, case-insensitive email", async () => {
    const user = await verifyCredentials(database.prisma, { email: " NINA@harbourlane.example ", password: validSignUp.password });

    expect(user?.email).toBe("nina@harbourlane.example");
  });

  it("refuses a wrong password", async () => {
    expect(await verifyCredentials(database.prisma, { email: validSignUp.email, password: "wrong-password-1" })).toBeNull();
  });

  it("refuses an unknown email", async () => {
    expect(await verifyCredentials(database.prisma, { email: "nobody@example.com", password: validSignUp.password })).toBeNull();
  });

  it("refuses a deactivated user", async () => {
    await database.prisma.user.update({ where: { email: "nina@harbourlane.example" }, data: { active: false } });

    expect(await verifyCredentials(database.prisma, { email: validSignUp.email, password: validSignUp.password })).toBeNull();

    await database.prisma.user.update({ where: { email: "nina@harbourlane.example" }, data: { active: true } });
  });
});

describe("session user", () => {
  it("reflects a role change on the next load", async () => {
    const { userId } = await signUpTrialClient(database.prisma, clock, { ...validSignUp, email: "role@harbourlane.example" });
    expect((await loadSessionUser(database.prisma, userId))?.role).toBe("client");

    await database.prisma.user.update({ where: { id: userId }, data: { role: "admin" } });

    const reloaded = await loadSessionUser(database.prisma, userId);
    expect(reloaded?.role).toBe("admin");
    expect(reloaded?.clientId).toBeNull();
  });

  it("is null once the user is deactivated", async () => {
    const { userId } = await signUpTrialClient(database.prisma, clock, { ...validSignUp, email: "gone@harbourlane.example" });
    await database.prisma.user.update({ where: { id: userId }, data: { active: false } });

    expect(await loadSessionUser(database.prisma, userId)).toBeNull();
  });
});
