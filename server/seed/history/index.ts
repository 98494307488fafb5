import type { Settings } from "../../settings";
import type { SeedData } from "../data";
import type { SeededPeople, Tx } from "../people";
import { WorkCalendar } from "./calendar";
import { generateClient, type ClientNames } from "./clients";
import { DAY_MS, HOUR_MS, type HistoryContext } from "./context";
import { SeededRandom } from "./random";
import { emptyRows, insertRows, type HistoryRows } from "./rows";

/** The newest history event is at least this long before the seed's "now". */
const CUTOFF_BEFORE_NOW_MS = 2 * HOUR_MS;

export interface HistoryCounts {
  clients: number;
  conversions: number;
  tasks: number;
  offers: number;
  entries: number;
  lapses: number;
}

/** Sign-up instants, `signupsPerWeek` in each of the weeks before now, oldest first. */
function signupInstants(context: HistoryContext, now: Date): Date[] {
  const { random, config } = context;
  const instants: Date[] = [];
  for (let week = 0; week < config.weeks; week += 1) {
    const newestDays = Math.max(week * 7, config.newestSignupDaysAgo);
    const oldestDays = (week + 1) * 7;
    if (newestDays >= oldestDays) {
      continue;
    }
    for (let count = random.int(config.signupsPerWeek.min, config.signupsPerWeek.max); count > 0; count -= 1) {
      instants.push(new Date(now.getTime() - random.between(newestDays, oldestDays) * DAY_MS));
    }
  }

  return instants.sort((a, b) => a.getTime() - b.getTime());
}

/**
 * Writes a block for each lapse that brought an assistant's lapses inside
 * the lapse window to the blocking count, unless a block was already running.
 */
function addBlocks(context: HistoryContext, rows: HistoryRows): void {
  const { settings, ids } = context;
  const byAssistant = new Map<string, Date[]>();
  for (const lapse of rows.lapses) {
    const list = byAssistant.get(lapse.assistantId) ?? [];
    list.push(new Date(lapse.occurredAt));
    byAssistant.set(lapse.assistantId, list);
  }
  for (const [assistantId, lapses] of byAssistant) {
    lapses.sort((a, b) => a.getTime() - b.getTime());
    let blockedUntil = 0;
    for (const [index, occurredAt] of lapses.entries()) {
      const windowStart = occurredAt.getTime() - settings.lapseWindowSeconds * 1000;
      const inWindow = lapses.slice(0, index + 1).filter((lapse) => lapse.getTime() > windowStart).length;
      if (inWindow >= settings.lapsesToBlock && occurredAt.getTime() >= blockedUntil) {
        blockedUntil = occurredAt.getTime() + settings.blockSeconds * 1000;
        rows.blocks.push({ id: ids.id(), assistantId, reason: `${inWindow} lapses within ${settings.lapseWindowSeconds / 86_400} days`, startedAt: occurredAt, endsAt: new Date(blockedUntil) });
      }
    }
  }
}

/**
 * Generates the weeks of trial sign-ups before `now` described in
 * history.json, with their briefs, offers, declines, lapses, time, reviews
 * and conversions, and inserts them in bulk. Every task of the history is
 * finished or cancelled, so it takes none of an assistant's capacity, runs no
 * timer and leaves no offer open. The same data and `now` give the same
 * rows, ids included.
 */
export async function seedHistory(tx: Tx, input: { data: SeedData; people: SeededPeople; settings: Settings; now: Date; passwordHash: string }): Promise<HistoryCounts> {
  const { data, people, settings, now } = input;
  const config = data.history;
  const calendar = new WorkCalendar();
  const demoEntries = await tx.timeEntry.findMany({ select: { assistantId: true, startedAt: true, endedAt: true } });
  for (const entry of demoEntries) {
    calendar.reserve(entry.assistantId, entry.startedAt, entry.endedAt ?? now);
  }
  const context: HistoryContext = {
    random: new SeededRandom(config.randomSeed),
    ids: new SeededRandom(config.randomSeed + 1),
    config,
    settings,
    data,
    people,
    calendar,
    cutoff: new Date(now.getTime() - CUTOFF_BEFORE_NOW_MS),
    lapseCutoff: new Date(now.getTime() - Math.max(settings.lapseWindowSeconds, settings.blockSeconds) * 1000 - DAY_MS),
  };
  const names: ClientNames = {
    companies: new Set(data.clients.map((client) => client.name)),
    emails: new Set([...data.clients.map((client) => client.email), ...data.assistants.map((assistant) => assistant.email), data.demo.admin.email]),
  };

  const rows = emptyRows();
  let conversions = 0;
  for (const signedUpAt of signupInstants(context, now)) {
    const { converted } = generateClient(context, rows, names, signedUpAt, input.passwordHash);
    conversions += converted ? 1 : 0;
  }
  addBlocks(context, rows);
  await insertRows(tx, rows);

  return { clients: rows.clients.length, conversions, tasks: rows.tasks.length, offers: rows.offers.length, entries: rows.timeEntries.length, lapses: rows.lapses.length };
}
