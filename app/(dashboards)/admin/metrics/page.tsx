import type { Metadata } from "next";

import { requireRole } from "~/server/auth/guard";

import { MetricsDashboard } from "./metrics-dashboard";
import { defaultDateRange, parseDate } from "./range";

export const metadata: Metadata = { title: "Metrics" };

interface MetricsPageProps {
  searchParams: Promise<{ from?: string | string[]; to?: string | string[] }>;
}

/** Keeps a date from the address when it is a real YYYY-MM-DD date. */
function dateParam(value: string | string[] | undefined): string | null {
  return typeof value === "string" && parseDate(value) ? value : null;
}

export default async function MetricsPage({ searchParams }: MetricsPageProps) {
  await requireRole("admin");
  const params = await searchParams;
  const defaults = defaultDateRange(new Date());
  const initialRange = { from: dateParam(params.from) ?? defaults.from, to: dateParam(params.to) ?? defaults.to };

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Metrics</h1>
        <p className="text-slate-700">Trial conversion and operations for a date range. Dates and weeks are in UTC.</p>
      </div>
      <MetricsDashboard initialRange={initialRange} />
    </div>
  );
}
