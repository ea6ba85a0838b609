-- Request policy, pending timeout, scheduled start, extensions, break-glass and
-- separation of duties: per-connection settings, and what each request carries.

ALTER TABLE "connections"
  ADD COLUMN "reason_required" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "reason_min_length" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "reason_pattern" TEXT,
  ADD COLUMN "ticket_mode" TEXT NOT NULL DEFAULT 'off',
  ADD COLUMN "ticket_pattern" TEXT,
  ADD COLUMN "pending_timeout_seconds" INTEGER NOT NULL DEFAULT 86400,
  ADD COLUMN "max_total_seconds" INTEGER,
  ADD COLUMN "break_glass_max_seconds" INTEGER NOT NULL DEFAULT 1800,
  ADD COLUMN "distinct_approvers" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "access_requests"
  ADD COLUMN "ticket" TEXT,
  ADD COLUMN "starts_at" TIMESTAMP(3),
  ADD COLUMN "pending_expires_at" TIMESTAMP(3),
  ADD COLUMN "emergency" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "reviewed_at" TIMESTAMP(3),
  ADD COLUMN "reviewed_by_id" TEXT,
  ADD COLUMN "review_note" TEXT,
  ADD COLUMN "extends_request_id" TEXT,
  ADD COLUMN "distinct_approvers" BOOLEAN NOT NULL DEFAULT false;

-- Requests already pending get the default 24 h from when they were made.
UPDATE "access_requests" SET "pending_expires_at" = "created_at" + interval '24 hours' WHERE "status" = 'PENDING';

CREATE TABLE "connection_break_glass_groups" (
    "connection_id" TEXT NOT NULL,
    "group_id" TEXT NOT NULL,

    CONSTRAINT "connection_break_glass_groups_pkey" PRIMARY KEY ("connection_id","group_id")
);

-- Serves: which connections a group may break glass on (group deletion checks, admin pages).
CREATE INDEX "connection_break_glass_groups_group_id_idx" ON "connection_break_glass_groups"("group_id");

-- Serves: the sweep's pending-timeout pass (PENDING with pending_expires_at <= now).
CREATE INDEX "access_requests_status_pending_expires_at_idx" ON "access_requests"("status", "pending_expires_at");

-- Serves: the post-incident review queue (emergency grants not yet acknowledged, oldest first).
CREATE INDEX "access_requests_emergency_reviewed_at_created_at_idx" ON "access_requests"("emergency", "reviewed_at", "created_at");

-- Serves: a grant's extensions (closing pending ones when the grant ends, the request page).
CREATE INDEX "access_requests_extends_request_id_idx" ON "access_requests"("extends_request_id");

ALTER TABLE "connection_break_glass_groups" ADD CONSTRAINT "connection_break_glass_groups_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "connection_break_glass_groups" ADD CONSTRAINT "connection_break_glass_groups_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
