-- CreateEnum
CREATE TYPE "Role" AS ENUM ('client', 'assistant', 'admin');

-- CreateEnum
CREATE TYPE "BriefPreference" AS ENUM ('primary', 'team', 'new', 'anyone');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('routing', 'unrouted', 'assigned', 'in_progress', 'out_of_time', 'in_review', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "FallThroughReason" AS ENUM ('primary_away', 'primary_at_capacity', 'primary_blocked', 'primary_lacks_skill', 'primary_declined', 'primary_expired', 'team_unavailable', 'team_declined', 'asked_for_team', 'asked_for_new');

-- CreateEnum
CREATE TYPE "OfferStatus" AS ENUM ('pending', 'accepted', 'declined', 'expired', 'withdrawn');

-- CreateEnum
CREATE TYPE "OfferEndReason" AS ENUM ('accepted', 'declined', 'expired', 'taken_by_another', 'assistant_blocked', 'assistant_deactivated', 'task_cancelled');

-- CreateEnum
CREATE TYPE "DeclineReason" AS ENUM ('not_interested', 'lacks_skill', 'no_capacity', 'other');

-- CreateEnum
CREATE TYPE "AssignmentEndReason" AS ENUM ('lapsed', 'reassigned', 'completed', 'cancelled', 'assistant_deactivated');

-- CreateEnum
CREATE TYPE "TimeEntrySource" AS ENUM ('timer', 'manual');

-- CreateEnum
CREATE TYPE "TimerStopCause" AS ENUM ('assistant', 'switched_task', 'balance_exhausted', 'task_limit_reached', 'watchdog', 'submitted', 'task_cancelled', 'task_reassigned');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('approved', 'changes_requested');

-- CreateEnum
CREATE TYPE "PurchaseKind" AS ENUM ('plan', 'top_up');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "password_hash" TEXT,
    "email_verified" TIMESTAMPTZ(3),
    "image" TEXT,
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "session_token" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification_tokens" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL
);

-- CreateTable
CREATE TABLE "client_accounts" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "company_name" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "trial_started_at" TIMESTAMPTZ(3) NOT NULL,
    "trial_seconds" INTEGER NOT NULL,
    "primary_assistant_id" TEXT,
    "standing_notes" TEXT NOT NULL DEFAULT '',
    "balance_exhausts_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "client_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_team_members" (
    "client_id" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "client_team_members_pkey" PRIMARY KEY ("client_id", "assistant_id")
);

-- CreateTable
CREATE TABLE "plans" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "seconds_per_cycle" INTEGER NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "plans_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "subscriptions" (
    "id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "plan_code" TEXT NOT NULL,
    "seconds_per_cycle" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "purchase_id" TEXT,
    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "top_ups" (
    "id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "seconds" INTEGER NOT NULL,
    "purchased_at" TIMESTAMPTZ(3) NOT NULL,
    "purchase_id" TEXT,
    CONSTRAINT "top_ups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "purchases" (
    "id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "kind" "PurchaseKind" NOT NULL,
    "plan_code" TEXT,
    "seconds" INTEGER NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_ref" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "purchases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversions" (
    "id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "plan_code" TEXT NOT NULL,
    "converted_at" TIMESTAMPTZ(3) NOT NULL,
    "trial_started_at" TIMESTAMPTZ(3) NOT NULL,
    "trial_seconds_used" INTEGER NOT NULL,
    CONSTRAINT "conversions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversion_credits" (
    "conversion_id" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "trial_seconds" INTEGER NOT NULL,
    "share" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "conversion_credits_pkey" PRIMARY KEY ("conversion_id", "assistant_id")
);

-- CreateTable
CREATE TABLE "budget_warnings" (
    "client_id" TEXT NOT NULL,
    "cycle_start" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "budget_warnings_pkey" PRIMARY KEY ("client_id", "cycle_start", "kind")
);

-- CreateTable
CREATE TABLE "skills" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    CONSTRAINT "skills_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assistant_profiles" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "available" BOOLEAN NOT NULL DEFAULT true,
    "away_until" TIMESTAMPTZ(3),
    "last_offered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "assistant_profiles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assistant_skills" (
    "assistant_id" TEXT NOT NULL,
    "skill_id" TEXT NOT NULL,
    CONSTRAINT "assistant_skills_pkey" PRIMARY KEY ("assistant_id", "skill_id")
);

