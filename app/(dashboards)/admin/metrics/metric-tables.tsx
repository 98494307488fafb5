"use client";

import { DataTable, type Column } from "../_components/data-table";
import { formatPercent } from "../_components/format";
import { declineReasonLabel } from "../_components/labels";
import type { MetricsDashboardData } from "../_components/router-outputs";

type FunnelRow = MetricsDashboardData["funnel"][number];
type AssistantRow = MetricsDashboardData["conversion"]["byAssistant"][number];
type SkillRow = MetricsDashboardData["conversion"]["bySkill"][number];
type DeclineRow = MetricsDashboardData["operations"]["declineReasons"][number];
type RatingRow = { rating: number; count: number; share: number | null };
type TrendRow = MetricsDashboardData["trends"][number];

const percent = (value: string | number) => formatPercent(Number(value));

/** Formats the UTC week starting on a Monday as its first day, such as "4 Jan 2027". */
export function weekLabel(isoDate: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}

const FUNNEL_COLUMNS: Column<FunnelRow>[] = [
  { key: "cohortWeek", label: "Sign-up week", value: (row) => row.cohortWeek },
  { key: "signups", label: "Sign-ups", value: (row) => row.signups, numeric: true },
  { key: "firstBrief", label: "Sent a brief", value: (row) => row.firstBrief, numeric: true },
  { key: "firstBriefRate", label: "Brief rate", value: (row) => row.rates.firstBrief, format: percent, numeric: true },
  { key: "firstAccepted", label: "Task accepted", value: (row) => row.firstAccepted, numeric: true },
  { key: "firstAcceptedRate", label: "Acceptance rate", value: (row) => row.rates.firstAccepted, format: percent, numeric: true },
  { key: "trialUsed", label: "Trial used", value: (row) => row.trialUsed, numeric: true },
  { key: "trialUsedRate", label: "Trial used rate", value: (row) => row.rates.trialUsed, format: percent, numeric: true },
  { key: "converted", label: "Converted", value: (row) => row.converted, numeric: true },
  { key: "convertedRate", label: "Conversion rate", value: (row) => row.rates.converted, format: percent, numeric: true },
  { key: "overall", label: "Sign-up to paid", value: (row) => row.rates.overall, format: percent, numeric: true },
];

const ASSISTANT_COLUMNS: Column<AssistantRow>[] = [
  { key: "name", label: "Assistant", value: (row) => row.name },
  { key: "trialClients", label: "Trial clients (sample)", value: (row) => row.trialClients, numeric: true },
  { key: "credited", label: "Conversions credited", value: (row) => row.credited, numeric: true },
  { key: "rate", label: "Conversion rate", value: (row) => row.rate, format: percent, numeric: true },
];

const SKILL_COLUMNS: Column<SkillRow>[] = [
  { key: "skill", label: "Skill", value: (row) => row.skill },
  { key: "trialClients", label: "Trial clients", value: (row) => row.trialClients, numeric: true },
  { key: "converted", label: "Converted", value: (row) => row.converted, numeric: true },
  { key: "rate", label: "Conversion rate", value: (row) => row.rate, format: percent, numeric: true },
];

const TREND_COLUMNS: Column<TrendRow>[] = [
  { key: "week", label: "Week", value: (row) => row.week },
  { key: "hoursDelivered", label: "Hours delivered", value: (row) => row.hoursDelivered, numeric: true },
  { key: "signups", label: "Sign-ups", value: (row) => row.signups, numeric: true },
  { key: "conversions", label: "Conversions", value: (row) => row.conversions, numeric: true },
];

const RATING_COLUMNS: Column<RatingRow>[] = [
  { key: "rating", label: "Rating", value: (row) => row.rating, format: (value) => `${String(value)} of 5`, numeric: true },
  { key: "count", label: "Reviews", value: (row) => row.count, numeric: true },
  { key: "share", label: "Share", value: (row) => row.share, format: percent, numeric: true },
];

