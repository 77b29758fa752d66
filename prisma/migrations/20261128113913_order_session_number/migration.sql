-- AlterTable
ALTER TABLE "Order" ADD COLUMN "sessionNumber" INTEGER;

-- Backfill stored runs from their sessions (while the session id index still exists)
UPDATE "Order" SET "sessionNumber" = (
  SELECT s."sessionNumber" FROM "Session" s WHERE s."runId" = "Order"."runId" AND s."sessionId" = "Order"."sessionId"
) WHERE "sessionId" IS NOT NULL;

-- DropIndex: nothing reads sessions by id any more (orders carry their session number), and the
-- unique index on random-order ids cost every session insert
DROP INDEX "Session_runId_sessionId_key";

-- CreateIndex
CREATE INDEX "Session_runId_idx" ON "Session"("runId");
