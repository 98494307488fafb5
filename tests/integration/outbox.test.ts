import http from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ManualClock } from "~/server/clock";
import { deliverPendingEmails, type DeliverPendingEmailsOptions } from "~/server/email/deliver";
import { listMailbox, mailboxAccess, readMailboxEmail } from "~/server/email/mailbox";
import { enqueueEmail } from "~/server/email/outbox";
import { createLocalMailboxTransport, createResendTransport, type EmailTransport } from "~/server/email/transport";
import { createTestDatabase, type TestDatabase } from "~/tests/support/database";

const START = "2026-03-10T12:00:00.000Z";
const MINUTE = 60_000;

interface ReceivedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  body: { from?: string; to?: string[]; subject?: string; html?: string; text?: string };
  /** Status of the fake API's response. */
  status: number;
}

interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Close the connection without a response, like a network failure. */
  drop?: boolean;
}

/**
 * A stand-in for the Resend HTTP API on 127.0.0.1. By default it accepts
 * every email; `script(key, ...)` queues other responses for the requests
 * carrying that idempotency key.
 */
class FakeResendApi {
  readonly requests: ReceivedRequest[] = [];
  private readonly scripts = new Map<string, ScriptedResponse[]>();
  private readonly server = http.createServer((request, response) => this.handle(request, response));
  private accepted = 0;
  /** Delay before each answer, so concurrent senders overlap. */
  delayMs = 0;

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;

