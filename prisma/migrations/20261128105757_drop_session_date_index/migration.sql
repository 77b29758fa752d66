-- DropIndex
DROP INDEX "Session_runId_startDate_idx";
