-- AlterTable
ALTER TABLE "Order" ADD COLUMN "personDevices" INTEGER;
ALTER TABLE "Order" ADD COLUMN "personFirstSeenMs" REAL;
ALTER TABLE "Order" ADD COLUMN "personId" TEXT;
ALTER TABLE "Order" ADD COLUMN "personSessionNumber" INTEGER;

-- CreateTable
CREATE TABLE "PersonCredit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "orderId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "lookbackDays" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "credit" REAL NOT NULL,
    "revenueCents" INTEGER NOT NULL,
    CONSTRAINT "PersonCredit_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PersonCredit_runId_model_lookbackDays_orderId_idx" ON "PersonCredit"("runId", "model", "lookbackDays", "orderId");
