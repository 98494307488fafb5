/**
 * The task conversation through `createCaller` as each role, against a real
 * database: notifications, unread bursts that email once, access after a
 * lapse, and the rules on a message's text.
 */
import { InngestTestEngine } from "@inngest/test";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { loadSessionUser, type SessionUser } from "~/server/auth/session-user";
import { ManualClock } from "~/server/clock";
import { applyDueWork } from "~/server/deadlines/due-work";
import { createLocalMailboxTransport } from "~/server/email/transport";
import { createFunctions } from "~/server/jobs/functions";
import { sendUnreadMessageEmails } from "~/server/messages/unread-email";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssignment, createAssistant, createClient, createTask, createUser } from "../support/factories";
import { postMutation } from "../support/http-trpc";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const UNREAD_EMAIL_DELAY = 10 * MINUTE;

let database: TestDatabase;
const clock = new ManualClock("2027-09-06T09:00:00Z");
const transport = createLocalMailboxTransport();

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

async function sessionOf(userId: string): Promise<SessionUser> {
  const session = await loadSessionUser(database.prisma, userId);
  if (!session) {
    throw new Error(`user ${userId} is not active`);
  }

  return session;
}

function callerFor(user: SessionUser) {
  return createCaller(createContextInner({ db: database.prisma, user, clock }));
}

async function newAssistant(name: string) {
  const user = await createUser(database.prisma, { role: "assistant", name });
  const profile = await createAssistant(database.prisma, { userId: user.id });

  return { profile, session: await sessionOf(user.id) };
}

/**
 * Builds a task held by a fresh assistant whose timer has started (so no
 * start window runs out), a day after the previous test's task.
 */
async function conversationTask() {
  clock.advance(DAY);
  const clientUser = await createUser(database.prisma, { role: "client", name: "Sam Client" });
  const client = await createClient(database.prisma, { userId: clientUser.id, trialStartedAt: clock.now(), trialSeconds: 10 * 3600 });
  const assistant = await newAssistant("Priya Assistant");
  const task = await createTask(database.prisma, { clientId: client.id, status: "in_progress", title: "Sort the supplier invoices" });
  await createAssignment(database.prisma, { taskId: task.id, assistantId: assistant.profile.id, acceptedAt: clock.now(), startBy: new Date(clock.now().getTime() + 15 * MINUTE), startReminderAt: clock.now(), firstStartedAt: clock.now() });

  return { task, client: await sessionOf(clientUser.id), assistant: assistant.session, assistantProfile: assistant.profile };
}

/** Awaits a call that must fail and returns the tRPC error. */
async function trpcErrorOf(call: Promise<unknown>): Promise<TRPCError> {
  const error: unknown = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) {
    throw new Error(`Expected a TRPCError, got: ${String(error)}`);
  }

  return error;
}

const unreadEmailsTo = (email: string) => database.prisma.emailOutbox.findMany({ where: { toEmail: email, template: "new-message" } });

const runDueWork = () => applyDueWork({ db: database.prisma, now: clock.now(), transport });

