import type { SeededAssistant } from "../people";
import { candidatesFor, DAY_MS, HOUR_MS, laterByMinutes, type HistoryContext } from "./context";
import { appendRows, type HistoryRows } from "./rows";
import { buildTask, type TaskOutcome } from "./tasks";

/** Share of a plan's hours that a generated client may use after converting, so no cycle goes over. */
const PAID_SHARE_OF_PLAN = 0.6;

export interface ClientNames {
  /** Company names and emails already taken, by the demo clients or earlier generated ones. */
  companies: Set<string>;
  emails: Set<string>;
}

interface HistoryClient {
  id: string;
  userId: string;
  trialStartedAt: Date;
  row: HistoryRows["clients"][number];
}

/** Lowercases a name and keeps only letters, for the part of an email address. */
function emailPart(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

/** Writes the user and client rows of one trial sign-up with a generated company and contact. */
function addClient(context: HistoryContext, rows: HistoryRows, names: ClientNames, signedUpAt: Date, passwordHash: string): HistoryClient {
  const { random, config, ids, settings } = context;
  let company = "";
  for (let attempt = 0; attempt < 50 && (company === "" || names.companies.has(company)); attempt += 1) {
    company = `${random.pick(config.companyWords.first)} ${random.pick(config.companyWords.second)}`;
  }
  for (let suffix = 2; names.companies.has(company); suffix += 1) {
    company = `${company.replace(/ \d+$/, "")} ${suffix}`;
  }
  names.companies.add(company);
  const first = random.pick(config.contactNames.first);
  const last = random.pick(config.contactNames.last);
  let email = `${emailPart(first)}.${emailPart(last)}@${emailPart(company)}.example`;
  for (let suffix = 2; names.emails.has(email); suffix += 1) {
    email = `${emailPart(first)}.${emailPart(last)}${suffix}@${emailPart(company)}.example`;
  }
  names.emails.add(email);
  const timeZone = random.pick(config.timeZones);

  const userId = ids.id();
  const id = ids.id();
  rows.users.push({ id: userId, email, name: `${first} ${last}`, role: "client", passwordHash, timeZone, createdAt: signedUpAt, updatedAt: signedUpAt });
  const row: HistoryRows["clients"][number] = {
    id,
    userId,
    companyName: company,
    timeZone,
    trialStartedAt: signedUpAt,
    trialSeconds: settings.trialAllowanceSeconds,
    createdAt: signedUpAt,
    updatedAt: signedUpAt,
  };
  rows.clients.push(row);

  return { id, userId, trialStartedAt: signedUpAt, row };
}

/**
 * Picks the brief of a new task. A trial brief is a short one, and now and
 * then one that no available assistant can do. Some briefs are ones the
 * showcase assistant can do, and the rest are any brief someone can do.
 */
function pickBrief(context: HistoryContext, onTrial: boolean): number {
  const { config, random } = context;
  const routable: number[] = [];
  const unroutable: number[] = [];
  const showcase: number[] = [];
  for (const [index, brief] of context.data.briefs.entries()) {
    if (onTrial && brief.estimateMinutes > config.trialBriefMaxMinutes) {
      continue;
    }
    const candidates = candidatesFor(context, brief);
    (candidates.length > 0 ? routable : unroutable).push(index);
    if (candidates.some((assistant) => assistant.data.email === config.showcaseAssistant.email)) {
      showcase.push(index);
    }
  }
  if (onTrial && unroutable.length > 0 && random.chance(config.rates.briefWithNoCandidates)) {
    return random.pick(unroutable);
  }
  if (showcase.length > 0 && random.chance(config.showcaseAssistant.briefShare)) {
    return random.pick(showcase);
  }

  return random.pick(routable);
}

/** Keeps a task: its rows join the history and its entries block the assistants' calendars. */
function keep(context: HistoryContext, rows: HistoryRows, outcome: TaskOutcome): void {
  appendRows(rows, outcome.rows);
  for (const entry of outcome.entries) {
    context.calendar.reserve(entry.assistantId, entry.start, entry.end);
  }
}

/** Records the conversion, its credits in proportion to trial seconds, the subscription, and the primary assistant. */
function convert(context: HistoryContext, rows: HistoryRows, client: HistoryClient, convertedAt: Date, trialSeconds: Map<string, number>): SeededAssistant | null {
  const planCode = context.random.weighted(context.config.planWeights);
  const secondsPerCycle = context.settings.planSeconds[planCode as keyof typeof context.settings.planSeconds];
  if (secondsPerCycle === undefined) {
    throw new Error(`history.json names plan "${planCode}", which the settings do not have.`);
  }
  const total = [...trialSeconds.values()].reduce((sum, seconds) => sum + seconds, 0);
  const conversionId = context.ids.id();
  rows.conversions.push({ id: conversionId, clientId: client.id, planCode, convertedAt, trialStartedAt: client.trialStartedAt, trialSecondsUsed: total });
  for (const [assistantId, seconds] of trialSeconds) {
    rows.conversionCredits.push({ conversionId, assistantId, trialSeconds: seconds, share: total === 0 ? 0 : seconds / total });
  }
  rows.subscriptions.push({ id: context.ids.id(), clientId: client.id, planCode, secondsPerCycle, startedAt: convertedAt });

  const largest = [...trialSeconds.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  const primary = [...context.people.assistants.values()].find((assistant) => assistant.id === largest?.[0]) ?? null;
  client.row.primaryAssistantId = primary?.id ?? null;
  client.row.updatedAt = convertedAt;

  return primary;
}

/**
 * Generates one trial client from sign-up on: trial briefs one after
 * another while trial time is left, a plan chosen after using the trial (or
 * earlier), and a few paid briefs for their primary assistant. A task that
 * would end after the cutoff is dropped with everything after it, so the
 * newest sign-ups have less history.
 */
export function generateClient(context: HistoryContext, rows: HistoryRows, names: ClientNames, signedUpAt: Date, passwordHash: string): { converted: boolean } {
  const { random, config, settings, cutoff } = context;
  const client = addClient(context, rows, names, signedUpAt, passwordHash);
  if (!random.chance(config.rates.sendsFirstBrief)) {
    return { converted: false };
  }
  const convertsAfterUse = random.chance(config.rates.convertsAfterTrialUsed);
  const convertsEarly = random.chance(config.rates.convertsEarly);
  const trialSeconds = new Map<string, number>();
  let trialLeft = settings.trialAllowanceSeconds;
  let paidUsed = 0;
  let submittedAt = laterByMinutes(context, signedUpAt, 20, 2 * 24 * 60);
  let convertedAt: Date | null = null;

  for (;;) {
    const outcome = buildTask(context, { clientId: client.id, clientUserId: client.userId, briefIndex: pickBrief(context, true), submittedAt, trialSecondsLeft: trialLeft, convertsWhenTrialRunsOut: convertsAfterUse, primary: null });
    if (!outcome) {
      break;
    }
    keep(context, rows, outcome);
    trialLeft -= outcome.trialSecondsUsed;
    paidUsed += outcome.paidSecondsUsed;
    for (const [assistantId, seconds] of outcome.trialSecondsByAssistant) {
      trialSeconds.set(assistantId, (trialSeconds.get(assistantId) ?? 0) + seconds);
    }
    if (outcome.convertedAt || outcome.trialRanOut) {
      convertedAt = outcome.convertedAt;
      break;
    }
    const sendsAnother = trialLeft > 0 && random.chance(config.rates.sendsAnotherBrief);
    if (!sendsAnother) {
      const converts = trialLeft <= 0 ? convertsAfterUse : convertsEarly;
      convertedAt = converts ? laterByMinutes(context, outcome.endedAt, 60, 3 * 24 * 60) : null;
      break;
    }
    submittedAt = laterByMinutes(context, outcome.endedAt, 3 * 60, 4 * 24 * 60);
  }
  if (!convertedAt || convertedAt > cutoff) {
    return { converted: false };
  }

  const primary = convert(context, rows, client, convertedAt, trialSeconds);
  const plan = rows.subscriptions.at(-1);
  let paidLeft = Math.floor((plan?.secondsPerCycle ?? 0) * PAID_SHARE_OF_PLAN) - paidUsed;
  let paidBriefAt = laterByMinutes(context, convertedAt, 12 * 60, 5 * 24 * 60);
  for (let count = random.int(config.rates.paidBriefs.min, config.rates.paidBriefs.max); count > 0; count -= 1) {
    const outcome = buildTask(context, { clientId: client.id, clientUserId: client.userId, briefIndex: pickBrief(context, false), submittedAt: paidBriefAt, trialSecondsLeft: null, convertsWhenTrialRunsOut: false, primary });
    if (!outcome || outcome.paidSecondsUsed > paidLeft) {
      break;
    }
    keep(context, rows, outcome);
    paidLeft -= outcome.paidSecondsUsed;
    paidBriefAt = new Date(outcome.endedAt.getTime() + random.between(HOUR_MS * 6, DAY_MS * 5));
  }

  return { converted: true };
}
