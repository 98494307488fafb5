import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { Settings } from "../settings";
import type { AssistantData, ClientData, SeedData } from "./data";
import { CLIENT_SCENARIOS } from "./scenarios";

export type Tx = Db | Prisma.TransactionClient;

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_SECONDS = 60 * 60;

export interface SeededAssistant {
  id: string;
  userId: string;
  data: AssistantData;
}

export interface SeededClient {
  id: string;
  userId: string;
  data: ClientData;
  trialStartedAt: Date;
  /** When the client chose a plan; null while on the trial. */
  convertedAt: Date | null;
}

export interface SeededPeople {
  /** Skill ids by slug. */
  skillIds: Map<string, string>;
  /** Assistants by the local part of their email, as scenarios name them. */
  assistants: Map<string, SeededAssistant>;
  /** Clients by email. */
  clients: Map<string, SeededClient>;
  adminId: string;
}

/** Returns the part of an email before the "@". */
export function localPart(email: string): string {
  return email.slice(0, email.indexOf("@"));
}

/** Returns the id of a seeded skill; the data loader has already checked every slug. */
export function skillIdOf(skillIds: Map<string, string>, slug: string): string {
  const id = skillIds.get(slug);
  if (!id) {
    throw new Error(`Unknown skill "${slug}"`);
  }

  return id;
}

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

export async function seedSkills(tx: Tx, data: SeedData): Promise<Map<string, string>> {
  const rows = await tx.skill.createManyAndReturn({
    data: data.skills.map((skill) => ({ slug: skill.slug, name: skill.name, category: skill.category })),
    select: { id: true, slug: true },
  });

  return new Map(rows.map((row) => [row.slug, row.id]));
}

/** Creates one plan row per plan of the settings, smallest first. */
export async function seedPlans(tx: Tx, settings: Settings): Promise<number> {
  const plans = Object.entries(settings.planSeconds)
    .sort(([, a], [, b]) => a - b)
    .map(([code, secondsPerCycle], position) => ({
      code,
      name: code.charAt(0).toUpperCase() + code.slice(1),
      secondsPerCycle,
      sortOrder: position + 1,
    }));
  const result = await tx.plan.createMany({ data: plans });

  return result.count;
}

export async function seedAdmin(tx: Tx, data: SeedData, passwordHash: string, now: Date): Promise<string> {
  const admin = data.demo.admin;
  const user = await tx.user.create({
    data: {
      email: admin.email,
      name: admin.name,
      role: "admin",
      passwordHash,
      timeZone: admin.timeZone,
      createdAt: daysBefore(now, 120),
    },
    select: { id: true },
  });

  return user.id;
}

export async function seedAssistants(
  tx: Tx,
  data: SeedData,
  skillIds: Map<string, string>,
  passwordHash: string,
  now: Date,
): Promise<Map<string, SeededAssistant>> {
  const assistants = new Map<string, SeededAssistant>();

  for (const [position, assistant] of data.assistants.entries()) {
    const key = localPart(assistant.email);
    if (assistants.has(key)) {
      throw new Error(`Two assistants share the email name "${key}", so scenarios cannot tell them apart.`);
    }
    // Assistants joined one day apart, the first 100 days before now.
    const joinedAt = daysBefore(now, 100 - position);
    const user = await tx.user.create({
      data: {
        email: assistant.email,
        name: assistant.name,
        role: "assistant",
        passwordHash,
        timeZone: assistant.timeZone,
        createdAt: joinedAt,
        assistant: {
          create: {
            timeZone: assistant.timeZone,
            capacity: assistant.capacity,
            available: assistant.available,
            createdAt: joinedAt,
            skills: { create: assistant.skills.map((slug) => ({ skillId: skillIdOf(skillIds, slug) })) },
          },
        },
      },
      select: { id: true, assistant: { select: { id: true } } },
    });
    if (!user.assistant) {
      throw new Error(`Assistant profile missing after creating ${assistant.email}`);
    }
    assistants.set(key, { id: user.assistant.id, userId: user.id, data: assistant });
  }

  return assistants;
}

/**
 * Creates the clients on their trials, then gives paid clients their
 * subscription, primary assistant, team and top-ups. Conversions are written
 * after the tasks, because they record the trial time actually logged.
 */
export async function seedClients(
  tx: Tx,
  data: SeedData,
  settings: Settings,
  assistants: Map<string, SeededAssistant>,
  passwordHash: string,
  now: Date,
): Promise<Map<string, SeededClient>> {
  const clients = new Map<string, SeededClient>();
  const assistantId = (email: string) => {
    const assistant = assistants.get(localPart(email));
    if (!assistant) {
      throw new Error(`Unknown assistant ${email}`);
    }

    return assistant.id;
  };

  for (const client of data.clients) {
    const scenario = CLIENT_SCENARIOS[client.email];
    if (!scenario) {
      throw new Error(`No client scenario for ${client.email}; add one to server/seed/scenarios.ts.`);
    }
    const isPaid = client.plan !== "trial";
    if (isPaid !== (scenario.convertedDaysAgo !== undefined)) {
      throw new Error(`Client ${client.email} is on "${client.plan}" but its scenario ${isPaid ? "has no" : "has a"} conversion date.`);
    }
    const trialStartedAt = daysBefore(now, scenario.trialStartedDaysAgo);
    const convertedAt = scenario.convertedDaysAgo === undefined ? null : daysBefore(now, scenario.convertedDaysAgo);

    const user = await tx.user.create({
      data: {
        email: client.email,
        name: client.contact,
        role: "client",
        passwordHash,
        timeZone: client.timeZone,
        createdAt: trialStartedAt,
        client: {
          create: {
            companyName: client.name,
            timeZone: client.timeZone,
            trialStartedAt,
            trialSeconds: settings.trialAllowanceSeconds,
            primaryAssistantId: client.primary ? assistantId(client.primary) : null,
            createdAt: trialStartedAt,
          },
        },
      },
      select: { id: true, client: { select: { id: true } } },
    });
    if (!user.client) {
      throw new Error(`Client account missing after creating ${client.email}`);
    }
    const clientId = user.client.id;

    if (convertedAt) {
      const secondsPerCycle = settings.planSeconds[client.plan as keyof Settings["planSeconds"]];
      if (secondsPerCycle === undefined) {
        throw new Error(`Client ${client.email} names unknown plan "${client.plan}".`);
      }
      await tx.subscription.create({
        data: { clientId, planCode: client.plan, secondsPerCycle, startedAt: convertedAt },
        select: { id: true },
      });
      if (client.team.length > 0) {
        await tx.clientTeamMember.createMany({
          data: client.team.map((email) => ({ clientId, assistantId: assistantId(email), addedAt: convertedAt })),
        });
      }
    }
    for (const topUp of scenario.topUps ?? []) {
      await tx.topUp.create({
        data: { clientId, seconds: topUp.hours * HOUR_SECONDS, purchasedAt: daysBefore(now, topUp.daysAgo) },
        select: { id: true },
      });
    }

    clients.set(client.email, { id: clientId, userId: user.id, data: client, trialStartedAt, convertedAt });
  }

  return clients;
}
