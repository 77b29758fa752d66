-- AlterTable
ALTER TABLE "Order" ADD COLUMN "clientFirstSeenMs" REAL;

-- Backfill stored runs from their clients (while the client id index still exists)
UPDATE "Order" SET "clientFirstSeenMs" = (
  SELECT c."firstSeenMs" FROM "Client" c WHERE c."runId" = "Order"."runId" AND c."clientId" = "Order"."clientId"
) WHERE "clientId" IS NOT NULL;

-- DropIndex: nothing reads clients by id any more (orders carry the first-visit time), and the
-- unique index on random-order ids cost every client insert
DROP INDEX "Client_runId_clientId_key";

-- CreateIndex
CREATE INDEX "Client_runId_idx" ON "Client"("runId");
