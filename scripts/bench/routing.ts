/**
 * Measures how long choosing one wave of offers takes with 10,000
 * assistants: the eligibility query plus the ranking, for a brief needing
 * one to three skills. Prints the median as `<number> ms` on the last line.
 */
import { performance } from "node:perf_hooks";

import { findEligibleAssistants } from "../../server/routing/eligibility";
import { rankCandidates } from "../../server/routing/ranking";
import { defaultSettings } from "../../server/settings";
import { median, openScratchDatabase } from "./scratch-database";

const ASSISTANTS = 10_000;
const SKILLS = 24;
const TASKS = 60;

const database = await openScratchDatabase();
console.log(`Benchmarking wave selection on ${database.label}`);
try {
  const now = new Date("2027-03-01T12:00:00Z");
  await database.withConnection(async (sql) => {
    await sql.exec(`
      INSERT INTO skills (id, slug, name, category)
      SELECT 'skill-' || n, 'skill-' || n, 'Skill ' || n, 'Bench' FROM generate_series(1, ${SKILLS}) AS n;

      INSERT INTO users (id, email, name, role, time_zone, updated_at)
      SELECT 'user-' || n, 'assistant-' || n || '@bench.test', 'Assistant ' || n, 'assistant', 'UTC', now() FROM generate_series(1, ${ASSISTANTS}) AS n;

      INSERT INTO assistant_profiles (id, user_id, time_zone, capacity, available, last_offered_at)
      SELECT 'assistant-' || n, 'user-' || n,
        (ARRAY['UTC', 'Europe/London', 'America/New_York', 'Asia/Manila', 'Australia/Sydney'])[1 + n % 5],
        3, n % 10 <> 0, now() - (n % 72) * interval '1 hour'
      FROM generate_series(1, ${ASSISTANTS}) AS n;

      -- Each assistant has four to seven skills, spread evenly.
      INSERT INTO assistant_skills (assistant_id, skill_id)
      SELECT DISTINCT 'assistant-' || n, 'skill-' || (1 + (n * 7 + k * 5) % ${SKILLS})
      FROM generate_series(1, ${ASSISTANTS}) AS n, generate_series(0, 3 + n % 4) AS k;

      INSERT INTO users (id, email, name, role, time_zone, updated_at) VALUES ('client-user', 'client@bench.test', 'Client', 'client', 'UTC', now());
      INSERT INTO client_accounts (id, user_id, company_name, time_zone, trial_started_at, trial_seconds, updated_at)
      VALUES ('client', 'client-user', 'Bench Ltd', 'UTC', now(), 3600, now());

      INSERT INTO tasks (id, client_id, title, description, reference_links, preference, status, updated_at, created_at)
      SELECT 'task-' || n, 'client', 'Task ' || n, 'Benchmark task', '{}', 'anyone', 'routing', now(), now() - interval '30 days'
      FROM generate_series(1, ${TASKS}) AS n;

      INSERT INTO task_skills (task_id, skill_id)
      SELECT DISTINCT 'task-' || n, 'skill-' || (1 + (n * 3 + k * 11) % ${SKILLS})
      FROM generate_series(1, ${TASKS}) AS n, generate_series(0, n % 3) AS k;

      -- Offer history: five past offers per assistant, some declined, for the ranking's history factors.
      INSERT INTO offers (id, task_id, assistant_id, wave, status, end_reason, decline_reason, client_on_trial, score, score_breakdown, created_at, expires_at)
      SELECT 'offer-' || n || '-' || k, 'task-' || (1 + (n + k) % ${TASKS}), 'assistant-' || n, 1,
        (CASE WHEN k = 0 THEN 'declined' ELSE 'expired' END)::"OfferStatus",
        (CASE WHEN k = 0 THEN 'declined' ELSE 'expired' END)::"OfferEndReason",
        (CASE WHEN k = 0 THEN 'not_interested' ELSE NULL END)::"DeclineReason",
        true, 0.5, '{}', now() - interval '10 days', now() - interval '10 days' + interval '15 minutes'
      FROM generate_series(1, ${ASSISTANTS}) AS n, generate_series(0, 4) AS k
      ON CONFLICT DO NOTHING;
    `);
    await sql.exec("ANALYZE");
  });
  console.log(`Seeded ${ASSISTANTS} assistants, ${SKILLS} skills and ${TASKS} tasks.`);

  const historySince = new Date(now.getTime() - defaultSettings.routingHistorySeconds * 1000);
  const timings: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    for (let index = 1; index <= TASKS; index += 1) {
      const taskId = `task-${index}`;
      const started = performance.now();
      const candidates = await findEligibleAssistants(database.prisma, { taskId, clientId: "client", audience: "pool", onlyNewToClient: false, now, historySince });
      const requiredSkillCount = (index % 3) + 1;
      rankCandidates(candidates, { requiredSkillCount, dueAt: null, clientOnTrial: true, now, weights: defaultSettings.routingWeights }).slice(0, defaultSettings.offerWaveSize);
      if (round > 0) {
        timings.push(performance.now() - started);
      }
    }
  }
  console.log(`Choosing a wave: ${timings.length} samples after one warm-up round.`);
  console.log(`${median(timings).toFixed(1)} ms`);
} finally {
  await database.close();
}
