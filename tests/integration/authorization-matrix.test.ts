/**
 * Calls every tRPC procedure, listed from the router itself, as each kind of
 * person and checks each access decision against the matrix: 401 without a
 * session, 403 for the wrong role, 404 for another person's row. A procedure
 * missing from the matrix fails the first test, so every new procedure gets
 * an entry here.
 */
import { randomUUID } from "node:crypto";

import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { appRouter, createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { ManualClock } from "~/server/clock";

import { buildAuthorizationWorld, PERSONAS, type AuthorizationWorld, type Persona } from "../support/authorization-world";
import { createTestDatabase, type TestDatabase } from "../support/database";

type Outcome = "allowed" | 401 | 403 | 404;
type Expectations = Record<Persona, Outcome>;

/** One row of the matrix: how to build the procedure's input and who may call it. */
interface Entry {
  input?: (world: AuthorizationWorld) => unknown;
  expect: Expectations;
}

const adminOnly: Expectations = { anonymous: 401, client: 403, otherClient: 403, assistant: 403, otherAssistant: 403, admin: "allowed" };
const anyClient: Expectations = { anonymous: 401, client: "allowed", otherClient: "allowed", assistant: 403, otherAssistant: 403, admin: 403 };
const ownClient: Expectations = { ...anyClient, otherClient: 404 };
const anyAssistant: Expectations = { anonymous: 401, client: 403, otherClient: 403, assistant: "allowed", otherAssistant: "allowed", admin: 403 };
const ownAssistant: Expectations = { ...anyAssistant, otherAssistant: 404 };
const signedIn: Expectations = { anonymous: 401, client: "allowed", otherClient: "allowed", assistant: "allowed", otherAssistant: "allowed", admin: "allowed" };
const taskParties: Expectations = { anonymous: 401, client: "allowed", otherClient: 404, assistant: "allowed", otherAssistant: 404, admin: "allowed" };
const ownUser: Expectations = { anonymous: 401, client: "allowed", otherClient: 404, assistant: 404, otherAssistant: 404, admin: 404 };

const NOW = new Date("2027-03-10T15:00:00.000Z");
const REASON = "Checking who may do this";

const matrix: Record<string, Entry> = {
  "admin.overview": { expect: adminOnly },
  "admin.unroutedQueue": { expect: adminOnly },
  "admin.task": { input: async (w) => ({ id: (await w.taskInProgress()).taskId }), expect: adminOnly },
  "admin.assistants": { expect: adminOnly },
  "admin.settings": { expect: adminOnly },
  "admin.auditLog": { input: () => ({}), expect: adminOnly },
  "admin.auditFilters": { expect: adminOnly },
  "adminOps.reassign": {
    input: async (w) => ({ taskId: (await w.taskInProgress()).taskId, toAssistantId: w.otherAssistantId, expectedAssignmentId: null, reason: REASON }),
    expect: adminOnly,
  },
  "adminOps.cancel": { input: async (w) => ({ taskId: (await w.taskInProgress()).taskId, reason: REASON }), expect: adminOnly },
  "adminOps.offerByHand": { input: async (w) => ({ taskId: (await w.unroutedTask()).taskId, assistantId: w.otherAssistantId, reason: REASON }), expect: adminOnly },
  "adminOps.deactivateAssistant": { input: async (w) => ({ assistantId: await w.spareAssistantId(), reason: REASON }), expect: adminOnly },
  "adminOps.liftBlock": { input: async (w) => ({ assistantId: await w.spareAssistantId(), reason: REASON }), expect: adminOnly },
  "adminOps.setSkills": { input: async (w) => ({ assistantId: await w.spareAssistantId(), skills: [w.skillSlug] }), expect: adminOnly },
  "adminOps.updateSettings": { input: () => ({ offerWaveSize: 3 }), expect: adminOnly },
  "assistant.overview": { expect: anyAssistant },
  "assistant.history": { expect: anyAssistant },
  "assistant.stats": { expect: anyAssistant },
  "billing.options": { expect: anyClient },
  "billing.purchasePlan": { input: () => ({ planCode: "starter", idempotencyKey: randomUUID() }), expect: anyClient },
  "billing.buyTopUp": { input: () => ({ seconds: 3600, idempotencyKey: randomUUID() }), expect: anyClient },
  "billing.receipt": { input: (w) => w.clientPurchase(), expect: ownClient },
  "brief.skills": { expect: signedIn },
  "brief.context": { expect: anyClient },
  "brief.submit": {
    input: (w) => ({ title: "Book a venue", description: "Find a room for twenty people in March.", skills: [w.skillSlug], preference: "anyone", referenceLinks: [] }),
    expect: anyClient,
  },
  "brief.notes": { expect: anyClient },
  "brief.saveNotes": { input: () => ({ standingNotes: "Invoices go to accounts@example.test." }), expect: anyClient },
  "client.overview": { expect: anyClient },
  "client.task": { input: async (w) => ({ id: (await w.taskInProgress()).taskId }), expect: ownClient },
  "clientTeam.overview": { expect: anyClient },
  "clientTeam.makePrimary": { input: (w) => ({ assistantId: w.assistantId }), expect: anyClient },
  "clientTeam.removePrimary": { input: (w) => ({ assistantId: w.assistantId }), expect: anyClient },
  "clientTeam.addMember": { input: (w) => ({ assistantId: w.assistantId }), expect: anyClient },
  "clientTeam.removeMember": { input: (w) => ({ assistantId: w.assistantId }), expect: anyClient },
  "message.list": { input: async (w) => ({ taskId: (await w.taskWithMessage()).taskId }), expect: taskParties },
  "message.send": { input: async (w) => ({ taskId: (await w.taskWithMessage()).taskId, body: "The March invoices are done." }), expect: taskParties },
  "message.markRead": { input: (w) => w.taskWithMessage(), expect: taskParties },
  "metrics.dashboard": { input: () => ({ from: "2027-01-01T00:00:00Z", to: "2027-03-01T00:00:00Z" }), expect: adminOnly },
  "notification.list": { input: () => ({ limit: 5 }), expect: signedIn },
  "notification.unreadCount": { expect: signedIn },
  "notification.markRead": { input: (w) => w.clientNotification(), expect: ownUser },
  "notification.markAllRead": { expect: signedIn },
  "offer.accept": { input: async (w) => ({ offerId: (await w.pendingOffer()).offerId }), expect: ownAssistant },
  "offer.decline": { input: async (w) => ({ offerId: (await w.pendingOffer()).offerId, reason: "no_capacity" }), expect: ownAssistant },
  "profile.get": { expect: anyAssistant },
  "profile.update": { input: (w) => ({ skills: [w.skillSlug], timeZone: "Europe/Berlin", capacity: 3, available: true, awayUntil: null }), expect: anyAssistant },
  "review.approve": { input: async (w) => ({ taskId: (await w.taskInReview()).taskId, rating: 5, comment: "Thorough." }), expect: ownClient },
  "review.requestChanges": { input: async (w) => ({ taskId: (await w.taskInReview()).taskId, note: "Add the prices, please." }), expect: ownClient },
  "review.approveExtraMinutes": { input: async (w) => ({ taskId: (await w.taskOutOfTime()).taskId, minutes: 15 }), expect: ownClient },
  "work.task": { input: async (w) => ({ taskId: (await w.taskInProgress()).taskId }), expect: ownAssistant },
  "work.startTimer": { input: async (w) => ({ taskId: (await w.taskInProgress()).taskId }), expect: ownAssistant },
  "work.stopTimer": { expect: anyAssistant },
  "work.sendHandoff": { input: async (w) => ({ taskId: (await w.taskOutOfTime()).taskId, achieved: "Drafted the first half.", extraMinutesNeeded: 30 }), expect: ownAssistant },
  "work.submit": { input: async (w) => ({ taskId: (await w.taskInProgress()).taskId, note: "Booked the venue and sent the confirmation.", links: [], timeLogConfirmed: true }), expect: ownAssistant },
  "work.editEntry": {
    input: async (w) => ({ entryId: (await w.taskInProgress()).entryId, endedAt: new Date(NOW.getTime() - 35 * 60_000).toISOString(), reason: "Stopped late" }),
    expect: ownAssistant,
  },
  "work.addEntry": {
    input: async (w) => ({
      taskId: (await w.taskInProgress()).taskId,
      startedAt: new Date(NOW.getTime() - 30 * 60_000).toISOString(),
      endedAt: new Date(NOW.getTime() - 20 * 60_000).toISOString(),
      reason: "Forgot the timer",
    }),
    expect: ownAssistant,
  },
};

// Denied callers go first, so an allowed mutation never changes the rows that a denial is checked against.
const CALL_ORDER: Persona[] = ["anonymous", "otherClient", "otherAssistant", "client", "assistant", "admin"];

type ProcedureDefinition = { _def: { type: "query" | "mutation" | "subscription" } };

function listProcedures(): Array<[string, ProcedureDefinition]> {
  // At run time tRPC keeps every procedure in one flat record keyed by its dotted path; its type describes the nested routers.
  return Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDefinition>).sort(([a], [b]) => a.localeCompare(b));
}

