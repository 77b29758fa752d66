-- AlterTable: a run's mode, what it changed in the data set and who executed it
ALTER TABLE "Run" ADD COLUMN "mode" TEXT NOT NULL DEFAULT 'full';
ALTER TABLE "Run" ADD COLUMN "partitionsAdded" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Run" ADD COLUMN "partitionsReplaced" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Run" ADD COLUMN "partitionsRemoved" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Run" ADD COLUMN "recomputedDaysJson" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "Run" ADD COLUMN "partitionsJson" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "Run" ADD COLUMN "worker" TEXT;

-- AlterTable: partitions know their day, their source and their row counts
ALTER TABLE "Partition" ADD COLUMN "day" TEXT;
ALTER TABLE "Partition" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'upload';
ALTER TABLE "Partition" ADD COLUMN "rows" INTEGER;
ALTER TABLE "Partition" ADD COLUMN "loadedRows" INTEGER;

-- CreateTable: the one worker lease
CREATE TABLE "WorkerLease" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "token" TEXT,
    "pid" INTEGER,
    "host" TEXT,
    "executingRunId" INTEGER,
    "acquiredAtMs" REAL,
    "heartbeatMs" REAL
);
INSERT INTO "WorkerLease" ("id") VALUES (1);

-- The data set is stored once: only the published run's rows of the data tables are kept
-- (older runs keep their records: files, findings, checks, report and monitoring JSON).
DELETE FROM "Event" WHERE "runId" <> (SELECT COALESCE(MAX("id"), 0) FROM "Run" WHERE "status" = 'succeeded');
DELETE FROM "Session" WHERE "runId" <> (SELECT COALESCE(MAX("id"), 0) FROM "Run" WHERE "status" = 'succeeded');
DELETE FROM "Order" WHERE "runId" <> (SELECT COALESCE(MAX("id"), 0) FROM "Run" WHERE "status" = 'succeeded');
DELETE FROM "OrderItem" WHERE "runId" <> (SELECT COALESCE(MAX("id"), 0) FROM "Run" WHERE "status" = 'succeeded');
DELETE FROM "Client" WHERE "runId" <> (SELECT COALESCE(MAX("id"), 0) FROM "Run" WHERE "status" = 'succeeded');
DELETE FROM "AttributionCredit" WHERE "runId" <> (SELECT COALESCE(MAX("id"), 0) FROM "Run" WHERE "status" = 'succeeded');
DELETE FROM "QuarantinedRow" WHERE "runId" <> (SELECT COALESCE(MAX("id"), 0) FROM "Run" WHERE "status" = 'succeeded');
DELETE FROM "ChannelPerformance" WHERE "runId" <> (SELECT COALESCE(MAX("id"), 0) FROM "Run" WHERE "status" = 'succeeded');
DELETE FROM "FunnelStep" WHERE "runId" <> (SELECT COALESCE(MAX("id"), 0) FROM "Run" WHERE "status" = 'succeeded');
DELETE FROM "Engagement" WHERE "runId" <> (SELECT COALESCE(MAX("id"), 0) FROM "Run" WHERE "status" = 'succeeded');
DELETE FROM "DailyMetric" WHERE "runId" <> (SELECT COALESCE(MAX("id"), 0) FROM "Run" WHERE "status" = 'succeeded');
DELETE FROM "DailySegment" WHERE "runId" <> (SELECT COALESCE(MAX("id"), 0) FROM "Run" WHERE "status" = 'succeeded');