-- CreateTable
CREATE TABLE "lapses" (
    "id" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "assignment_id" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "lapses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "blocks" (
    "id" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "lifted_at" TIMESTAMPTZ(3),
    "lifted_by_id" TEXT,
    "lift_reason" TEXT,
    CONSTRAINT "blocks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "reference_links" TEXT[] NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "time_limit_seconds" INTEGER,
    "preference" "BriefPreference" NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'routing',
    "fall_through_reason" "FallThroughReason",
    "current_wave" INTEGER NOT NULL DEFAULT 0,
    "reallocation_count" INTEGER NOT NULL DEFAULT 0,
    "limit_reached_at" TIMESTAMPTZ(3),
    "auto_approve_at" TIMESTAMPTZ(3),
    "review_reminders_sent" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_skills" (
    "task_id" TEXT NOT NULL,
    "skill_id" TEXT NOT NULL,
    CONSTRAINT "task_skills_pkey" PRIMARY KEY ("task_id", "skill_id")
);

-- CreateTable
CREATE TABLE "offers" (
    "id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "wave" INTEGER NOT NULL,
    "status" "OfferStatus" NOT NULL DEFAULT 'pending',
    "end_reason" "OfferEndReason",
    "decline_reason" "DeclineReason",
    "decline_note" TEXT,
    "client_on_trial" BOOLEAN NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "score_breakdown" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "responded_at" TIMESTAMPTZ(3),
    CONSTRAINT "offers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignments" (
    "id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "offer_id" TEXT,
    "accepted_at" TIMESTAMPTZ(3) NOT NULL,
    "start_by" TIMESTAMPTZ(3) NOT NULL,
    "start_reminder_at" TIMESTAMPTZ(3) NOT NULL,
    "reminder_sent_at" TIMESTAMPTZ(3),
    "first_started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" "AssignmentEndReason",
    CONSTRAINT "assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "time_entries" (
    "id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "assignment_id" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "seconds" INTEGER,
    "source" "TimeEntrySource" NOT NULL DEFAULT 'timer',
    "stop_cause" "TimerStopCause",
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "covered_by_platform" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "time_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "time_entry_corrections" (
    "id" TEXT NOT NULL,
    "entry_id" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "old_started_at" TIMESTAMPTZ(3),
    "old_ended_at" TIMESTAMPTZ(3),
    "new_started_at" TIMESTAMPTZ(3) NOT NULL,
    "new_ended_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "time_entry_corrections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "handoffs" (
    "id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "achieved" TEXT NOT NULL,
    "extra_minutes_needed" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    CONSTRAINT "handoffs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "links" TEXT[] NOT NULL,
    "time_log_confirmed" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reviews" (
    "id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "delivery_id" TEXT NOT NULL,
    "reviewer_id" TEXT,
    "decision" "ReviewDecision" NOT NULL,
    "rating" INTEGER,
    "comment" TEXT,
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_read_states" (
    "task_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "last_read_at" TIMESTAMPTZ(3) NOT NULL,
    "email_due_at" TIMESTAMPTZ(3),
    CONSTRAINT "task_read_states_pkey" PRIMARY KEY ("task_id", "user_id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "event_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "email_outbox" (
    "id" TEXT NOT NULL,
    "event_key" TEXT NOT NULL,
    "to_email" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "last_error" TEXT,
    "provider_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    CONSTRAINT "email_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" TEXT NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_id" TEXT,
    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_provider_provider_account_id_key" ON "accounts"("provider", "provider_account_id");

-- CreateIndex
CREATE INDEX "accounts_user_id_idx" ON "accounts"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_session_token_key" ON "sessions"("session_token");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "verification_tokens_identifier_token_key" ON "verification_tokens"("identifier", "token");

-- CreateIndex
CREATE UNIQUE INDEX "client_accounts_user_id_key" ON "client_accounts"("user_id");

-- CreateIndex
CREATE INDEX "client_accounts_balance_exhausts_at_idx" ON "client_accounts"("balance_exhausts_at");

-- CreateIndex
CREATE INDEX "client_team_members_assistant_id_idx" ON "client_team_members"("assistant_id");

-- CreateIndex
CREATE UNIQUE INDEX "subscriptions_purchase_id_key" ON "subscriptions"("purchase_id");

-- CreateIndex
CREATE INDEX "subscriptions_client_id_started_at_idx" ON "subscriptions"("client_id", "started_at");

-- CreateIndex
CREATE UNIQUE INDEX "top_ups_purchase_id_key" ON "top_ups"("purchase_id");

-- CreateIndex
CREATE INDEX "top_ups_client_id_purchased_at_idx" ON "top_ups"("client_id", "purchased_at");

-- CreateIndex
CREATE UNIQUE INDEX "purchases_idempotency_key_key" ON "purchases"("idempotency_key");

-- CreateIndex
CREATE INDEX "purchases_client_id_idx" ON "purchases"("client_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversions_client_id_key" ON "conversions"("client_id");

-- CreateIndex
CREATE INDEX "conversions_converted_at_idx" ON "conversions"("converted_at");

-- CreateIndex
CREATE INDEX "conversion_credits_assistant_id_idx" ON "conversion_credits"("assistant_id");

-- CreateIndex
CREATE UNIQUE INDEX "skills_slug_key" ON "skills"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "assistant_profiles_user_id_key" ON "assistant_profiles"("user_id");

-- CreateIndex
CREATE INDEX "assistant_skills_skill_id_idx" ON "assistant_skills"("skill_id");

-- CreateIndex
CREATE UNIQUE INDEX "lapses_assignment_id_key" ON "lapses"("assignment_id");

-- CreateIndex
CREATE INDEX "lapses_assistant_id_occurred_at_idx" ON "lapses"("assistant_id", "occurred_at");

-- CreateIndex
CREATE INDEX "blocks_assistant_id_ends_at_idx" ON "blocks"("assistant_id", "ends_at");

-- CreateIndex
CREATE INDEX "tasks_client_id_created_at_idx" ON "tasks"("client_id", "created_at");

-- CreateIndex
CREATE INDEX "tasks_status_idx" ON "tasks"("status");

-- CreateIndex
CREATE INDEX "tasks_auto_approve_at_idx" ON "tasks"("auto_approve_at");

-- CreateIndex
CREATE INDEX "tasks_limit_reached_at_idx" ON "tasks"("limit_reached_at");

-- CreateIndex
CREATE INDEX "task_skills_skill_id_idx" ON "task_skills"("skill_id");

-- CreateIndex
CREATE UNIQUE INDEX "offers_task_id_assistant_id_key" ON "offers"("task_id", "assistant_id");

-- CreateIndex
CREATE INDEX "offers_assistant_id_status_idx" ON "offers"("assistant_id", "status");

-- CreateIndex
CREATE INDEX "offers_status_expires_at_idx" ON "offers"("status", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "assignments_offer_id_key" ON "assignments"("offer_id");

-- CreateIndex
CREATE INDEX "assignments_assistant_id_ended_at_idx" ON "assignments"("assistant_id", "ended_at");

-- CreateIndex
CREATE INDEX "assignments_start_by_idx" ON "assignments"("start_by");

-- CreateIndex
CREATE INDEX "time_entries_client_id_started_at_idx" ON "time_entries"("client_id", "started_at");

-- CreateIndex
CREATE INDEX "time_entries_task_id_idx" ON "time_entries"("task_id");

-- CreateIndex
CREATE INDEX "time_entries_assistant_id_started_at_idx" ON "time_entries"("assistant_id", "started_at");

-- CreateIndex
CREATE INDEX "time_entry_corrections_entry_id_idx" ON "time_entry_corrections"("entry_id");

-- CreateIndex
CREATE INDEX "handoffs_task_id_idx" ON "handoffs"("task_id");

-- CreateIndex
CREATE INDEX "deliveries_task_id_idx" ON "deliveries"("task_id");

-- CreateIndex
CREATE UNIQUE INDEX "reviews_delivery_id_key" ON "reviews"("delivery_id");

-- CreateIndex
CREATE INDEX "reviews_task_id_idx" ON "reviews"("task_id");

-- CreateIndex
CREATE INDEX "messages_task_id_created_at_idx" ON "messages"("task_id", "created_at");

-- CreateIndex
CREATE INDEX "task_read_states_email_due_at_idx" ON "task_read_states"("email_due_at");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_event_key_key" ON "notifications"("event_key");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "email_outbox_event_key_key" ON "email_outbox"("event_key");

-- CreateIndex
CREATE INDEX "email_outbox_status_next_attempt_at_idx" ON "email_outbox"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "audit_events_entity_type_entity_id_idx" ON "audit_events"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_events_actor_id_idx" ON "audit_events"("actor_id");

-- CreateIndex
CREATE INDEX "audit_events_created_at_idx" ON "audit_events"("created_at");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_accounts" ADD CONSTRAINT "client_accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_accounts" ADD CONSTRAINT "client_accounts_primary_assistant_id_fkey" FOREIGN KEY ("primary_assistant_id") REFERENCES "assistant_profiles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_team_members" ADD CONSTRAINT "client_team_members_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "client_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_team_members" ADD CONSTRAINT "client_team_members_assistant_id_fkey" FOREIGN KEY ("assistant_id") REFERENCES "assistant_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "client_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_plan_code_fkey" FOREIGN KEY ("plan_code") REFERENCES "plans"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_purchase_id_fkey" FOREIGN KEY ("purchase_id") REFERENCES "purchases"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "top_ups" ADD CONSTRAINT "top_ups_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "client_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "top_ups" ADD CONSTRAINT "top_ups_purchase_id_fkey" FOREIGN KEY ("purchase_id") REFERENCES "purchases"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "client_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_plan_code_fkey" FOREIGN KEY ("plan_code") REFERENCES "plans"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversions" ADD CONSTRAINT "conversions_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "client_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversion_credits" ADD CONSTRAINT "conversion_credits_conversion_id_fkey" FOREIGN KEY ("conversion_id") REFERENCES "conversions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversion_credits" ADD CONSTRAINT "conversion_credits_assistant_id_fkey" FOREIGN KEY ("assistant_id") REFERENCES "assistant_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget_warnings" ADD CONSTRAINT "budget_warnings_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "client_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistant_profiles" ADD CONSTRAINT "assistant_profiles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistant_skills" ADD CONSTRAINT "assistant_skills_assistant_id_fkey" FOREIGN KEY ("assistant_id") REFERENCES "assistant_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assistant_skills" ADD CONSTRAINT "assistant_skills_skill_id_fkey" FOREIGN KEY ("skill_id") REFERENCES "skills"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lapses" ADD CONSTRAINT "lapses_assistant_id_fkey" FOREIGN KEY ("assistant_id") REFERENCES "assistant_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lapses" ADD CONSTRAINT "lapses_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lapses" ADD CONSTRAINT "lapses_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "blocks" ADD CONSTRAINT "blocks_assistant_id_fkey" FOREIGN KEY ("assistant_id") REFERENCES "assistant_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "blocks" ADD CONSTRAINT "blocks_lifted_by_id_fkey" FOREIGN KEY ("lifted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "client_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_skills" ADD CONSTRAINT "task_skills_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_skills" ADD CONSTRAINT "task_skills_skill_id_fkey" FOREIGN KEY ("skill_id") REFERENCES "skills"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offers" ADD CONSTRAINT "offers_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offers" ADD CONSTRAINT "offers_assistant_id_fkey" FOREIGN KEY ("assistant_id") REFERENCES "assistant_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_assistant_id_fkey" FOREIGN KEY ("assistant_id") REFERENCES "assistant_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_offer_id_fkey" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_assistant_id_fkey" FOREIGN KEY ("assistant_id") REFERENCES "assistant_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "client_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "time_entry_corrections" ADD CONSTRAINT "time_entry_corrections_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "time_entries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "time_entry_corrections" ADD CONSTRAINT "time_entry_corrections_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_assistant_id_fkey" FOREIGN KEY ("assistant_id") REFERENCES "assistant_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_assistant_id_fkey" FOREIGN KEY ("assistant_id") REFERENCES "assistant_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_read_states" ADD CONSTRAINT "task_read_states_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_read_states" ADD CONSTRAINT "task_read_states_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "settings" ADD CONSTRAINT "settings_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Constraints that schema.prisma cannot express.

-- A time entry never ends before it starts, its stored duration matches its
-- span, and no single entry lasts more than 12 hours.
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_ended_after_started" CHECK ("ended_at" >= "started_at");
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_seconds_match_span" CHECK (("ended_at" IS NULL AND "seconds" IS NULL) OR ("ended_at" IS NOT NULL AND "seconds" IS NOT NULL AND "seconds" >= 0));
ALTER TABLE "time_entries" ADD CONSTRAINT "time_entries_at_most_12_hours" CHECK ("ended_at" - "started_at" <= INTERVAL '12 hours');

-- One running timer per assistant.
CREATE UNIQUE INDEX "time_entries_one_running_per_assistant" ON "time_entries"("assistant_id") WHERE "ended_at" IS NULL;

-- One open assignment per task, so exactly one assistant wins a task.
CREATE UNIQUE INDEX "assignments_one_open_per_task" ON "assignments"("task_id") WHERE "ended_at" IS NULL;
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_ended_after_accepted" CHECK ("ended_at" >= "accepted_at");
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_start_by_after_accepted" CHECK ("start_by" >= "accepted_at");

ALTER TABLE "offers" ADD CONSTRAINT "offers_expire_after_created" CHECK ("expires_at" > "created_at");
ALTER TABLE "offers" ADD CONSTRAINT "offers_wave_positive" CHECK ("wave" >= 1);
ALTER TABLE "blocks" ADD CONSTRAINT "blocks_end_after_start" CHECK ("ends_at" > "started_at");
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_rating_1_to_5" CHECK ("rating" BETWEEN 1 AND 5);
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_extra_minutes_not_negative" CHECK ("extra_minutes_needed" >= 0);
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_time_limit_positive" CHECK ("time_limit_seconds" > 0);
ALTER TABLE "assistant_profiles" ADD CONSTRAINT "assistant_profiles_capacity_not_negative" CHECK ("capacity" >= 0);
ALTER TABLE "client_accounts" ADD CONSTRAINT "client_accounts_trial_seconds_not_negative" CHECK ("trial_seconds" >= 0);
ALTER TABLE "plans" ADD CONSTRAINT "plans_seconds_positive" CHECK ("seconds_per_cycle" > 0);
ALTER TABLE "top_ups" ADD CONSTRAINT "top_ups_seconds_positive" CHECK ("seconds" > 0);
ALTER TABLE "conversion_credits" ADD CONSTRAINT "conversion_credits_share_0_to_1" CHECK ("share" >= 0 AND "share" <= 1);
