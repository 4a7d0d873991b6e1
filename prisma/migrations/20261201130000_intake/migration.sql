-- AlterTable
ALTER TABLE "playbooks" ADD COLUMN     "triggers_paused" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "intake_alerts" (
    "id" UUID NOT NULL,
    "connection" TEXT NOT NULL,
    "alert_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "intake_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trigger_firings" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "connection" TEXT NOT NULL DEFAULT '',
    "alert_id" TEXT NOT NULL DEFAULT '',
    "playbook_name" TEXT NOT NULL,
    "trigger_index" INTEGER NOT NULL,
    "occurrence" TEXT NOT NULL,
    "run_id" UUID,
    "held" JSONB,
    "seq" BIGSERIAL NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trigger_firings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "intake_sources" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "connection" TEXT,
    "watermark" TIMESTAMP(3),
    "last_poll_at" TIMESTAMP(3),
    "last_success_at" TIMESTAMP(3),
    "last_error" TEXT,
    "alerts_seen" INTEGER NOT NULL DEFAULT 0,
    "runs_started" INTEGER NOT NULL DEFAULT 0,
    "duplicates_dropped" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "lag_seconds" DOUBLE PRECISION,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "intake_sources_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "intake_alerts_connection_alert_id_version_key" ON "intake_alerts"("connection", "alert_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "trigger_firings_run_id_key" ON "trigger_firings"("run_id");

-- CreateIndex
CREATE INDEX "trigger_firings_playbook_name_seq_idx" ON "trigger_firings"("playbook_name", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "trigger_firings_connection_alert_id_playbook_name_trigger_i_key" ON "trigger_firings"("connection", "alert_id", "playbook_name", "trigger_index", "occurrence");

