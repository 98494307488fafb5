/**
 * Measures each admin dashboard query on 100,000 tasks and 1,000,000 time
 * entries spread over a year. Prints one `<name>: <number> ms` line per
 * query with its median over several runs.
 */
import { performance } from "node:perf_hooks";

import { conversionRates } from "../../server/metrics/conversion-rates";
import { trialFunnel } from "../../server/metrics/funnel";
import { operations, speedMedians, weeklyTrends } from "../../server/metrics/operations";
import { median, openScratchDatabase } from "./scratch-database";

const CLIENTS = 10_000;
const ASSISTANTS = 1_000;
const TASKS = 100_000;
const ENTRIES_PER_TASK = 10;
const RUNS = 5;

const database = await openScratchDatabase();
console.log(`Benchmarking metrics queries on ${database.label}`);
try {
  const started = performance.now();
  // The task milestone triggers are off during the bulk inserts, because each insert statement would refresh
  // every task it touches. One refresh of all tasks afterwards gives the same milestones.
  await database.withConnection(async (sql) => {
    await sql.exec(`
      INSERT INTO skills (id, slug, name, category)
      SELECT 'skill-' || n, 'skill-' || n, 'Skill ' || n, 'Bench' FROM generate_series(1, 24) AS n;
      INSERT INTO plans (code, name, seconds_per_cycle, sort_order) VALUES ('starter', 'Starter', 18000, 1);

      INSERT INTO users (id, email, name, role, time_zone, updated_at)
      SELECT 'assistant-user-' || n, 'assistant-' || n || '@bench.test', 'Assistant ' || n, 'assistant', 'UTC', now() FROM generate_series(1, ${ASSISTANTS}) AS n;
      INSERT INTO assistant_profiles (id, user_id, time_zone, capacity) SELECT 'assistant-' || n, 'assistant-user-' || n, 'UTC', 3 FROM generate_series(1, ${ASSISTANTS}) AS n;

      INSERT INTO users (id, email, name, role, time_zone, updated_at)
      SELECT 'client-user-' || n, 'client-' || n || '@bench.test', 'Client ' || n, 'client', 'UTC', now() FROM generate_series(1, ${CLIENTS}) AS n;
      INSERT INTO client_accounts (id, user_id, company_name, time_zone, trial_started_at, trial_seconds, updated_at)
      SELECT 'client-' || n, 'client-user-' || n, 'Client ' || n, 'UTC', timestamptz '2026-01-01' + (n % 365) * interval '1 day', 3600, now()
      FROM generate_series(1, ${CLIENTS}) AS n;

      INSERT INTO tasks (id, client_id, title, description, reference_links, preference, status, created_at, updated_at, completed_at)
      SELECT 'task-' || n, 'client-' || (1 + n % ${CLIENTS}), 'Task ' || n, 'Benchmark task', '{}', 'anyone',
        (CASE WHEN n % 10 = 0 THEN 'unrouted' ELSE 'completed' END)::"TaskStatus",
        timestamptz '2026-01-02' + (n % 360) * interval '1 day', now(),
        CASE WHEN n % 10 = 0 THEN NULL ELSE timestamptz '2026-01-03' + (n % 360) * interval '1 day' END
      FROM generate_series(1, ${TASKS}) AS n;
      INSERT INTO task_skills (task_id, skill_id) SELECT 'task-' || n, 'skill-' || (1 + n % 24) FROM generate_series(1, ${TASKS}) AS n;

      ALTER TABLE offers DISABLE TRIGGER USER;
      ALTER TABLE assignments DISABLE TRIGGER USER;
      ALTER TABLE time_entries DISABLE TRIGGER USER;

      INSERT INTO offers (id, task_id, assistant_id, wave, status, end_reason, decline_reason, client_on_trial, score, score_breakdown, created_at, expires_at, responded_at)
      SELECT 'offer-' || n, 'task-' || n, 'assistant-' || (1 + n % ${ASSISTANTS}), 1,
        (CASE WHEN n % 10 = 0 THEN 'declined' ELSE 'accepted' END)::"OfferStatus",
        (CASE WHEN n % 10 = 0 THEN 'declined' ELSE 'accepted' END)::"OfferEndReason",
        (CASE WHEN n % 10 = 0 THEN 'no_capacity' ELSE NULL END)::"DeclineReason",
        true, 0.5, '{}', timestamptz '2026-01-02' + (n % 360) * interval '1 day' + interval '1 minute',
        timestamptz '2026-01-02' + (n % 360) * interval '1 day' + interval '16 minutes',
        timestamptz '2026-01-02' + (n % 360) * interval '1 day' + interval '5 minutes'
      FROM generate_series(1, ${TASKS}) AS n;
      INSERT INTO assignments (id, task_id, assistant_id, offer_id, accepted_at, start_by, start_reminder_at, first_started_at, ended_at, end_reason)
      SELECT 'assignment-' || n, 'task-' || n, 'assistant-' || (1 + n % ${ASSISTANTS}), 'offer-' || n,
        timestamptz '2026-01-02' + (n % 360) * interval '1 day' + interval '5 minutes',
        timestamptz '2026-01-02' + (n % 360) * interval '1 day' + interval '20 minutes',
        timestamptz '2026-01-02' + (n % 360) * interval '1 day' + interval '12 minutes',
        timestamptz '2026-01-02' + (n % 360) * interval '1 day' + interval '10 minutes',
        timestamptz '2026-01-03' + (n % 360) * interval '1 day', 'completed'
      FROM generate_series(1, ${TASKS}) AS n WHERE n % 10 <> 0;

      INSERT INTO time_entries (id, task_id, assistant_id, client_id, started_at, ended_at, seconds, covered_by_platform)
      SELECT 'entry-' || t || '-' || k, 'task-' || t, 'assistant-' || (1 + t % ${ASSISTANTS}), 'client-' || (1 + t % ${CLIENTS}),
        timestamptz '2026-01-02' + (t % 360) * interval '1 day' + k * interval '20 minutes',
        timestamptz '2026-01-02' + (t % 360) * interval '1 day' + k * interval '20 minutes' + interval '15 minutes',
        900, k = 0
      FROM generate_series(1, ${TASKS}) AS t, generate_series(0, ${ENTRIES_PER_TASK - 1}) AS k;

      INSERT INTO reviews (id, task_id, delivery_id, decision, rating, created_at)
      SELECT 'review-' || n, 'task-' || n, 'delivery-' || n, 'approved', 1 + n % 5, timestamptz '2026-01-03' + (n % 360) * interval '1 day'
      FROM generate_series(1, 0) AS n;

      INSERT INTO conversions (id, client_id, plan_code, converted_at, trial_started_at, trial_seconds_used)
      SELECT 'conversion-' || n, 'client-' || n, 'starter', timestamptz '2026-01-10' + (n % 350) * interval '1 day', timestamptz '2026-01-01' + (n % 365) * interval '1 day', 3600
      FROM generate_series(1, ${CLIENTS}, 3) AS n;
      INSERT INTO conversion_credits (conversion_id, assistant_id, trial_seconds, share)
      SELECT 'conversion-' || n, 'assistant-' || (1 + n % ${ASSISTANTS}), 3600, 1 FROM generate_series(1, ${CLIENTS}, 3) AS n;

      ALTER TABLE offers ENABLE TRIGGER USER;
      ALTER TABLE assignments ENABLE TRIGGER USER;
      ALTER TABLE time_entries ENABLE TRIGGER USER;
      SELECT refresh_task_milestones(ARRAY(SELECT id FROM tasks));
    `);
    // VACUUM sets the visibility map, as autovacuum does on a live database, so index-only scans can skip the heap.
    await sql.exec("VACUUM ANALYZE");
  });
  console.log(`Seeded ${TASKS} tasks and ${TASKS * ENTRIES_PER_TASK} time entries in ${((performance.now() - started) / 1000).toFixed(0)} s.`);

  const range = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-04-26T00:00:00Z") };
  const queries: Array<[string, () => Promise<unknown>]> = [
    ["funnel", () => trialFunnel(database.prisma, range)],
    ["conversion-rates", () => conversionRates(database.prisma, range)],
    ["speed-medians", () => speedMedians(database.prisma, range)],
    ["operations", () => operations(database.prisma, range)],
    ["weekly-trends", () => weeklyTrends(database.prisma, range)],
  ];
  for (const [name, run] of queries) {
    await run();
    const timings: number[] = [];
    for (let index = 0; index < RUNS; index += 1) {
      const start = performance.now();
      await run();
      timings.push(performance.now() - start);
    }
    console.log(`${name}: ${median(timings).toFixed(1)} ms`);
  }
} finally {
  await database.close();
}
