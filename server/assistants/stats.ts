import type { Db } from "../db/client";
import { getSettings } from "../settings";
import { startOfLocalDay, wallClock } from "../time/zoned";

export type ConversionStanding = "meets_bar" | "below_bar" | "not_enough_data";

export interface AssistantStats {
  conversion: {
    /** Trial clients for whom the assistant logged time covered by the platform. */
    trialClients: number;
    /** Those of them who converted with a share credited to this assistant. */
    convertedClients: number;
    /** The sum of this assistant's shares of those conversions, rounded to two decimals. */
    credited: number;
    /** Credited conversions per trial client, or null while the sample is smaller than the bar's size. */
    rate: number | null;
    /** The bar is one conversion in this many trial clients, which is also the smallest sample rated. */
    barTrialClients: number;
    standing: ConversionStanding;
  };
  offers: {
    accepted: number;
    declined: number;
    expired: number;
    /** Accepted offers over accepted, declined and expired ones. Pending and withdrawn offers do not count. */
    acceptanceRate: number | null;
    medianSecondsToAccept: number | null;
  };
  lapses: {
    total: number;
    /** Lapses inside the window that counts toward a block. */
    recent: number;
    windowSeconds: number;
    /** Lapses inside the window that block new offers for `blockSeconds`. */
    toBlock: number;
    blockSeconds: number;
  };
  ratings: { average: number | null; count: number };
  thisMonth: {
    /** Seconds logged since the first instant of this calendar month in the assistant's time zone, running timer included. */
    seconds: number;
    monthStart: Date;
    timeZone: string;
  };
}

interface ConversionRow {
  trial_clients: number;
  converted_clients: number;
  credited: number;
}

interface OfferRow {
  accepted: number;
  declined: number;
  expired: number;
  median_to_accept: number | null;
}

interface WorkRow {
  lapses: number;
  recent_lapses: number;
  rating_count: number;
  rating_average: number | null;
  month_seconds: number;
}

/** Rounds a ratio to four decimals, or returns null when the denominator is zero. */
function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null;
}

/** First instant of the calendar month that contains `now` in `timeZone`. */
function startOfLocalMonth(now: Date, timeZone: string): Date {
  const local = wallClock(now, timeZone);

  return startOfLocalDay({ year: local.year, month: local.month, day: 1 }, timeZone);
}

/**
 * Compares credited conversions with the bar of one in `barTrialClients`.
 * The comparison uses the unrounded sum, so exactly one in three meets a
 * bar of one in three.
 */
function standingOf(credited: number, trialClients: number, barTrialClients: number): ConversionStanding {
  if (trialClients < barTrialClients) {
    return "not_enough_data";
  }
  // Shares are floats, so three shares of one third may sum to a hair under 1.
  const tolerance = 1e-9;

  return credited * barTrialClients + tolerance >= trialClients ? "meets_bar" : "below_bar";
}

/**
 * Computes one assistant's figures, each aggregated in SQL over that
 * assistant's rows only: trial conversion against the platform's bar,
 * offers, lapses, ratings and the time logged this month.
 */
export async function assistantStats(db: Db, assistantId: string, now: Date): Promise<AssistantStats> {
  const settings = await getSettings(db);
  const profile = await db.assistantProfile.findUniqueOrThrow({ where: { id: assistantId }, select: { timeZone: true } });
  const monthStart = startOfLocalMonth(now, profile.timeZone);
  const lapseWindowStart = new Date(now.getTime() - settings.lapseWindowSeconds * 1000);

  const [conversion] = await db.$queryRaw<ConversionRow[]>`
    WITH served AS (
      SELECT DISTINCT client_id FROM time_entries WHERE assistant_id = ${assistantId} AND covered_by_platform
    )
    SELECT
      COUNT(*)::int AS trial_clients,
      COUNT(cc.conversion_id)::int AS converted_clients,
      COALESCE(SUM(cc.share), 0)::float8 AS credited
    FROM served
    LEFT JOIN conversions cv ON cv.client_id = served.client_id
    LEFT JOIN conversion_credits cc ON cc.conversion_id = cv.id AND cc.assistant_id = ${assistantId}`;

  const [offers] = await db.$queryRaw<OfferRow[]>`
    SELECT
      COUNT(*) FILTER (WHERE status = 'accepted')::int AS accepted,
      COUNT(*) FILTER (WHERE status = 'declined')::int AS declined,
      COUNT(*) FILTER (WHERE status = 'expired')::int AS expired,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM responded_at - created_at)) FILTER (WHERE status = 'accepted'))::float8 AS median_to_accept
    FROM offers
    WHERE assistant_id = ${assistantId} AND created_at <= ${now}`;

  const [work] = await db.$queryRaw<WorkRow[]>`
    SELECT
      (SELECT COUNT(*)::int FROM lapses WHERE assistant_id = ${assistantId} AND occurred_at <= ${now}) AS lapses,
      (SELECT COUNT(*)::int FROM lapses WHERE assistant_id = ${assistantId} AND occurred_at > ${lapseWindowStart} AND occurred_at <= ${now}) AS recent_lapses,
      (SELECT COUNT(*)::int FROM reviews r JOIN deliveries d ON d.id = r.delivery_id
        WHERE d.assistant_id = ${assistantId} AND r.decision = 'approved' AND r.rating IS NOT NULL) AS rating_count,
      (SELECT AVG(r.rating)::float8 FROM reviews r JOIN deliveries d ON d.id = r.delivery_id
        WHERE d.assistant_id = ${assistantId} AND r.decision = 'approved' AND r.rating IS NOT NULL) AS rating_average,
      (SELECT COALESCE(SUM(EXTRACT(EPOCH FROM LEAST(COALESCE(ended_at, ${now}), ${now}) - GREATEST(started_at, ${monthStart}))), 0)::float8
        FROM time_entries
        WHERE assistant_id = ${assistantId} AND started_at < ${now} AND COALESCE(ended_at, ${now}) > ${monthStart}) AS month_seconds`;

  const trialClients = conversion?.trial_clients ?? 0;
  const credited = conversion?.credited ?? 0;
  const barTrialClients = settings.conversionBarTrialClients;
  const standing = standingOf(credited, trialClients, barTrialClients);
  const accepted = offers?.accepted ?? 0;
  const declined = offers?.declined ?? 0;
  const expired = offers?.expired ?? 0;
  const median = offers?.median_to_accept ?? null;
  const average = work?.rating_average ?? null;

  return {
    conversion: {
      trialClients,
      convertedClients: conversion?.converted_clients ?? 0,
      credited: Math.round(credited * 100) / 100,
      rate: standing === "not_enough_data" ? null : ratio(credited, trialClients),
      barTrialClients,
      standing,
    },
    offers: {
      accepted,
      declined,
      expired,
      acceptanceRate: ratio(accepted, accepted + declined + expired),
      medianSecondsToAccept: median === null ? null : Math.round(median),
    },
    lapses: { total: work?.lapses ?? 0, recent: work?.recent_lapses ?? 0, windowSeconds: settings.lapseWindowSeconds, toBlock: settings.lapsesToBlock, blockSeconds: settings.blockSeconds },
    ratings: { average: average === null ? null : Math.round(average * 100) / 100, count: work?.rating_count ?? 0 },
    thisMonth: { seconds: Math.floor(work?.month_seconds ?? 0), monthStart, timeZone: profile.timeZone },
  };
}
