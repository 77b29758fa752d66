-- AlterTable
ALTER TABLE "Session" ADD COLUMN "botFamily" TEXT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN "botAgent" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DailyMetric" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "events" INTEGER NOT NULL,
    "sessions" INTEGER NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue" REAL NOT NULL,
    "conversionRate" REAL,
    "aov" REAL,
    "revenuePerSession" REAL,
    "nullClientIdRate" REAL NOT NULL,
    "nullReferrerRate" REAL NOT NULL,
    "invalidPurchases" INTEGER NOT NULL,
    "botSessions" INTEGER NOT NULL DEFAULT 0,
    "partial" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "DailyMetric_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_DailyMetric" ("aov", "conversionRate", "day", "events", "id", "invalidPurchases", "nullClientIdRate", "nullReferrerRate", "orders", "partial", "revenue", "revenuePerSession", "runId", "sessions") SELECT "aov", "conversionRate", "day", "events", "id", "invalidPurchases", "nullClientIdRate", "nullReferrerRate", "orders", "partial", "revenue", "revenuePerSession", "runId", "sessions" FROM "DailyMetric";
DROP TABLE "DailyMetric";
ALTER TABLE "new_DailyMetric" RENAME TO "DailyMetric";
CREATE UNIQUE INDEX "DailyMetric_runId_day_key" ON "DailyMetric"("runId", "day");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
