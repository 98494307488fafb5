"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

import { formatHours } from "../_components/format";
import type { MetricsDashboardData } from "../_components/router-outputs";
import { weekLabel } from "./metric-tables";

type Trend = MetricsDashboardData["trends"][number];

// Tailwind's indigo-600, emerald-600 and amber-600, which keep a 3:1 contrast with white.
const INDIGO = "#4f46e5";
const EMERALD = "#059669";
const AMBER = "#d97706";
const CHART_STYLE = { width: "100%", height: 240 };

function peakOf(trends: Trend[], pick: (trend: Trend) => number): Trend | null {
  return trends.reduce<Trend | null>((best, trend) => (best === null || pick(trend) > pick(best) ? trend : best), null);
}

/** Summarises the hours chart in one sentence, which is its text alternative with the table below it. */
function hoursSummary(trends: Trend[]): string {
  const total = trends.reduce((sum, trend) => sum + trend.hoursDelivered, 0);
  const peak = peakOf(trends, (trend) => trend.hoursDelivered);
  if (!peak || total === 0) {
    return "No hours were delivered in these weeks.";
  }

  return `${formatHours(Math.round(total * 100) / 100)} delivered over ${trends.length} weeks; the most, ${formatHours(peak.hoursDelivered)}, in the week of ${weekLabel(peak.week)}.`;
}

function growthSummary(trends: Trend[]): string {
  const signups = trends.reduce((sum, trend) => sum + trend.signups, 0);
  const conversions = trends.reduce((sum, trend) => sum + trend.conversions, 0);
  const peak = peakOf(trends, (trend) => trend.signups);
  if (!peak || signups + conversions === 0) {
    return "No sign-ups or conversions in these weeks.";
  }

  return `${signups} trial sign-ups and ${conversions} conversions over ${trends.length} weeks; the most sign-ups, ${peak.signups}, in the week of ${weekLabel(peak.week)}.`;
}

/**
 * Renders charts of weekly hours delivered, and of sign-ups and
 * conversions. Each chart is one image to assistive technology, named by
 * its caption, which summarises it. The weekly trends table lists every value.
 */
export function TrendCharts({ trends }: { trends: Trend[] }) {
  const data = trends.map((trend) => ({ ...trend, label: weekLabel(trend.week) }));

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <figure className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <figcaption>
          <span className="block font-semibold">Hours delivered per week</span>
          <span className="block text-sm text-slate-700">{hoursSummary(trends)}</span>
        </figcaption>
        <div role="img" aria-label="Bar chart of hours delivered per week. The weekly trends table lists the values.">
          <BarChart responsive style={CHART_STYLE} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(value) => formatHours(Number(value))} />
            <Bar dataKey="hoursDelivered" name="Hours delivered" fill={INDIGO} isAnimationActive={false} />
          </BarChart>
        </div>
      </figure>
      <figure className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <figcaption>
          <span className="block font-semibold">Sign-ups and conversions per week</span>
          <span className="block text-sm text-slate-700">{growthSummary(trends)}</span>
        </figcaption>
        <div role="img" aria-label="Line chart of trial sign-ups and conversions per week. The weekly trends table lists the values.">
          <LineChart responsive style={CHART_STYLE} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            <Line type="linear" dataKey="signups" name="Sign-ups" stroke={EMERALD} strokeWidth={2} isAnimationActive={false} />
            <Line type="linear" dataKey="conversions" name="Conversions" stroke={AMBER} strokeWidth={2} strokeDasharray="6 3" isAnimationActive={false} />
          </LineChart>
        </div>
      </figure>
    </div>
  );
}