describe("message.send", () => {
  it("notifies the assistant at once", async () => {
    const { task, client, assistant } = await conversationTask();

    await callerFor(client).message.send({ taskId: task.id, body: "The February statements are in the shared folder." });

    const notifications = await callerFor(assistant).notification.list();
    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.kind).toBe("new_message");
    expect(notifications[0]?.title).toBe("New message from Sam Client");
    expect(notifications[0]?.body).toContain("The February statements are in the shared folder.");
    expect(notifications[0]?.link).toBe(`/assistant/tasks/${task.id}`);
    expect(await callerFor(client).notification.unreadCount()).toBe(0);
  });

  it("stores <script> as plain text", async () => {
    const { task, client, assistant } = await conversationTask();
    const body = `<script>alert("hi")</script> & <b>bold</b>`;

    await callerFor(client).message.send({ taskId: task.id, body });

    const stored = await database.prisma.message.findFirstOrThrow({ where: { taskId: task.id } });
    expect(stored.body).toBe(body);
    const { messages } = await callerFor(assistant).message.list({ taskId: task.id });
    expect(messages[0]?.body).toBe(body);
  });

  it("rejects 5,001 characters naming the limit", async () => {
    const { task, client } = await conversationTask();
    const context = createContextInner({ db: database.prisma, user: client, clock });

    const result = await postMutation(context, "message.send", { taskId: task.id, body: "a".repeat(5_001) });

    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.status).toBe(400);
    expect(result.ok ? null : result.fieldErrors?.body).toBe("Message must be at most 5,000 characters, and this one has 5,001. Shorten it or send it in two parts.");
    expect(await database.prisma.message.count({ where: { taskId: task.id } })).toBe(0);
  });

  it("accepts exactly 5,000 characters, counting an emoji as one", async () => {
    const { task, client } = await conversationTask();

    await callerFor(client).message.send({ taskId: task.id, body: `${"a".repeat(4_999)}🙂` });

    expect(await database.prisma.message.count({ where: { taskId: task.id } })).toBe(1);
  });

  it("trims the text and rejects an empty message", async () => {
    const { task, client } = await conversationTask();

    const error = await trpcErrorOf(callerFor(client).message.send({ taskId: task.id, body: " \n\t " }));
    const sent = await callerFor(client).message.send({ taskId: task.id, body: "  Line one\r\nLine two\n  " });

    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/^Message is empty/);
    expect(sent.body).toBe("Line one\nLine two");
  });

  it("rejects control characters other than line breaks and tabs", async () => {
    const { task, client } = await conversationTask();
    const context = createContextInner({ db: database.prisma, user: client, clock });

    const bell = await postMutation(context, "message.send", { taskId: task.id, body: "Ring\u0007 the bell" });
    const tabbed = await postMutation(context, "message.send", { taskId: task.id, body: "Column\tvalue\nNext line" });

    expect(bell.ok ? null : bell.fieldErrors?.body).toMatch(/control character U\+0007/);
    expect(tabbed.ok).toBe(true);
  });

  it("lets an admin write and notifies both sides", async () => {
    const { task, client, assistant } = await conversationTask();
    const adminUser = await createUser(database.prisma, { role: "admin", name: "Morgan Admin" });
    const admin = await sessionOf(adminUser.id);

    await callerFor(admin).message.send({ taskId: task.id, body: "I extended the due date by a day." });

    expect(await callerFor(client).notification.unreadCount()).toBe(1);
    expect(await callerFor(assistant).notification.unreadCount()).toBe(1);
    const { messages } = await callerFor(admin).message.list({ taskId: task.id });
    expect(messages.map((message) => [message.authorRole, message.mine])).toEqual([["admin", true]]);
  });

  it("is closed once the task is completed", async () => {
    const { task, client } = await conversationTask();
    await database.prisma.task.update({ where: { id: task.id }, data: { status: "completed", completedAt: clock.now() } });

    const error = await trpcErrorOf(callerFor(client).message.send({ taskId: task.id, body: "Thanks again!" }));
    const conversation = await callerFor(client).message.list({ taskId: task.id });

    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(conversation.canWrite).toBe(false);
    expect(conversation.readOnlyReason).toBe("This task is completed, so its conversation is read-only.");
  });
});