/** Calls a procedure by its dotted path on a caller, as the client-side proxy would. */
async function callByPath(caller: ReturnType<typeof createCaller>, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const segment of path.split(".")) {
    target = (target as Record<string, unknown>)[segment];
  }

  return (target as (value: unknown) => Promise<unknown>)(input);
}

const CODE_TO_OUTCOME: Partial<Record<TRPCError["code"], Outcome>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

let database: TestDatabase;
let world: AuthorizationWorld;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildAuthorizationWorld(database.prisma, NOW);
});

afterAll(async () => {
  await database.close();
});

describe("authorization matrix", () => {
  it("has an entry for every procedure", () => {
    const procedures = listProcedures().map(([path]) => path);

    expect(procedures.filter((path) => !(path in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((path) => !procedures.includes(path))).toEqual([]);
  });

  it.each(listProcedures().filter(([path]) => path in matrix))("%s", async (path, procedure) => {
    const entry = matrix[path] as Entry;
    const input: unknown = entry.input ? await entry.input(world) : undefined;
    const seen: Partial<Record<Persona, string>> = {};

    for (const persona of CALL_ORDER) {
      const caller = createCaller(createContextInner({ db: database.prisma, user: world.users[persona], clock: new ManualClock(NOW) }));
      const result = await callByPath(caller, path, input).then(
        () => "allowed",
        (error: unknown) => {
          if (!(error instanceof TRPCError)) {
            return `threw ${String(error)}`;
          }
          const outcome = CODE_TO_OUTCOME[error.code];
          // A query the caller may run must succeed; a mutation may still fail a business rule after access is granted.
          if (outcome === undefined && procedure._def.type === "mutation") {
            return "allowed";
          }

          return outcome === undefined ? `${error.code}: ${error.message}` : String(outcome);
        },
      );
      seen[persona] = result;
    }

    const expected = Object.fromEntries(PERSONAS.map((persona) => [persona, String(entry.expect[persona])]));
    expect(seen).toEqual(expected);
  });
});
