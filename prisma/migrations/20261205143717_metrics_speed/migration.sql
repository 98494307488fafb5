-- Indexes and task milestone columns for the admin metrics queries.

-- AlterTable
ALTER TABLE "tasks" ADD COLUMN "first_offer_at" TIMESTAMPTZ(3),
ADD COLUMN "first_accepted_at" TIMESTAMPTZ(3),
ADD COLUMN "first_entry_started_at" TIMESTAMPTZ(3);

-- DropIndex
DROP INDEX "time_entries_task_id_idx";

-- CreateIndex
CREATE INDEX "time_entries_task_id_started_at_idx" ON "time_entries"("task_id", "started_at");

-- CreateIndex
CREATE INDEX "time_entries_ended_at_totals_idx" ON "time_entries"("ended_at", "seconds", "covered_by_platform", "stop_cause");

-- CreateIndex
CREATE INDEX "assignments_task_id_accepted_at_idx" ON "assignments"("task_id", "accepted_at");

-- CreateIndex
CREATE INDEX "assignments_accepted_at_idx" ON "assignments"("accepted_at");

-- CreateIndex
CREATE INDEX "tasks_created_at_idx" ON "tasks"("created_at");

-- CreateIndex
CREATE INDEX "client_accounts_trial_started_at_idx" ON "client_accounts"("trial_started_at");


-- Objects that schema.prisma cannot express.

-- Trial time per client and assistant, for the funnel's "trial used" step
-- and the per-assistant conversion rate. The platform covers only each
-- client's trial allowance (60 minutes by default), so this index stays small.
CREATE INDEX "time_entries_trial_by_client" ON "time_entries"("client_id", "assistant_id", "seconds") WHERE "covered_by_platform";

-- A task's milestone columns hold the earliest offers.created_at,
-- assignments.accepted_at and time_entries.started_at of the task, so the
-- speed medians read one row per task. The triggers below recompute them
-- whenever a row of those tables is inserted, deleted, moved to another task
-- or given another instant, in the same transaction as the change. The
-- MATERIALIZED CTE computes each MIN once, and tasks whose milestones did
-- not change are not rewritten.
CREATE FUNCTION "refresh_task_milestones"(task_ids TEXT[]) RETURNS void
LANGUAGE sql AS $$
  WITH milestones AS MATERIALIZED (
    SELECT
      ids.id,
      (SELECT MIN(o."created_at") FROM "offers" o WHERE o."task_id" = ids.id) AS first_offer_at,
      (SELECT MIN(a."accepted_at") FROM "assignments" a WHERE a."task_id" = ids.id) AS first_accepted_at,
      (SELECT MIN(e."started_at") FROM "time_entries" e WHERE e."task_id" = ids.id) AS first_entry_started_at
    FROM (SELECT DISTINCT unnest(task_ids) AS id) AS ids
  )
  UPDATE "tasks" AS t
  SET "first_offer_at" = m.first_offer_at,
      "first_accepted_at" = m.first_accepted_at,
      "first_entry_started_at" = m.first_entry_started_at
  FROM milestones AS m
  WHERE t."id" = m.id
    AND (t."first_offer_at", t."first_accepted_at", t."first_entry_started_at")
      IS DISTINCT FROM (m.first_offer_at, m.first_accepted_at, m.first_entry_started_at)
$$;

-- Statement-level, so a bulk insert refreshes each task once.
CREATE FUNCTION "refresh_task_milestones_after_insert"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "refresh_task_milestones"(ARRAY(SELECT DISTINCT "task_id" FROM inserted_rows));
  RETURN NULL;
END
$$;

CREATE FUNCTION "refresh_task_milestones_after_delete"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "refresh_task_milestones"(ARRAY(SELECT DISTINCT "task_id" FROM deleted_rows));
  RETURN NULL;
END
$$;

-- Row-level with a WHEN clause, so stopping a timer (which sets ended_at)
-- does not refresh anything.
CREATE FUNCTION "refresh_task_milestones_after_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "refresh_task_milestones"(ARRAY[OLD."task_id", NEW."task_id"]);
  RETURN NULL;
END
$$;

CREATE TRIGGER "offers_refresh_task_milestones_insert" AFTER INSERT ON "offers"
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION "refresh_task_milestones_after_insert"();
CREATE TRIGGER "offers_refresh_task_milestones_delete" AFTER DELETE ON "offers"
  REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION "refresh_task_milestones_after_delete"();
CREATE TRIGGER "offers_refresh_task_milestones_update" AFTER UPDATE OF "task_id", "created_at" ON "offers"
  FOR EACH ROW WHEN (OLD."task_id" IS DISTINCT FROM NEW."task_id" OR OLD."created_at" IS DISTINCT FROM NEW."created_at")
  EXECUTE FUNCTION "refresh_task_milestones_after_update"();

CREATE TRIGGER "assignments_refresh_task_milestones_insert" AFTER INSERT ON "assignments"
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION "refresh_task_milestones_after_insert"();
CREATE TRIGGER "assignments_refresh_task_milestones_delete" AFTER DELETE ON "assignments"
  REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION "refresh_task_milestones_after_delete"();
CREATE TRIGGER "assignments_refresh_task_milestones_update" AFTER UPDATE OF "task_id", "accepted_at" ON "assignments"
  FOR EACH ROW WHEN (OLD."task_id" IS DISTINCT FROM NEW."task_id" OR OLD."accepted_at" IS DISTINCT FROM NEW."accepted_at")
  EXECUTE FUNCTION "refresh_task_milestones_after_update"();

CREATE TRIGGER "time_entries_refresh_task_milestones_insert" AFTER INSERT ON "time_entries"
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION "refresh_task_milestones_after_insert"();
CREATE TRIGGER "time_entries_refresh_task_milestones_delete" AFTER DELETE ON "time_entries"
  REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION "refresh_task_milestones_after_delete"();
CREATE TRIGGER "time_entries_refresh_task_milestones_update" AFTER UPDATE OF "task_id", "started_at" ON "time_entries"
  FOR EACH ROW WHEN (OLD."task_id" IS DISTINCT FROM NEW."task_id" OR OLD."started_at" IS DISTINCT FROM NEW."started_at")
  EXECUTE FUNCTION "refresh_task_milestones_after_update"();

-- Existing tasks.
SELECT "refresh_task_milestones"(ARRAY(SELECT "id" FROM "tasks"));
