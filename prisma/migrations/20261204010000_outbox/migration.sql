-- The transactional outbox for notifications, webhooks and provisioning.
-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('PENDING', 'DONE', 'DEAD');

-- CreateTable
CREATE TABLE "outbox_jobs" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "max_attempts" INTEGER NOT NULL DEFAULT 8,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMP(3),
    "last_error" TEXT,
    "result" JSONB,
    "request_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" TIMESTAMP(3),

    CONSTRAINT "outbox_jobs_pkey" PRIMARY KEY ("id")
);

-- Serves: idempotent enqueueing; one job per (event, channel, target).
CREATE UNIQUE INDEX "outbox_jobs_dedupe_key_key" ON "outbox_jobs"("dedupe_key");

-- Serves: the dispatcher claiming due jobs (PENDING, next_attempt_at <= now, in order).
CREATE INDEX "outbox_jobs_status_next_attempt_at_idx" ON "outbox_jobs"("status", "next_attempt_at");

-- Serves: Admin -> Notifications, listing dead jobs newest first.
CREATE INDEX "outbox_jobs_status_created_at_idx" ON "outbox_jobs"("status", "created_at");

-- Serves: a request's deliveries (request page, tests of exactly-once delivery).
CREATE INDEX "outbox_jobs_request_id_created_at_idx" ON "outbox_jobs"("request_id", "created_at");

