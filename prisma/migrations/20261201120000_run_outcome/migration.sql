-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "outcome" TEXT;

-- CreateIndex
CREATE INDEX "runs_outcome_idx" ON "runs"("outcome");


-- Runs finished before outcomes existed: their outcome is their final status.
UPDATE "runs" SET "outcome" = "status" WHERE "status" IN ('succeeded', 'failed', 'cancelled');