describe("unread message email", () => {
  it("sends one email for three unread messages", async () => {
    const { task, client, assistant } = await conversationTask();
    const caller = callerFor(client);

    await caller.message.send({ taskId: task.id, body: "First, the statements are uploaded." });
    clock.advance(MINUTE);
    await caller.message.send({ taskId: task.id, body: "Second, skip the invoices from Hale & Co." });
    clock.advance(MINUTE);
    await caller.message.send({ taskId: task.id, body: "Third, call me if anything is unclear." });
    clock.advance(UNREAD_EMAIL_DELAY - 2 * MINUTE - 1);
    await runDueWork();
    expect(await unreadEmailsTo(assistant.email)).toHaveLength(0);

    clock.advance(1);
    await runDueWork();
    await runDueWork();

    const emails = await unreadEmailsTo(assistant.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.payload).toMatchObject({ senderName: "Sam Client", unreadCount: 3, latestMessage: "Third, call me if anything is unclear.", taskTitle: "Sort the supplier invoices" });
    expect((emails[0]?.payload as { taskUrl: string }).taskUrl).toMatch(new RegExp(`/assistant/tasks/${task.id}$`));
    expect(await unreadEmailsTo(client.email)).toHaveLength(0);
  });

  it("sends none for a message read within 10 minutes", async () => {
    const { task, client, assistant } = await conversationTask();
    const sent = await callerFor(client).message.send({ taskId: task.id, body: "Is the spreadsheet shared with you?" });
    clock.advance(5 * MINUTE);

    const before = await callerFor(assistant).message.list({ taskId: task.id });
    const marked = await callerFor(assistant).message.markRead({ taskId: task.id, messageId: sent.id });
    clock.advance(UNREAD_EMAIL_DELAY);
    await runDueWork();

    expect(before.messages[0]?.unread).toBe(true);
    expect(marked.unreadCount).toBe(0);
    expect((await callerFor(assistant).message.list({ taskId: task.id })).messages[0]?.unread).toBe(false);
    expect(await callerFor(assistant).notification.unreadCount()).toBe(0);
    expect(await unreadEmailsTo(assistant.email)).toHaveLength(0);
  });

  it("keeps the email when a newer message stays unread", async () => {
    const { task, client, assistant } = await conversationTask();
    const first = await callerFor(client).message.send({ taskId: task.id, body: "One thing first." });
    clock.advance(MINUTE);
    await callerFor(client).message.send({ taskId: task.id, body: "And a second thing." });

    const marked = await callerFor(assistant).message.markRead({ taskId: task.id, messageId: first.id });
    clock.advance(UNREAD_EMAIL_DELAY);
    await runDueWork();

    expect(marked.unreadCount).toBe(1);
    const emails = await unreadEmailsTo(assistant.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.payload).toMatchObject({ unreadCount: 1, latestMessage: "And a second thing." });
  });

  it("starts a new burst after the email went out", async () => {
    const { task, client, assistant } = await conversationTask();
    await callerFor(assistant).message.send({ taskId: task.id, body: "Which month should I start with?" });
    clock.advance(UNREAD_EMAIL_DELAY);
    await runDueWork();
    await callerFor(assistant).message.send({ taskId: task.id, body: "I started with March for now." });
    clock.advance(UNREAD_EMAIL_DELAY);
    await runDueWork();

    const emails = await unreadEmailsTo(client.email);
    expect(emails.map((email) => (email.payload as { unreadCount: number }).unreadCount)).toEqual([1, 2]);
    expect((emails[0]?.payload as { taskUrl: string }).taskUrl).toMatch(new RegExp(`/client/tasks/${task.id}$`));
  });

  it("runs from the Inngest function at the due instant", async () => {
    const { task, client, assistant } = await conversationTask();
    await callerFor(client).message.send({ taskId: task.id, body: "Please start with the oldest invoices." });
    const state = await database.prisma.taskReadState.findUniqueOrThrow({ where: { taskId_userId: { taskId: task.id, userId: assistant.id } } });
    const dueAt = state.emailDueAt ?? new Date(0);
    const functions = createFunctions({ getDb: () => Promise.resolve(database.prisma), clock, transport: () => transport });
    const engine = new InngestTestEngine({
      function: functions.emailUnreadMessages,
      events: [{ name: "messages/unread-email.scheduled", data: { taskId: task.id, userId: assistant.id, emailDueAt: dueAt.toISOString() } }],
      steps: [
        { id: "wait-for-unread-email-due", handler: () => clock.set(dueAt) },
        { id: "deliver-queued-emails", handler: () => ({ ids: ["event"] }) },
      ],
    });

    const { result, ctx } = await engine.execute();

    expect(dueAt.getTime()).toBe(clock.now().getTime());
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-unread-email-due", dueAt);
    expect(result).toEqual({ emailed: 1 });
    expect(await unreadEmailsTo(assistant.email)).toHaveLength(1);
    expect(await sendUnreadMessageEmails(database.prisma, clock.now(), { taskId: task.id, userId: assistant.id })).toEqual({ emailed: 0 });
  });
});

