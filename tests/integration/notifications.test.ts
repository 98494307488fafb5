import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import type { SessionUser } from "~/server/auth/session-user";
import { ManualClock } from "~/server/clock";
import { notify, type NotifyInput } from "~/server/notifications/notify";
import { createTestDatabase, type TestDatabase } from "~/tests/support/database";

const MINUTE = 60_000;

let database: TestDatabase;
let clock: ManualClock;
let sam: SessionUser;
let priya: SessionUser;

async function createUser(email: string, name: string, role: SessionUser["role"]): Promise<SessionUser> {
  const user = await database.prisma.user.create({ data: { email, name, role } });

  return { id: user.id, email, name, role, timeZone: "UTC", clientId: null, assistantId: null };
}

function callerFor(user: SessionUser | null) {
  return createCaller(createContextInner({ db: database.prisma, user, clock }));
}

function notifyNow(input: Omit<NotifyInput<"welcome">, "now">) {
  return database.prisma.$transaction((tx) => notify(tx, { ...input, now: clock.now() }));
}

async function expectTrpcCode(promise: Promise<unknown>, code: TRPCError["code"]): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
}

beforeAll(async () => {
  database = await createTestDatabase();
  clock = new ManualClock("2026-03-10T12:00:00.000Z");
  sam = await createUser("sam@example.com", "Sam", "client");
  priya = await createUser("priya@example.com", "Priya", "assistant");
});

afterAll(async () => {
  await database?.close();
});

describe("notify", () => {
  it("writes one notification and one email per event", async () => {
    const input = {
      eventKey: "welcome:sam",
      userId: sam.id,
      kind: "welcome" as const,
      title: "Welcome to Baton",
      body: "Send your first brief.",
      link: "/client",
      email: {
        template: "welcome" as const,
        payload: { recipientName: "Sam", role: "client" as const, trialMinutes: 60, dashboardUrl: "http://localhost:3000/client" },
      },
    };

    const first = await notifyNow(input);
    const second = await notifyNow({ ...input, title: "Changed title" });

    expect(first).toEqual({ notificationCreated: true, emailQueued: true });
    expect(second).toEqual({ notificationCreated: false, emailQueued: false });
    const notifications = await database.prisma.notification.findMany({ where: { eventKey: "welcome:sam" } });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.title).toBe("Welcome to Baton");
    const emails = await database.prisma.emailOutbox.findMany({ where: { eventKey: "welcome:sam" } });
    expect(emails).toHaveLength(1);
    expect(emails[0]?.toEmail).toBe("sam@example.com");
  });

  it("writes no email when none is given", async () => {
    const result = await notifyNow({ eventKey: "in-app:only", userId: sam.id, kind: "still_looking", title: "Still looking", body: "x" });

    expect(result).toEqual({ notificationCreated: true, emailQueued: false });
    expect(await database.prisma.emailOutbox.count({ where: { eventKey: "in-app:only" } })).toBe(0);
  });

  it("rejects a link to another site", async () => {
    for (const link of ["https://evil.example", "//evil.example", "/\\evil.example"]) {
      await expect(
        notifyNow({ eventKey: `bad-link:${link}`, userId: sam.id, kind: "welcome", title: "t", body: "b", link }),
      ).rejects.toThrow(/Invalid notification link/);
    }
  });

  it("rolls back with the surrounding transaction", async () => {
    const attempt = database.prisma.$transaction(async (tx) => {
      await notify(tx, { eventKey: "rolled-back", userId: sam.id, kind: "welcome", title: "t", body: "b", now: clock.now() });
      throw new Error("domain change failed");
    });

    await expect(attempt).rejects.toThrow("domain change failed");
    expect(await database.prisma.notification.count({ where: { eventKey: "rolled-back" } })).toBe(0);
  });
});

describe("notification router", () => {
  const samKeys = ["router:sam:1", "router:sam:2", "router:sam:3"];

  beforeAll(async () => {
    await database.prisma.notification.deleteMany();
    for (const eventKey of samKeys) {
      clock.advance(MINUTE);
      await notifyNow({ eventKey, userId: sam.id, kind: "ready_for_review", title: eventKey, body: "b", link: "/client" });
    }
    await notifyNow({ eventKey: "router:priya:1", userId: priya.id, kind: "offer_available", title: "Offer", body: "b" });
  });

  it("lists only the caller's notifications, newest first", async () => {
    const list = await callerFor(sam).notification.list();

    expect(list.map((notification) => notification.title)).toEqual([...samKeys].reverse());
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(["body", "createdAt", "id", "kind", "link", "readAt", "title"]);
  });

  it("applies the list limit", async () => {
    const list = await callerFor(sam).notification.list({ limit: 2 });

    expect(list.map((notification) => notification.title)).toEqual(["router:sam:3", "router:sam:2"]);
    await expectTrpcCode(callerFor(sam).notification.list({ limit: 0 }), "BAD_REQUEST");
  });

  it("counts and marks the caller's own as read", async () => {
    const caller = callerFor(sam);
    const [newest] = await caller.notification.list({ limit: 1 });
    expect(await caller.notification.unreadCount()).toBe(3);

    const firstRead = clock.advance(MINUTE);
    const marked = await caller.notification.markRead({ id: newest?.id ?? "" });
    clock.advance(MINUTE);
    const markedAgain = await caller.notification.markRead({ id: newest?.id ?? "" });

    expect(marked.readAt).toEqual(firstRead);
    expect(markedAgain.readAt).toEqual(firstRead);
    expect(await caller.notification.unreadCount()).toBe(2);
  });

  it("gives NOT_FOUND for someone else's notification", async () => {
    const [priyaNotification] = await callerFor(priya).notification.list();

    await expectTrpcCode(callerFor(sam).notification.markRead({ id: priyaNotification?.id ?? "" }), "NOT_FOUND");
    await expectTrpcCode(callerFor(sam).notification.markRead({ id: "does-not-exist" }), "NOT_FOUND");
    expect(await callerFor(priya).notification.unreadCount()).toBe(1);
  });

  it("marks all the caller's notifications read", async () => {
    const result = await callerFor(sam).notification.markAllRead();

    expect(result).toEqual({ count: 2 });
    expect(await callerFor(sam).notification.unreadCount()).toBe(0);
    expect(await callerFor(priya).notification.unreadCount()).toBe(1);
  });

  it("rejects a caller who is not signed in", async () => {
    await expectTrpcCode(callerFor(null).notification.list(), "UNAUTHORIZED");
    await expectTrpcCode(callerFor(null).notification.unreadCount(), "UNAUTHORIZED");
  });
});
