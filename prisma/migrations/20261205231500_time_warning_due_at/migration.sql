-- The instant at which a client's next time warning falls due, so the
-- deadline drivers send each warning at that instant instead of on the
-- first pass after it.

-- AlterTable
ALTER TABLE "client_accounts" ADD COLUMN "time_warning_due_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "client_accounts_time_warning_due_at_idx" ON "client_accounts"("time_warning_due_at");

-- Clients with a running timer are due at once, so the next deadline pass
-- projects their warnings; every later timer start or stop keeps the
-- column current.
UPDATE "client_accounts" SET "time_warning_due_at" = CURRENT_TIMESTAMP WHERE "balance_exhausts_at" IS NOT NULL;
