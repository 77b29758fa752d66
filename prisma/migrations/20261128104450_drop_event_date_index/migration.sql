-- DropIndex
DROP INDEX "Event_runId_eventDate_idx";