    return `http://127.0.0.1:${port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();

    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  script(idempotencyKey: string, ...responses: ScriptedResponse[]): void {
    this.scripts.set(idempotencyKey, responses);
  }

  reset(): void {
    this.requests.length = 0;
    this.scripts.clear();
    this.delayMs = 0;
  }

  requestsFor(idempotencyKey: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.idempotencyKey === idempotencyKey);
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    let raw = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      raw += chunk;
    });
    request.on("end", () => {
      const idempotencyKey = request.headers["idempotency-key"] as string | undefined;
      const scripted = (idempotencyKey && this.scripts.get(idempotencyKey)?.shift()) || null;
      const answer: ScriptedResponse = scripted ?? { status: 200, body: { id: `re_${++this.accepted}` } };
      this.requests.push({
        method: request.method ?? "",
        path: request.url ?? "",
        idempotencyKey,
        authorization: request.headers.authorization,
        body: raw ? (JSON.parse(raw) as ReceivedRequest["body"]) : {},
        status: answer.drop ? 0 : answer.status,
      });

      setTimeout(() => {
        if (answer.drop) {
          request.socket.destroy();

          return;
        }
        response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
        response.end(JSON.stringify(answer.body ?? {}));
      }, this.delayMs);
    });
  }
}

let database: TestDatabase;
const api = new FakeResendApi();
let resend: EmailTransport;
let clock: ManualClock;

beforeAll(async () => {
  database = await createTestDatabase();
  const baseUrl = await api.start();
  resend = createResendTransport({ apiKey: "re_test_key", baseUrl, from: "Baton <notifications@baton.localhost>" });
});

afterAll(async () => {
  await api.stop();
  await database?.close();
});

beforeEach(async () => {
  api.reset();
  clock = new ManualClock(START);
  await database.prisma.emailOutbox.deleteMany();
});

function deliver(overrides: Partial<DeliverPendingEmailsOptions> = {}) {
  return deliverPendingEmails({ db: database.prisma, clock, transport: resend, ...overrides });
}

async function queueWelcome(eventKey: string, to = "sam@example.com"): Promise<string> {
  await database.prisma.$transaction((tx) =>
    enqueueEmail(tx, {
      eventKey,
      to,
      template: "welcome",
      payload: { recipientName: "Sam", role: "client", trialMinutes: 60, dashboardUrl: "http://localhost:3000/client" },
      now: clock.now(),
    }),
  );
  const row = await database.prisma.emailOutbox.findUniqueOrThrow({ where: { eventKey }, select: { id: true } });

  return row.id;
}

function readRow(id: string) {
  return database.prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
}

function resendError(status: number, name: string, message: string, headers?: Record<string, string>): ScriptedResponse {
  return { status, body: { statusCode: status, name, message }, headers };
}

describe("enqueueEmail", () => {
  it("writes one row per event key", async () => {
    const payload = { recipientName: "Sam", role: "client" as const, trialMinutes: 60, dashboardUrl: "http://localhost:3000/client" };
    const now = clock.now();

    const first = await database.prisma.$transaction((tx) =>
      enqueueEmail(tx, { eventKey: "welcome:u1", to: "sam@example.com", template: "welcome", payload, now }),
    );
    const second = await database.prisma.$transaction((tx) =>
      enqueueEmail(tx, { eventKey: "welcome:u1", to: "other@example.com", template: "welcome", payload, now }),
    );

    expect(first).toBe(true);
    expect(second).toBe(false);
    const rows = await database.prisma.emailOutbox.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      toEmail: "sam@example.com",
      template: "welcome",
      payload,
      status: "pending",
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    });
  });

  it("rejects a payload that does not match its template", async () => {
    const attempt = database.prisma.$transaction((tx) =>
      enqueueEmail(tx, {
        eventKey: "welcome:bad",
        to: "sam@example.com",
        template: "welcome",
        payload: { recipientName: "Sam" } as never,
        now: clock.now(),
      }),
    );

    await expect(attempt).rejects.toThrow(/Invalid payload for email template "welcome"/);
    expect(await database.prisma.emailOutbox.count()).toBe(0);
  });

  it("rejects an invalid recipient address", async () => {
    await expect(queueWelcome("welcome:no-address", "not an address")).rejects.toThrow();
  });
});

describe("deliverPendingEmails with Resend", () => {
  it("posts each row once with its id as idempotency key", async () => {
    const ids = [await queueWelcome("welcome:a"), await queueWelcome("welcome:b"), await queueWelcome("welcome:c")];
    api.delayMs = 50;

    const reports = await Promise.all([deliver(), deliver()]);

    expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(3);
    expect(reports.reduce((sum, report) => sum + report.claimed, 0)).toBe(3);
    expect(api.requests).toHaveLength(3);
    expect(api.requests.map((request) => request.idempotencyKey).sort()).toEqual([...ids].sort());
    for (const request of api.requests) {
      expect(request.method).toBe("POST");
      expect(request.path).toBe("/emails");
      expect(request.authorization).toBe("Bearer re_test_key");
      expect(request.body.from).toBe("Baton <notifications@baton.localhost>");
      expect(request.body.to).toEqual(["sam@example.com"]);
      expect(request.body.subject).toBe("Welcome to Baton");
      expect(request.body.html).toContain("Welcome to Baton");
      expect(request.body.text).toContain("Open your dashboard http://localhost:3000/client");
    }

    for (const id of ids) {
      const row = await readRow(id);
      expect(row.status).toBe("sent");
      expect(row.attempts).toBe(1);
      expect(row.sentAt).toEqual(clock.now());
      expect(row.providerId).toMatch(/^re_\d+$/);
    }

    clock.advance(24 * 60 * MINUTE);
    await deliver();
    expect(api.requests).toHaveLength(3);
  });

  it("hides a row in flight from a second sender", async () => {
    const id = await queueWelcome("welcome:in-flight");
    const nestedReports: Awaited<ReturnType<typeof deliver>>[] = [];
    const racing: EmailTransport = {
      kind: "resend",
      async send(email) {
        nestedReports.push(await deliver());

        return resend.send(email);
      },
    };

    await deliver({ transport: racing });

    expect(nestedReports).toEqual([{ claimed: 0, sent: 0, retrying: 0, failed: 0 }]);
    expect(api.requestsFor(id)).toHaveLength(1);
    expect((await readRow(id)).status).toBe("sent");
  });

  it("waits for retry-after after a 429", async () => {
    const id = await queueWelcome("welcome:rate-limited");
    api.script(id, resendError(429, "rate_limit_exceeded", "Too many requests", { "retry-after": "30" }));

    const first = await deliver();

    expect(first).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
    const waiting = await readRow(id);
    expect(waiting.status).toBe("pending");
    expect(waiting.attempts).toBe(1);
    expect(waiting.nextAttemptAt).toEqual(new Date(Date.parse(START) + 30_000));
    expect(waiting.lastError).toContain("rate_limit_exceeded");

    clock.advance(29_000);
    await deliver();
    expect(api.requestsFor(id)).toHaveLength(1);

    clock.advance(1_000);
    const second = await deliver();

    expect(second.sent).toBe(1);
    const sent = await readRow(id);
    expect(sent.status).toBe("sent");
    expect(sent.attempts).toBe(2);
    expect(sent.lastError).toBeNull();
    const requests = api.requestsFor(id);
    expect(requests.map((request) => request.status)).toEqual([429, 200]);
    expect(requests.filter((request) => request.status === 200)).toHaveLength(1);

    clock.advance(60 * MINUTE);
    await deliver();
    expect(api.requestsFor(id)).toHaveLength(2);
  });

  it("retries a 500 with backoff, then fails", async () => {
    const id = await queueWelcome("welcome:server-error");
    const serverError = resendError(500, "internal_server_error", "Upstream exploded");
    api.script(id, serverError, serverError, serverError, serverError, serverError);

    const expectedDelays = [1, 2, 4, 8].map((minutes) => minutes * MINUTE);
    for (const [index, delay] of expectedDelays.entries()) {
      const report = await deliver();
      expect(report.retrying).toBe(1);
      const row = await readRow(id);
      expect(row.attempts).toBe(index + 1);
      expect(row.nextAttemptAt.getTime() - clock.now().getTime()).toBe(delay);

      clock.advance(delay - 1);
      expect((await deliver()).claimed).toBe(0);
      clock.advance(1);
    }

    const last = await deliver();

    expect(last.failed).toBe(1);
    const row = await readRow(id);
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(5);
    expect(row.lastError).toContain("Upstream exploded");
    expect(row.sentAt).toBeNull();
    expect(api.requestsFor(id)).toHaveLength(5);

    clock.advance(24 * 60 * MINUTE);
    await deliver();
    expect(api.requestsFor(id)).toHaveLength(5);
  });

  it("fails a 422 at once", async () => {
    const id = await queueWelcome("welcome:invalid");
    api.script(id, resendError(422, "validation_error", "Invalid `to` field."));

    const report = await deliver();

    expect(report).toEqual({ claimed: 1, sent: 0, retrying: 0, failed: 1 });
    const row = await readRow(id);
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain("Invalid `to` field.");

    clock.advance(24 * 60 * MINUTE);
    await deliver();
    expect(api.requestsFor(id)).toHaveLength(1);
  });

  it("retries a concurrent idempotent request", async () => {
    const id = await queueWelcome("welcome:concurrent-key");
    api.script(id, resendError(409, "concurrent_idempotent_requests", "Same idempotency key in progress."));

    expect((await deliver()).retrying).toBe(1);
    clock.advance(MINUTE);
    expect((await deliver()).sent).toBe(1);
    expect(api.requestsFor(id).map((request) => request.status)).toEqual([409, 200]);
  });

  it("retries a dropped connection", async () => {
    const id = await queueWelcome("welcome:dropped");
    api.script(id, { status: 0, drop: true });

    expect((await deliver()).retrying).toBe(1);
    expect((await readRow(id)).lastError).toContain("application_error");
    clock.advance(MINUTE);
    expect((await deliver()).sent).toBe(1);
    expect(api.requestsFor(id)).toHaveLength(2);
  });

  it("fails a stored payload that cannot render", async () => {
    const now = clock.now();
    const row = await database.prisma.emailOutbox.create({
      data: { eventKey: "welcome:broken", toEmail: "sam@example.com", template: "welcome", payload: {}, nextAttemptAt: now, createdAt: now },
    });

    const report = await deliver();

    expect(report.failed).toBe(1);
    expect(api.requests).toHaveLength(0);
    const failed = await readRow(row.id);
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toContain('Invalid payload for email template "welcome"');
  });

  it("leaves rows that are not due yet", async () => {
    const id = await queueWelcome("welcome:later");
    await database.prisma.emailOutbox.update({ where: { id }, data: { nextAttemptAt: new Date(Date.parse(START) + MINUTE) } });

    expect((await deliver()).claimed).toBe(0);
    expect(api.requests).toHaveLength(0);
  });
});

describe("local mailbox", () => {
  it("marks rows sent without any request", async () => {
    const id = await queueWelcome("welcome:local");

    const report = await deliver({ transport: createLocalMailboxTransport() });

    expect(report.sent).toBe(1);
    expect(api.requests).toHaveLength(0);
    const row = await readRow(id);
    expect(row.status).toBe("sent");
    expect(row.providerId).toBe(`local:${id}`);
  });

  it("lists and renders queued emails newest first", async () => {
    const older = await queueWelcome("welcome:older", "older@example.com");
    clock.advance(MINUTE);
    const newer = await queueWelcome("welcome:newer", "newer@example.com");

    const entries = await listMailbox(database.prisma);

    expect(entries.map((entry) => entry.id)).toEqual([newer, older]);
    expect(entries[0]).toMatchObject({ to: "newer@example.com", subject: "Welcome to Baton", status: "pending" });
    const email = await readMailboxEmail(database.prisma, newer);
    expect(email?.rendered?.html).toContain("Welcome to Baton");
    expect(email?.rendered?.text).toContain("http://localhost:3000/client");
    expect(await readMailboxEmail(database.prisma, "missing")).toBeNull();
  });

  it("is open only without a Resend key", () => {
    expect(mailboxAccess({ RESEND_API_KEY: "re_live", NODE_ENV: "development" })).toBe("disabled");
    expect(mailboxAccess({ RESEND_API_KEY: "re_live", NODE_ENV: "production" })).toBe("disabled");
    expect(mailboxAccess({ NODE_ENV: "development" })).toBe("public");
    expect(mailboxAccess({ NODE_ENV: "test" })).toBe("public");
    expect(mailboxAccess({ NODE_ENV: "production" })).toBe("admin");
  });
});