interface TableProps {
  data: MetricsDashboardData;
  /** The applied range as "YYYY-MM-DD-to-YYYY-MM-DD", for the file names. */
  rangeSlug: string;
}

export function FunnelTable({ data, rangeSlug }: TableProps) {
  return (
    <DataTable
      caption="Trial funnel by sign-up week"
      columns={FUNNEL_COLUMNS}
      rows={data.funnel}
      rowKey={(row) => row.cohortWeek}
      initialSort={{ key: "cohortWeek", direction: "ascending" }}
      csvFileName={`funnel-${rangeSlug}.csv`}
      emptyText="No trial client signed up in this range."
    />
  );
}

export function AssistantConversionTable({ data, rangeSlug }: TableProps) {
  return (
    <DataTable
      caption="Conversion by assistant"
      columns={ASSISTANT_COLUMNS}
      rows={data.conversion.byAssistant}
      rowKey={(row) => row.assistantId}
      initialSort={{ key: "trialClients", direction: "descending" }}
      csvFileName={`conversion-by-assistant-${rangeSlug}.csv`}
      emptyText="No assistant logged trial time for these clients."
    />
  );
}

export function SkillConversionTable({ data, rangeSlug }: TableProps) {
  return (
    <DataTable
      caption="Conversion by skill"
      columns={SKILL_COLUMNS}
      rows={data.conversion.bySkill}
      rowKey={(row) => row.skill}
      initialSort={{ key: "trialClients", direction: "descending" }}
      csvFileName={`conversion-by-skill-${rangeSlug}.csv`}
      emptyText="These clients sent no briefs."
    />
  );
}

export function DeclineReasonsTable({ data, rangeSlug }: TableProps) {
  const total = data.operations.declineReasons.reduce((sum, row) => sum + row.count, 0);
  const columns: Column<DeclineRow>[] = [
    { key: "reason", label: "Decline reason", value: (row) => declineReasonLabel(row.reason) },
    { key: "count", label: "Declines", value: (row) => row.count, numeric: true },
    { key: "share", label: "Share of declines", value: (row) => (total > 0 ? row.count / total : null), format: percent, numeric: true },
    { key: "offerShare", label: "Share of offers", value: (row) => (data.operations.offers > 0 ? row.count / data.operations.offers : null), format: percent, numeric: true },
  ];

  return (
    <DataTable
      caption="Declines by reason"
      columns={columns}
      rows={data.operations.declineReasons}
      rowKey={(row) => row.reason}
      initialSort={{ key: "count", direction: "descending" }}
      csvFileName={`decline-reasons-${rangeSlug}.csv`}
      emptyText="No offer was declined in this range."
    />
  );
}

export function RatingsTable({ data, rangeSlug }: TableProps) {
  const { count, distribution } = data.operations.ratings;
  // Every rating from 1 to 5 gets a row, so a missing rating reads as zero reviews.
  const rows: RatingRow[] = [1, 2, 3, 4, 5].map((rating) => {
    const reviews = distribution.find((row) => row.rating === rating)?.count ?? 0;

    return { rating, count: reviews, share: count > 0 ? reviews / count : null };
  });

  return (
    <DataTable
      caption="Approval ratings"
      columns={RATING_COLUMNS}
      rows={rows}
      rowKey={(row) => String(row.rating)}
      initialSort={{ key: "rating", direction: "descending" }}
      csvFileName={`ratings-${rangeSlug}.csv`}
      emptyText="No rating in this range."
    />
  );
}

export function TrendsTable({ data, rangeSlug }: TableProps) {
  return (
    <DataTable
      caption="Weekly trends"
      columns={TREND_COLUMNS}
      rows={data.trends}
      rowKey={(row) => row.week}
      initialSort={{ key: "week", direction: "ascending" }}
      csvFileName={`weekly-trends-${rangeSlug}.csv`}
      emptyText="No weeks in this range."
    />
  );
}