describe("conversation access", () => {
  it("moves from a lapsed assistant to the new one", async () => {
    clock.advance(DAY);
    const clientUser = await createUser(database.prisma, { role: "client", name: "Dana Client" });
    const client = await createClient(database.prisma, { userId: clientUser.id, trialStartedAt: clock.now(), trialSeconds: 10 * 3600 });
    const clientSession = await sessionOf(clientUser.id);
    const first = await newAssistant("Lapsing Assistant");
    const task = await createTask(database.prisma, { clientId: client.id, status: "assigned" });
    const startBy = new Date(clock.now().getTime() + 15 * MINUTE);
    await createAssignment(database.prisma, { taskId: task.id, assistantId: first.profile.id, acceptedAt: clock.now(), startBy, startReminderAt: startBy, reminderSentAt: clock.now() });
    await callerFor(first.session).message.send({ taskId: task.id, body: "Before I start: which mailbox?" });
    await callerFor(clientSession).message.send({ taskId: task.id, body: "The support@ one." });

    clock.set(startBy);
    await runDueWork();
    const lapsed = await database.prisma.assignment.findFirstOrThrow({ where: { taskId: task.id, assistantId: first.profile.id } });
    expect(lapsed.endReason).toBe("lapsed");

    const second = await newAssistant("Next Assistant");
    const admin = await sessionOf((await createUser(database.prisma, { role: "admin" })).id);
    await callerFor(admin).adminOps.reassign({ taskId: task.id, toAssistantId: second.profile.id, expectedAssignmentId: null, reason: "The client asked for someone today." });

    expect((await trpcErrorOf(callerFor(first.session).message.list({ taskId: task.id }))).code).toBe("NOT_FOUND");
    expect((await trpcErrorOf(callerFor(first.session).message.send({ taskId: task.id, body: "Still there?" }))).code).toBe("NOT_FOUND");
    const conversation = await callerFor(second.session).message.list({ taskId: task.id });
    expect(conversation.messages.map((message) => message.body)).toEqual(["Before I start: which mailbox?", "The support@ one."]);
    expect(conversation.messages.every((message) => message.unread)).toBe(true);
    expect(conversation.canWrite).toBe(true);
  });

  it("emails no assistant who lost the task meanwhile", async () => {
    const { task, client, assistant, assistantProfile } = await conversationTask();
    await callerFor(client).message.send({ taskId: task.id, body: "Can you also check the credit notes?" });
    await database.prisma.assignment.updateMany({ where: { taskId: task.id, assistantId: assistantProfile.id }, data: { endedAt: clock.now(), endReason: "reassigned" } });

    clock.advance(UNREAD_EMAIL_DELAY);
    await runDueWork();

    expect(await unreadEmailsTo(assistant.email)).toHaveLength(0);
    expect((await database.prisma.taskReadState.findUniqueOrThrow({ where: { taskId_userId: { taskId: task.id, userId: assistant.id } } })).emailDueAt).toBeNull();
  });

  it("hides another client's task", async () => {
    const { task } = await conversationTask();
    const strangerUser = await createUser(database.prisma, { role: "client" });
    await createClient(database.prisma, { userId: strangerUser.id });
    const stranger = await sessionOf(strangerUser.id);

    expect((await trpcErrorOf(callerFor(stranger).message.list({ taskId: task.id }))).code).toBe("NOT_FOUND");
    expect((await trpcErrorOf(callerFor(stranger).message.send({ taskId: task.id, body: "Hello?" }))).code).toBe("NOT_FOUND");
  });

  it("lets the assistant read after completing the task", async () => {
    const { task, client, assistant, assistantProfile } = await conversationTask();
    await callerFor(client).message.send({ taskId: task.id, body: "Great, thank you." });
    await database.prisma.assignment.updateMany({ where: { taskId: task.id, assistantId: assistantProfile.id }, data: { endedAt: clock.now(), endReason: "completed" } });
    await database.prisma.task.update({ where: { id: task.id }, data: { status: "completed", completedAt: clock.now() } });

    const conversation = await callerFor(assistant).message.list({ taskId: task.id });

    expect(conversation.messages).toHaveLength(1);
    expect(conversation.canWrite).toBe(false);
  });
});

describe("unread counts on dashboards", () => {
  it("counts unread messages per task until read", async () => {
    const { task, client, assistant } = await conversationTask();
    await callerFor(client).message.send({ taskId: task.id, body: "Two quick notes." });
    const last = await callerFor(client).message.send({ taskId: task.id, body: "Second note." });
    await callerFor(assistant).message.send({ taskId: task.id, body: "Got them." });

    const assistantRow = (await callerFor(assistant).assistant.overview()).assignments.find((row) => row.taskId === task.id);
    const clientRow = (await callerFor(client).client.overview()).tasks.find((row) => row.id === task.id);
    await callerFor(assistant).message.markRead({ taskId: task.id, messageId: last.id });
    const afterRead = (await callerFor(assistant).assistant.overview()).assignments.find((row) => row.taskId === task.id);

    expect(assistantRow?.unreadMessages).toBe(2);
    expect(clientRow?.unreadMessages).toBe(1);
    expect(afterRead?.unreadMessages).toBe(0);
  });
});
