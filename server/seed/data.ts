import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import { z } from "zod";

import { BriefPreference, Role } from "../db/generated/client";
import { historySchema, type HistoryConfig } from "./history/config";

/** Folder of the demo data that `npm run db:seed` loads. */
export const SEED_DATA_DIR = fileURLToPath(new URL("../../prisma/seed-data/", import.meta.url));

const email = z.string().trim().toLowerCase().pipe(z.email());

const skillSchema = z.object({
  slug: z.string().min(1),
  name: z.string().min(1),
  category: z.string().min(1),
});

const assistantSchema = z.object({
  name: z.string().min(1),
  email,
  timeZone: z.string().min(1),
  skills: z.array(z.string().min(1)).min(1),
  capacity: z.int().min(0),
  available: z.boolean(),
});

const clientSchema = z.object({
  /** Company name. */
  name: z.string().min(1),
  /** The person who signs in. */
  contact: z.string().min(1),
  email,
  /** "trial" or a plan code. */
  plan: z.string().min(1),
  timeZone: z.string().min(1),
  /** Email of the primary assistant; paid clients only. */
  primary: email.optional(),
  /** Emails of the client's team. */
  team: z.array(email).default([]),
});

const briefSchema = z.object({
  /** Email of the client who sent the brief. */
  client: email,
  title: z.string().min(3).max(120),
  description: z.string().min(10).max(10_000),
  skills: z.array(z.string().min(1)).min(1).max(5),
  estimateMinutes: z.int().positive(),
  preference: z.enum(BriefPreference),
  /** Due date, in hours after the brief was submitted. */
  dueInHours: z.int().positive(),
});

const demoAccountsSchema = z.object({
  /** The one password of every seeded account. */
  password: z.string().min(10),
  admin: z.object({ name: z.string().min(1), email, timeZone: z.string().min(1) }),
  /** Accounts worth signing in as, printed by `npm run dev`. */
  showcase: z.array(z.object({ role: z.enum(Role), email, description: z.string() })),
});

export type SkillData = z.infer<typeof skillSchema>;
export type AssistantData = z.infer<typeof assistantSchema>;
export type ClientData = z.infer<typeof clientSchema>;
export type BriefData = z.infer<typeof briefSchema>;
export type DemoAccounts = z.infer<typeof demoAccountsSchema>;

export interface SeedData {
  skills: SkillData[];
  assistants: AssistantData[];
  clients: ClientData[];
  briefs: BriefData[];
  demo: DemoAccounts;
  history: HistoryConfig;
}

async function readJson<T>(fileName: string, schema: z.ZodType<T>): Promise<T> {
  const file = `${SEED_DATA_DIR}${fileName}`;
  const result = schema.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!result.success) {
    throw new Error(`Invalid seed data in ${file}: ${z.prettifyError(result.error)}`);
  }

  return result.data;
}

/**
 * Reads and validates the seed files, and checks that every skill, assistant
 * and client they mention exists, so a typo fails before any row is written.
 */
export async function loadSeedData(): Promise<SeedData> {
  const [skills, assistants, clients, briefs, demo, history] = await Promise.all([
    readJson("skills.json", z.array(skillSchema)),
    readJson("assistants.json", z.array(assistantSchema)),
    readJson("clients.json", z.array(clientSchema)),
    readJson("briefs.json", z.array(briefSchema)),
    readJson("demo-accounts.json", demoAccountsSchema),
    readJson("history.json", historySchema),
  ]);

  const skillSlugs = new Set(skills.map((skill) => skill.slug));
  const assistantEmails = new Set(assistants.map((assistant) => assistant.email));
  const clientEmails = new Set(clients.map((client) => client.email));
  const problems: string[] = [];

  for (const assistant of assistants) {
    for (const slug of assistant.skills.filter((slug) => !skillSlugs.has(slug))) {
      problems.push(`assistant ${assistant.email} has unknown skill "${slug}"`);
    }
  }
  for (const client of clients) {
    for (const member of [client.primary, ...client.team].filter((value) => value !== undefined)) {
      if (!assistantEmails.has(member)) {
        problems.push(`client ${client.email} names unknown assistant ${member}`);
      }
    }
  }
  briefs.forEach((brief, index) => {
    if (!clientEmails.has(brief.client)) {
      problems.push(`brief ${index} names unknown client ${brief.client}`);
    }
    for (const slug of brief.skills.filter((slug) => !skillSlugs.has(slug))) {
      problems.push(`brief ${index} has unknown skill "${slug}"`);
    }
  });
  if (problems.length > 0) {
    throw new Error(`Inconsistent seed data:\n  ${problems.join("\n  ")}`);
  }

  return { skills, assistants, clients, briefs, demo, history };
}
