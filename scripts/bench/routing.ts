/**
 * Measures how long choosing one wave of offers takes with 10,000
 * assistants, for briefs needing one to three skills. It times chooseWave,
 * the part of sendNextWave that locks the task, finds the eligible
 * assistants and ranks them, in a transaction as the app runs it. Prints the
 * median of sending whole waves (rolled back) first, and the median of
 * choosing a wave as `<number> ms` on the last line.
 */
import { performance } from "node:perf_hooks";

import { chooseWave, sendNextWave } from "../../server/routing/waves";
import { defaultSettings } from "../../server/settings";
import { median, openScratchDatabase } from "./scratch-database";

const ASSISTANTS = 10_000;
const SKILLS = 24;
const TASKS = 60;
const ROUNDS = 3;

/** Thrown to roll back a measured sendNextWave, so every round starts from the same data. */
class RollBack extends Error {}

const database = await openScratchDatabase();
console.log(`Benchmarking wave selection on ${database.label}`);
try {
  const now = new Date("2027-03-01T12:00:00Z");
  await database.withConnection(async (sql) => {
    await sql.exec(seedScript(now));
    await sql.exec("ANALYZE");
  });
  console.log(`Seeded ${ASSISTANTS} assistants, ${SKILLS} skills and ${TASKS} briefs to route.`);

  const choosing: number[] = [];
  const sending: number[] = [];
  const waveSizes = new Set<number>();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (let index = 1; index <= TASKS; index += 1) {
      const taskId = `task-${index}`;
      const started = performance.now();
      const choice = await database.prisma.$transaction((tx) => chooseWave(tx, taskId, now, defaultSettings));
      const chosenAt = performance.now();
      await database.prisma
        .$transaction(async (tx) => {
          await sendNextWave(tx, taskId, now, defaultSettings);
          throw new RollBack();
        })
        .catch((error: unknown) => {
          if (!(error instanceof RollBack)) {
            throw error;
          }
        });
      if (choice.kind !== "chosen") {
        throw new Error(`Task ${taskId} should have eligible assistants but chooseWave returned "${choice.kind}".`);
      }
      waveSizes.add(choice.ranked.length);
      if (round > 0) {
        choosing.push(chosenAt - started);
        sending.push(performance.now() - chosenAt);
      }
    }
  }
  console.log(`Wave sizes seen: ${[...waveSizes].join(", ")}.`);
  console.log(`Sending a wave (choice, offers and notifications, rolled back): ${median(sending).toFixed(1)} ms median.`);
  console.log(`Choosing a wave: ${choosing.length} samples after one warm-up round.`);
  console.log(`${median(choosing).toFixed(1)} ms`);
} finally {
  await database.close();
}

/**
 * Returns the SQL that seeds the scratch database, dated relative to `now`.
 * Assistants have four to seven skills, offer history inside the routing
 * window, and some have open work, lapses, trial time and conversion
 * credits. Between 800 and 3,000 assistants hold the skills of each brief to
 * route, and half of those briefs have a due date.
 */
