-- Notifications: Slack account links, per-connection channels, single-use links,
-- Slack replay protection and the demo-mode dev outbox.

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "slack_user_id" TEXT;

-- Serves: mapping a Slack user to a Timebox user (SELECT ... FROM users WHERE slack_user_id = $1); one account per Slack user.
CREATE UNIQUE INDEX "users_slack_user_id_key" ON "users"("slack_user_id");

-- CreateTable
CREATE TABLE "connection_notification_settings" (
    "connection_id" TEXT NOT NULL,
    "slack_channels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "teams_webhook_url" TEXT,
    "email_enabled" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "connection_notification_settings_pkey" PRIMARY KEY ("connection_id")
);

-- AddForeignKey
ALTER TABLE "connection_notification_settings" ADD CONSTRAINT "connection_notification_settings_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "used_link_tokens" (
    "nonce" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "used_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "used_link_tokens_pkey" PRIMARY KEY ("nonce")
);

-- Serves: purging used tokens past their expiry (DELETE FROM used_link_tokens WHERE expires_at < $1).
CREATE INDEX "used_link_tokens_expires_at_idx" ON "used_link_tokens"("expires_at");

-- CreateTable
CREATE TABLE "slack_seen_requests" (
    "signature" TEXT NOT NULL,
    "seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slack_seen_requests_pkey" PRIMARY KEY ("signature")
);

-- Serves: purging signatures older than the freshness window (DELETE FROM slack_seen_requests WHERE seen_at < $1).
CREATE INDEX "slack_seen_requests_seen_at_idx" ON "slack_seen_requests"("seen_at");

-- CreateTable
CREATE TABLE "dev_outbox_emails" (
    "id" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dev_outbox_emails_pkey" PRIMARY KEY ("id")
);

-- Serves: storing each outgoing email once, even when its job is retried (INSERT ... ON CONFLICT (dedupe_key) DO NOTHING).
CREATE UNIQUE INDEX "dev_outbox_emails_dedupe_key_key" ON "dev_outbox_emails"("dedupe_key");

-- Serves: the /dev/outbox page, newest first (SELECT ... FROM dev_outbox_emails ORDER BY created_at DESC LIMIT $1).
CREATE INDEX "dev_outbox_emails_created_at_idx" ON "dev_outbox_emails"("created_at");
