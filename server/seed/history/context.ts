import type { Settings } from "../../settings";
import type { BriefData, SeedData } from "../data";
import type { SeededAssistant, SeededPeople } from "../people";
import type { WorkCalendar } from "./calendar";
import type { HistoryConfig } from "./config";
import type { SeededRandom } from "./random";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Everything the history generator reads and the calendar it fills. */
export interface HistoryContext {
  /** Draws every decision and every time offset. */
  random: SeededRandom;
  /** Draws row ids, from its own stream so a new id never shifts a decision. */
  ids: SeededRandom;
  config: HistoryConfig;
  settings: Settings;
  data: SeedData;
  people: SeededPeople;
  calendar: WorkCalendar;
  /** No generated event happens after this instant. */
  cutoff: Date;
  /**
   * No generated lapse happens after this instant, which is a day more than
   * the longer of the lapse window and the block length before now. Any
   * block the history implies has then ended, and no history lapse counts
   * toward a block together with the demo's recent lapses.
   */
  lapseCutoff: Date;
}

export function later(instant: Date, milliseconds: number): Date {
  return new Date(instant.getTime() + milliseconds);
}

/** Returns an instant a random number of minutes in [min, max] after `instant`, with random seconds. */
export function laterByMinutes(context: HistoryContext, instant: Date, min: number, max: number): Date {
  return later(instant, context.random.int(min, max) * MINUTE_MS + context.random.int(0, 59) * 1000);
}

/** Available assistants who have every skill of the brief, in the order of the seed data. */
export function candidatesFor(context: HistoryContext, brief: BriefData): SeededAssistant[] {
  return [...context.people.assistants.values()].filter(
    (assistant) => assistant.data.available && brief.skills.every((slug) => assistant.data.skills.includes(slug)),
  );
}
