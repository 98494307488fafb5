import type { Metadata } from "next";
import type { ReactNode } from "react";

import { api } from "~/app/_trpc/server";
import type { AssistantStats } from "~/server/assistants/stats";
import { requireRole } from "~/server/auth/guard";

import { formatDuration } from "../../_components/format";

export const metadata: Metadata = { title: "Your stats" };

const NO_VALUE = "—";

/** Formats a ratio between 0 and 1 as a percentage with one decimal, such as "37.5%". */
function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** Formats a wait in seconds as "45 s" under a minute, and in hours and minutes from there. */
function wait(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : formatDuration(seconds);
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** Names a settings period in whole days when it is whole days, otherwise in hours, such as "7 days" or "36 hours". */
function period(seconds: number): string {
  return seconds % 86_400 === 0 ? plural(seconds / 86_400, "day") : plural(Math.round(seconds / 3600), "hour");
}

function Figure({ label, value, children }: { label: string; value: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      {children ? <dd className="mt-1 text-sm text-slate-700">{children}</dd> : null}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function ConversionSection({ conversion }: { conversion: AssistantStats["conversion"] }) {
  const bar = conversion.barTrialClients;
  let verdict: string;
  switch (conversion.standing) {
    case "meets_bar":
      verdict = `You meet the platform's bar of 1 in ${bar}.`;
      break;
    case "below_bar":
      verdict = `This is below the platform's bar of 1 in ${bar}.`;
      break;
    default:
      verdict = `Not enough data yet: the rate shows once you have served ${plural(bar, "trial client")}.`;
  }

  return (
    <Section id="conversion-heading" title="Trial clients">
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Figure label="Conversion rate" value={conversion.rate === null ? "Not enough data" : percent(conversion.rate)}>
          {verdict}
        </Figure>
        <Figure label="Trial clients served" value={String(conversion.trialClients)}>
          Clients on a trial you logged time for. This is the sample the rate is based on.
        </Figure>
        <Figure label="Converted" value={String(conversion.convertedClients)}>
          {conversion.convertedClients === 0
            ? "None of them has chosen a paid plan yet."
            : `${conversion.credited.toLocaleString("en-GB")} of these conversions are credited to you, in proportion to your share of each client's trial time.`}
        </Figure>
      </dl>
    </Section>
  );
}

function WorkSection({ stats, monthLabel }: { stats: AssistantStats; monthLabel: string }) {
  const { offers, lapses, ratings, thisMonth } = stats;
  const answered = offers.accepted + offers.declined + offers.expired;

  return (
    <Section id="work-heading" title="Offers and work">
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Figure label="Acceptance rate" value={offers.acceptanceRate === null ? NO_VALUE : percent(offers.acceptanceRate)}>
          {answered === 0
            ? "No offer answered or expired yet."
            : `You accepted ${offers.accepted} of ${plural(answered, "offer")} you answered or let expire.`}
        </Figure>
        <Figure label="Median time to accept" value={offers.medianSecondsToAccept === null ? NO_VALUE : wait(offers.medianSecondsToAccept)}>
          From the offer arriving to your acceptance.
        </Figure>
        <Figure label="Lapses" value={String(lapses.total)}>
          {`${lapses.recent} in the last ${period(lapses.windowSeconds)}. ${plural(lapses.toBlock, "lapse")} within ${period(lapses.windowSeconds)} stop new offers for ${period(lapses.blockSeconds)}.`}
        </Figure>
        <Figure label="Average rating" value={ratings.average === null ? NO_VALUE : `${ratings.average.toLocaleString("en-GB")} of 5`}>
          {ratings.count === 0 ? "No rated approvals yet." : `From ${plural(ratings.count, "rated approval")}.`}
        </Figure>
        <Figure label={`Hours delivered in ${monthLabel}`} value={formatDuration(thisMonth.seconds)}>
          {`Counted from the start of the month in your time zone, ${thisMonth.timeZone}, including a running timer.`}
        </Figure>
      </dl>
    </Section>
  );
}

export default async function AssistantStatsPage() {
  await requireRole("assistant");
  const caller = await api();
  const stats = await caller.assistant.stats();
  const monthLabel = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: stats.thisMonth.timeZone }).format(stats.thisMonth.monthStart);

  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Your stats</h1>
        <p className="text-sm text-slate-700">Figures cover all your work on Baton unless a figure names a period.</p>
      </div>
      <ConversionSection conversion={stats.conversion} />
      <WorkSection stats={stats} monthLabel={monthLabel} />
    </div>
  );
}