function seedScript(now: Date): string {
  const at = `'${now.toISOString()}'::timestamptz`;

  return `
    INSERT INTO skills (id, slug, name, category)
    SELECT 'skill-' || n, 'skill-' || n, 'Skill ' || n, 'Bench' FROM generate_series(1, ${SKILLS}) AS n;

    INSERT INTO users (id, email, name, role, time_zone, updated_at)
    SELECT 'user-' || n, 'assistant-' || n || '@bench.test', 'Assistant ' || n, 'assistant', 'UTC', ${at} FROM generate_series(1, ${ASSISTANTS}) AS n;

    INSERT INTO assistant_profiles (id, user_id, time_zone, capacity, available, last_offered_at)
    SELECT 'assistant-' || n, 'user-' || n,
      (ARRAY['UTC', 'Europe/London', 'America/New_York', 'Asia/Manila', 'Australia/Sydney'])[1 + n % 5],
      3, n % 10 <> 0, ${at} - (n % 72) * interval '1 hour'
    FROM generate_series(1, ${ASSISTANTS}) AS n;

    -- Skills in steps of 5 from a start that varies by assistant, so briefs needing 2 or 3 skills in steps of 5 have candidates.
    INSERT INTO assistant_skills (assistant_id, skill_id)
    SELECT DISTINCT 'assistant-' || n, 'skill-' || (1 + (n * 7 + k * 5) % ${SKILLS})
    FROM generate_series(1, ${ASSISTANTS}) AS n, generate_series(0, 3 + n % 4) AS k;

    INSERT INTO plans (code, name, seconds_per_cycle, sort_order) VALUES ('standard', 'Standard', 36000, 1);
    INSERT INTO users (id, email, name, role, time_zone, updated_at)
    SELECT 'client-user-' || c, 'client-' || c || '@bench.test', 'Client ' || c, 'client', 'UTC', ${at} FROM generate_series(0, 50) AS c;
    INSERT INTO client_accounts (id, user_id, company_name, time_zone, trial_started_at, trial_seconds, updated_at)
    SELECT 'client-' || c, 'client-user-' || c, 'Bench ' || c, 'UTC', ${at} - interval '60 days', 3600, ${at} FROM generate_series(0, 50) AS c;

    -- The briefs to route, for trial client 0.
    INSERT INTO tasks (id, client_id, title, description, reference_links, due_at, preference, status, updated_at, created_at)
    SELECT 'task-' || n, 'client-0', 'Task ' || n, 'Benchmark task', '{}',
      CASE WHEN n % 2 = 0 THEN ${at} + (6 + n % 40) * interval '1 hour' END,
      'anyone', 'routing', ${at}, ${at}
    FROM generate_series(1, ${TASKS}) AS n;
    INSERT INTO task_skills (task_id, skill_id)
    SELECT DISTINCT 'task-' || n, 'skill-' || (1 + (n * 3 + k * 5) % ${SKILLS})
    FROM generate_series(1, ${TASKS}) AS n, generate_series(0, n % 3) AS k;

    -- Finished work of clients 1 to 50, one task each, for the history below.
    INSERT INTO tasks (id, client_id, title, description, reference_links, preference, status, updated_at, created_at)
    SELECT 'past-' || c, 'client-' || c, 'Past task ' || c, 'Benchmark task', '{}', 'anyone', 'completed', ${at}, ${at} - interval '50 days'
    FROM generate_series(1, 50) AS c;
    INSERT INTO task_skills (task_id, skill_id)
    SELECT 'past-' || c, 'skill-' || (1 + c % ${SKILLS}) FROM generate_series(1, 50) AS c;

    -- Five past offers per assistant on those tasks, 10 to 70 days ago: one declined, a quarter accepted once.
    INSERT INTO offers (id, task_id, assistant_id, wave, status, end_reason, decline_reason, client_on_trial, score, score_breakdown, created_at, expires_at)
    SELECT 'offer-' || n || '-' || k, 'past-' || (1 + (n + k) % 50), 'assistant-' || n, 1,
      (CASE WHEN k = 0 THEN 'declined' WHEN k = 1 AND n % 4 = 0 THEN 'accepted' ELSE 'expired' END)::"OfferStatus",
      (CASE WHEN k = 0 THEN 'declined' WHEN k = 1 AND n % 4 = 0 THEN 'accepted' ELSE 'expired' END)::"OfferEndReason",
      (CASE WHEN k = 0 THEN 'not_interested' ELSE NULL END)::"DeclineReason",
      true, 0.5, '{}', ${at} - (10 + k * 15) * interval '1 day', ${at} - (10 + k * 15) * interval '1 day' + interval '15 minutes'
    FROM generate_series(1, ${ASSISTANTS}) AS n, generate_series(0, 4) AS k;

    -- One task in progress for every third assistant.
    INSERT INTO tasks (id, client_id, title, description, reference_links, preference, status, updated_at, created_at)
    SELECT 'work-' || n, 'client-' || (1 + n % 50), 'Work ' || n, 'Benchmark task', '{}', 'anyone', 'in_progress', ${at}, ${at} - interval '1 day'
    FROM generate_series(3, ${ASSISTANTS}, 3) AS n;
    INSERT INTO assignments (id, task_id, assistant_id, accepted_at, start_by, start_reminder_at, first_started_at)
    SELECT 'work-' || n, 'work-' || n, 'assistant-' || n, ${at} - interval '1 day', ${at} - interval '1 day' + interval '15 minutes',
      ${at} - interval '1 day' + interval '7 minutes', ${at} - interval '1 day' + interval '5 minutes'
    FROM generate_series(3, ${ASSISTANTS}, 3) AS n;

    -- A lapse 20 days ago for every 25th assistant.
    INSERT INTO assignments (id, task_id, assistant_id, accepted_at, start_by, start_reminder_at, ended_at, end_reason)
    SELECT 'lapsed-' || n, 'past-' || (1 + n % 50), 'assistant-' || n, ${at} - interval '20 days', ${at} - interval '20 days' + interval '15 minutes',
      ${at} - interval '20 days' + interval '7 minutes', ${at} - interval '20 days' + interval '15 minutes', 'lapsed'
    FROM generate_series(25, ${ASSISTANTS}, 25) AS n;
    INSERT INTO lapses (id, assistant_id, task_id, assignment_id, occurred_at)
    SELECT 'lapse-' || n, 'assistant-' || n, 'past-' || (1 + n % 50), 'lapsed-' || n, ${at} - interval '20 days' + interval '15 minutes'
    FROM generate_series(25, ${ASSISTANTS}, 25) AS n;

    -- Trial time for two clients from every 7th assistant; each client converted and credited them.
    INSERT INTO time_entries (id, task_id, assistant_id, client_id, started_at, ended_at, seconds, covered_by_platform)
    SELECT 'trial-' || n || '-' || k, 'past-' || c, 'assistant-' || n, 'client-' || c,
      ${at} - interval '50 days', ${at} - interval '50 days' + interval '30 minutes', 1800, true
    FROM generate_series(7, ${ASSISTANTS}, 7) AS n, generate_series(0, 1) AS k, LATERAL (SELECT 1 + (n + k * 17) % 50 AS c) AS client;
    INSERT INTO conversions (id, client_id, plan_code, converted_at, trial_started_at, trial_seconds_used)
    SELECT 'conversion-' || c, 'client-' || c, 'standard', ${at} - interval '40 days', ${at} - interval '60 days', 3600 FROM generate_series(1, 50) AS c;
    INSERT INTO conversion_credits (conversion_id, assistant_id, trial_seconds, share)
    SELECT 'conversion-' || (1 + n % 50), 'assistant-' || n, 1800, 0.5 FROM generate_series(14, ${ASSISTANTS}, 14) AS n;
  `;
}
