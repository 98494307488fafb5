"use client";

import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";

import { Button } from "~/app/_components/button";
import { Field } from "~/app/_components/field";
import { useTRPC } from "~/app/_trpc/react";

import { formatHours, formatPercent, humaniseDuration, NO_VALUE } from "../_components/format";
import type { MetricsDashboardData } from "../_components/router-outputs";
import { fieldErrorsOf, formErrorOf } from "../_components/trpc-errors";
import { AssistantConversionTable, DeclineReasonsTable, FunnelTable, RatingsTable, SkillConversionTable, TrendsTable } from "./metric-tables";
import { fileNameRange, parseDate, rangeInstants } from "./range";
import { TrendCharts } from "./trend-charts";

interface DateRange {
  from: string;
  to: string;
}

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      {detail ? <dd className="mt-1 text-sm text-slate-700">{detail}</dd> : null}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

const duration = (seconds: number | null) => (seconds === null ? NO_VALUE : humaniseDuration(seconds));
const percent = (ratio: number | null) => (ratio === null ? NO_VALUE : formatPercent(ratio));

function Conversion({ data, rangeSlug }: { data: MetricsDashboardData; rangeSlug: string }) {
  const { overall } = data.conversion;
  const barClients = data.conversionBarTrialClients;
  // Compared unrounded, so exactly one in three meets a bar of one in three.
  const belowBar = overall.trialClients > 0 && overall.converted * barClients < overall.trialClients;

  return (
    <Section id="conversion-heading" title="Conversion">
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Figure
          label="Trial clients who converted"
          value={percent(overall.rate)}
          detail={`${overall.converted} of ${overall.trialClients} who signed up in the range; the bar is 1 in ${barClients}${belowBar ? ", and this is below it" : ""}.`}
        />
      </dl>
      <AssistantConversionTable data={data} rangeSlug={rangeSlug} />
      <SkillConversionTable data={data} rangeSlug={rangeSlug} />
    </Section>
  );
}

function Speed({ data }: { data: MetricsDashboardData }) {
  return (
    <Section id="speed-heading" title="Speed (medians, from the brief)">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Figure label="To the first offer" value={duration(data.speed.toFirstOffer)} />
        <Figure label="To acceptance" value={duration(data.speed.toAcceptance)} />
        <Figure label="To the first timer start" value={duration(data.speed.toFirstTimer)} />
        <Figure label="To completion" value={duration(data.speed.toCompletion)} />
      </dl>
    </Section>
  );
}

function Operations({ data, rangeSlug }: { data: MetricsDashboardData; rangeSlug: string }) {
  const ops = data.operations;

  return (
    <Section id="operations-heading" title="Operations">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Figure label="Median time to accept" value={duration(ops.medianSecondsToAccept)} detail="From offer to acceptance" />
        <Figure label="Acceptance rate" value={percent(ops.acceptanceRate)} detail={`Of ${ops.offers} offers`} />
        <Figure label="Lapse rate" value={percent(ops.lapseRate)} detail={`${ops.lapses} ${ops.lapses === 1 ? "lapse" : "lapses"} in ${ops.assignments} accepted tasks`} />
        <Figure label="Unrouted tasks" value={String(ops.unroutedTasks)} detail="Waiting now, whatever the range" />
        <Figure label="Out-of-time events" value={String(ops.outOfTimeEvents)} detail="Timers stopped by a used-up balance or task limit" />
        <Figure label="Average rating" value={ops.ratings.average === null ? NO_VALUE : `${ops.ratings.average} of 5`} detail={`${ops.ratings.count} rated approvals`} />
        <Figure label="Hours delivered" value={formatHours(ops.hoursDelivered)} />
        <Figure label="Trial hours covered by the platform" value={formatHours(ops.platformCoveredHours)} />
      </dl>
      <DeclineReasonsTable data={data} rangeSlug={rangeSlug} />
      <RatingsTable data={data} rangeSlug={rangeSlug} />
    </Section>
  );
}

/**
 * Renders the metrics page below its heading: a date range form (inclusive dates,
 * in UTC) and every figure for the applied range. The range is kept in the
 * address, so a reload or a shared link shows the same figures.
 */
export function MetricsDashboard({ initialRange }: { initialRange: DateRange }) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<DateRange>(initialRange);
  const [applied, setApplied] = useState<DateRange>(initialRange);
  const [localErrors, setLocalErrors] = useState<Partial<DateRange>>({});

  const appliedFrom = parseDate(applied.from);
  const appliedTo = parseDate(applied.to);
  const input = appliedFrom && appliedTo ? rangeInstants(appliedFrom, appliedTo) : null;
  const query = useQuery(trpc.metrics.dashboard.queryOptions(input ?? skipToken, { placeholderData: keepPreviousData, retry: false }));
  const serverErrors = fieldErrorsOf(query.error);
  const formError = formErrorOf(query.error, ["from", "to"]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<DateRange> = {};
    if (!parseDate(draft.from)) {
      errors.from = "Enter the first day of the range.";
    }
    if (!parseDate(draft.to)) {
      errors.to = "Enter the last day of the range.";
    }
    setLocalErrors(errors);
    if (errors.from || errors.to) {
      return;
    }
    setApplied(draft);
    window.history.replaceState(null, "", `?from=${draft.from}&to=${draft.to}`);
  };

  const data = query.data;
  // Named after the range of the figures shown, which differs from `applied` while a new range loads.
  const rangeSlug = data ? fileNameRange(data.range.from, data.range.to) : "";
  let loadingStatus = "";
  if (query.isFetching) {
    loadingStatus = "Loading the figures.";
  } else if (data) {
    loadingStatus = `Showing ${applied.from} to ${applied.to}.`;
  }

  return (
    <div className="space-y-10">
      <form onSubmit={onSubmit} noValidate aria-label="Date range" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-start">
        <Field
          label="From"
          name="from"
          type="date"
          value={draft.from}
          onChange={(event) => setDraft({ ...draft, from: event.target.value })}
          error={localErrors.from ?? serverErrors.from}
          hint="First day, UTC"
        />
        <Field
          label="To"
          name="to"
          type="date"
          value={draft.to}
          onChange={(event) => setDraft({ ...draft, to: event.target.value })}
          error={localErrors.to ?? serverErrors.to}
          hint="Last day, included"
        />
        <Button type="submit" className="sm:mt-6" disabled={query.isFetching}>
          {query.isFetching ? "Loading…" : "Show"}
        </Button>
      </form>

      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <p role="status" className="sr-only">
        {loadingStatus}
      </p>

      {data ? (
        <div className={`space-y-10 ${query.isPlaceholderData ? "opacity-60" : ""}`}>
          <Section id="funnel-heading" title="Trial funnel">
            <p className="text-sm text-slate-700">
              Clients are counted in the week they signed up (weeks start on Monday, UTC). Each rate is against the step before it.
            </p>
            <FunnelTable data={data} rangeSlug={rangeSlug} />
          </Section>
          <Conversion data={data} rangeSlug={rangeSlug} />
          <Speed data={data} />
          <Operations data={data} rangeSlug={rangeSlug} />
          <Section id="trends-heading" title="Trends">
            <TrendCharts trends={data.trends} />
            <TrendsTable data={data} rangeSlug={rangeSlug} />
          </Section>
        </div>
      ) : query.isPending && input ? (
        <p className="text-slate-700">Loading the figures…</p>
      ) : null}
    </div>
  );
}
