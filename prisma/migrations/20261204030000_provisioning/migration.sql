-- Provisioning (issue 6): per-connection provisioners and the real-world state of each grant.
-- CreateEnum
CREATE TYPE "ProvisionerKind" AS ENUM ('none', 'postgres', 'webhook');

-- CreateEnum
CREATE TYPE "GrantStatus" AS ENUM ('PROVISIONING', 'ACTIVE', 'FAILED', 'DEPROVISIONING', 'DEPROVISION_FAILED', 'ENDED');

-- CreateTable
-- Secrets (admin URL, webhook signing secret) are stored only as AES-256-GCM ciphertext.
CREATE TABLE "connection_provisioners" (
    "connection_id" TEXT NOT NULL,
    "kind" "ProvisionerKind" NOT NULL,
    "admin_url_ciphertext" TEXT,
    "grant_roles" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "connection_limit" INTEGER NOT NULL DEFAULT 5,
    "client_address" TEXT,
    "webhook_url" TEXT,
    "webhook_secret_ciphertext" TEXT,
    "last_tested_at" TIMESTAMP(3),
    "last_test_ok" BOOLEAN,
    "last_test_message" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "connection_provisioners_pkey" PRIMARY KEY ("connection_id")
);

-- CreateTable
-- The grant's password is stored only as AES-256-GCM ciphertext, and cleared when the grant ends.
CREATE TABLE "access_grants" (
    "request_id" TEXT NOT NULL,
    "connection_id" TEXT NOT NULL,
    "provisioner" "ProvisionerKind" NOT NULL,
    "status" "GrantStatus" NOT NULL DEFAULT 'PROVISIONING',
    "role_name" TEXT,
    "password_ciphertext" TEXT,
    "host" TEXT,
    "port" INTEGER,
    "database" TEXT,
    "ssl_mode" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "last_error_at" TIMESTAMP(3),
    "activated_at" TIMESTAMP(3),
    "end_reason" TEXT,
    "end_requested_at" TIMESTAMP(3),
    "ended_at" TIMESTAMP(3),
    "terminated_sessions" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "access_grants_pkey" PRIMARY KEY ("request_id")
);

-- Serves: the admin banner and GET /api/v1/grants?status=DEPROVISION_FAILED (grants by status, most recently changed first).
CREATE INDEX "access_grants_status_updated_at_idx" ON "access_grants"("status", "updated_at");

-- Serves: the provisioner settings guard (does this connection still hold grants that have not ENDED?).
CREATE INDEX "access_grants_connection_id_status_idx" ON "access_grants"("connection_id", "status");

-- AddForeignKey
ALTER TABLE "connection_provisioners" ADD CONSTRAINT "connection_provisioners_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "access_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;
