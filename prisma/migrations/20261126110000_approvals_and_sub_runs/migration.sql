-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "parent_attempt" INTEGER,
ADD COLUMN     "parent_run_id" UUID,
ADD COLUMN     "parent_step_id" TEXT;

-- CreateTable
CREATE TABLE "approvals" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "step_id" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "prompt" TEXT NOT NULL,
    "approvers" TEXT[],
    "status" TEXT NOT NULL,
    "decision" TEXT,
    "decided_by" TEXT,
    "comment" TEXT,
    "default_decision" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "decided_at" TIMESTAMP(3),

    CONSTRAINT "approvals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "approvals_status_expires_at_idx" ON "approvals"("status", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "approvals_run_id_step_id_attempt_key" ON "approvals"("run_id", "step_id", "attempt");

-- CreateIndex
CREATE INDEX "runs_parent_run_id_idx" ON "runs"("parent_run_id");

-- AddForeignKey
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

