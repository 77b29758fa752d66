-- DropIndex
DROP INDEX "Session_runId_idx";

-- AlterTable
ALTER TABLE "Session" ADD COLUMN "campaign" TEXT;
ALTER TABLE "Session" ADD COLUMN "medium" TEXT;
ALTER TABLE "Session" ADD COLUMN "source" TEXT;

-- CreateIndex
CREATE INDEX "Session_runId_startDate_idx" ON "Session"("runId", "startDate");
