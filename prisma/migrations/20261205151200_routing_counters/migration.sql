-- Keeps four routing inputs on each assistant's profile row, so choosing a
-- wave reads them with the row instead of counting other tables for every
-- candidate: the number of skills, of open assignments on active tasks, of
-- clients they logged trial time for, and of conversions credited to them.
-- Statement-level triggers recount them in the same transaction as every
-- write to assistant_skills, assignments, tasks, time_entries or
-- conversion_credits, whichever code path makes it.

-- AlterTable
ALTER TABLE "assistant_profiles" ADD COLUMN "skill_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "open_assignments" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "trial_clients_served" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "trial_conversions" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "assistant_profiles_time_zone_idx" ON "assistant_profiles"("time_zone");

-- Deactivated users, which routing excludes with one lookup instead of reading every candidate's user row.
CREATE INDEX "users_inactive" ON "users"("id") WHERE NOT "active";

-- Trial time per assistant and client, so recounting served trial clients reads only trial entries.
CREATE INDEX "time_entries_trial_clients" ON "time_entries"("assistant_id", "client_id") WHERE "covered_by_platform";

-- Each recount writes only the profiles whose count changed, so a write that
-- leaves the count alone (a timer stop, say) takes no lock on the profile.
CREATE FUNCTION "recount_assistant_skills"(assistant_ids TEXT[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "assistant_profiles" AS ap
  SET "skill_count" = counted.count
  FROM (
    SELECT ids.id, (SELECT COUNT(*)::int FROM "assistant_skills" s WHERE s."assistant_id" = ids.id) AS count
    FROM unnest(assistant_ids) AS ids(id)
  ) AS counted
  WHERE ap."id" = counted.id AND ap."skill_count" <> counted.count;
$$;

-- The statuses are ACTIVE_TASK_STATUSES in server/routing/eligibility.ts.
CREATE FUNCTION "recount_open_assignments"(assistant_ids TEXT[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "assistant_profiles" AS ap
  SET "open_assignments" = counted.count
  FROM (
    SELECT ids.id, (
      SELECT COUNT(*)::int
      FROM "assignments" a
      JOIN "tasks" t ON t."id" = a."task_id"
      WHERE a."assistant_id" = ids.id AND a."ended_at" IS NULL AND t."status" IN ('assigned', 'in_progress', 'out_of_time')
    ) AS count
    FROM unnest(assistant_ids) AS ids(id)
  ) AS counted
  WHERE ap."id" = counted.id AND ap."open_assignments" <> counted.count;
$$;

CREATE FUNCTION "recount_trial_clients_served"(assistant_ids TEXT[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "assistant_profiles" AS ap
  SET "trial_clients_served" = counted.count
  FROM (
    SELECT ids.id, (SELECT COUNT(DISTINCT te."client_id")::int FROM "time_entries" te WHERE te."assistant_id" = ids.id AND te."covered_by_platform") AS count
    FROM unnest(assistant_ids) AS ids(id)
  ) AS counted
  WHERE ap."id" = counted.id AND ap."trial_clients_served" <> counted.count;
$$;

CREATE FUNCTION "recount_trial_conversions"(assistant_ids TEXT[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "assistant_profiles" AS ap
  SET "trial_conversions" = counted.count
  FROM (
    SELECT ids.id, (SELECT COUNT(*)::int FROM "conversion_credits" cc WHERE cc."assistant_id" = ids.id) AS count
    FROM unnest(assistant_ids) AS ids(id)
  ) AS counted
  WHERE ap."id" = counted.id AND ap."trial_conversions" <> counted.count;
$$;

SELECT "recount_assistant_skills"(ARRAY(SELECT "id" FROM "assistant_profiles"));
SELECT "recount_open_assignments"(ARRAY(SELECT "id" FROM "assistant_profiles"));
SELECT "recount_trial_clients_served"(ARRAY(SELECT "id" FROM "assistant_profiles"));
SELECT "recount_trial_conversions"(ARRAY(SELECT "id" FROM "assistant_profiles"));

-- The trigger functions read the transition tables that their event has:
-- new_rows on INSERT and UPDATE, old_rows on DELETE and UPDATE.
CREATE FUNCTION "assistant_skills_recount"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM "recount_assistant_skills"(ARRAY(SELECT DISTINCT "assistant_id" FROM new_rows));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM "recount_assistant_skills"(ARRAY(SELECT DISTINCT "assistant_id" FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION "assignments_recount"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM "recount_open_assignments"(ARRAY(SELECT DISTINCT "assistant_id" FROM new_rows));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM "recount_open_assignments"(ARRAY(SELECT DISTINCT "assistant_id" FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;

-- A task's status decides whether its open assignment counts, so a status
-- change recounts the assistant holding it. Deleting a task deletes its
-- assignments, which recount through their own trigger.
CREATE FUNCTION "tasks_recount"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "recount_open_assignments"(ARRAY(
    SELECT DISTINCT a."assistant_id"
    FROM new_rows n
    JOIN old_rows o ON o."id" = n."id"
    JOIN "assignments" a ON a."task_id" = n."id" AND a."ended_at" IS NULL
    WHERE n."status" IS DISTINCT FROM o."status"
  ));
  RETURN NULL;
END;
$$;

CREATE FUNCTION "time_entries_recount"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM "recount_trial_clients_served"(ARRAY(SELECT DISTINCT "assistant_id" FROM new_rows WHERE "covered_by_platform"));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM "recount_trial_clients_served"(ARRAY(SELECT DISTINCT "assistant_id" FROM old_rows WHERE "covered_by_platform"));
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION "conversion_credits_recount"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM "recount_trial_conversions"(ARRAY(SELECT DISTINCT "assistant_id" FROM new_rows));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM "recount_trial_conversions"(ARRAY(SELECT DISTINCT "assistant_id" FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "assistant_skills_recount_insert" AFTER INSERT ON "assistant_skills"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "assistant_skills_recount"();
CREATE TRIGGER "assistant_skills_recount_update" AFTER UPDATE ON "assistant_skills"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "assistant_skills_recount"();
CREATE TRIGGER "assistant_skills_recount_delete" AFTER DELETE ON "assistant_skills"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "assistant_skills_recount"();

CREATE TRIGGER "assignments_recount_insert" AFTER INSERT ON "assignments"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "assignments_recount"();
CREATE TRIGGER "assignments_recount_update" AFTER UPDATE ON "assignments"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "assignments_recount"();
CREATE TRIGGER "assignments_recount_delete" AFTER DELETE ON "assignments"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "assignments_recount"();

CREATE TRIGGER "tasks_recount_update" AFTER UPDATE ON "tasks"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tasks_recount"();

CREATE TRIGGER "time_entries_recount_insert" AFTER INSERT ON "time_entries"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "time_entries_recount"();
CREATE TRIGGER "time_entries_recount_update" AFTER UPDATE ON "time_entries"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "time_entries_recount"();
CREATE TRIGGER "time_entries_recount_delete" AFTER DELETE ON "time_entries"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "time_entries_recount"();

CREATE TRIGGER "conversion_credits_recount_insert" AFTER INSERT ON "conversion_credits"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "conversion_credits_recount"();
CREATE TRIGGER "conversion_credits_recount_update" AFTER UPDATE ON "conversion_credits"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "conversion_credits_recount"();
CREATE TRIGGER "conversion_credits_recount_delete" AFTER DELETE ON "conversion_credits"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "conversion_credits_recount"();
