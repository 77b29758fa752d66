-- AlterTable
ALTER TABLE "Event" ADD COLUMN "sessionId" TEXT;

-- CreateTable
CREATE TABLE "Session" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "sessionId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "sessionNumber" INTEGER NOT NULL,
    "startMs" REAL NOT NULL,
    "endMs" REAL NOT NULL,
    "startDate" TEXT NOT NULL,
    "durationSec" REAL NOT NULL,
    "eventCount" INTEGER NOT NULL,
    "pageViews" INTEGER NOT NULL,
    "landingPage" TEXT,
    "landingPath" TEXT,
    "channel" TEXT NOT NULL,
    "deviceType" TEXT NOT NULL,
    "os" TEXT NOT NULL,
    "browser" TEXT NOT NULL,
    "hasProductView" BOOLEAN NOT NULL,
    "hasAddToCart" BOOLEAN NOT NULL,
    "hasCheckoutStarted" BOOLEAN NOT NULL,
    "hasPurchase" BOOLEAN NOT NULL,
    "isReturning" BOOLEAN NOT NULL,
    CONSTRAINT "Session_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Order" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "orderId" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "clientId" TEXT,
    "sessionId" TEXT,
    "tsMs" REAL NOT NULL,
    "orderDate" TEXT NOT NULL,
    "revenueCents" INTEGER NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "units" REAL NOT NULL,
    "collision" BOOLEAN NOT NULL,
    "itemsMismatch" BOOLEAN NOT NULL,
    "replays" INTEGER NOT NULL,
    CONSTRAINT "Order_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrderItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "orderId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "itemName" TEXT,
    "itemVariant" TEXT,
    "quantity" REAL,
    "itemPrice" REAL,
    "lineRevenue" REAL,
    CONSTRAINT "OrderItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Client" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "clientId" TEXT NOT NULL,
    "firstSeenMs" REAL NOT NULL,
    "lastSeenMs" REAL NOT NULL,
    "sessions" INTEGER NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue" REAL NOT NULL,
    "isReturning" BOOLEAN NOT NULL,
    CONSTRAINT "Client_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttributionCredit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "orderId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "lookbackDays" INTEGER NOT NULL,
    "touchIndex" INTEGER NOT NULL,
    "sessionId" TEXT,
    "channel" TEXT NOT NULL,
    "credit" REAL NOT NULL,
    "revenueCents" INTEGER NOT NULL,
    CONSTRAINT "AttributionCredit_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChannelPerformance" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "lookbackDays" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "sessions" INTEGER NOT NULL,
    "orders" REAL NOT NULL,
    "revenue" REAL NOT NULL,
    "conversionRate" REAL,
    "aov" REAL,
    "revenuePerSession" REAL,
    CONSTRAINT "ChannelPerformance_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FunnelStep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "sessions" INTEGER NOT NULL,
    "productView" INTEGER NOT NULL,
    "addToCart" INTEGER NOT NULL,
    "checkoutStarted" INTEGER NOT NULL,
    "purchased" INTEGER NOT NULL,
    CONSTRAINT "FunnelStep_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Engagement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "sessions" INTEGER NOT NULL,
    "clients" INTEGER NOT NULL,
    "sessionsPerClient" REAL NOT NULL,
    "pagesPerSession" REAL NOT NULL,
    "avgDurationSec" REAL NOT NULL,
    "bounceRate" REAL NOT NULL,
    "returningShare" REAL NOT NULL,
    CONSTRAINT "Engagement_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DailyMetric" (
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
    CONSTRAINT "DailyMetric_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ValidationCheck" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "detail" TEXT NOT NULL,
    CONSTRAINT "ValidationCheck_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Session_runId_startDate_idx" ON "Session"("runId", "startDate");

-- CreateIndex
CREATE UNIQUE INDEX "Session_runId_sessionId_key" ON "Session"("runId", "sessionId");

-- CreateIndex
CREATE INDEX "Order_runId_orderDate_idx" ON "Order"("runId", "orderDate");

-- CreateIndex
CREATE UNIQUE INDEX "Order_runId_orderId_key" ON "Order"("runId", "orderId");

-- CreateIndex
CREATE INDEX "OrderItem_runId_orderId_idx" ON "OrderItem"("runId", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Client_runId_clientId_key" ON "Client"("runId", "clientId");

-- CreateIndex
CREATE INDEX "AttributionCredit_runId_model_lookbackDays_idx" ON "AttributionCredit"("runId", "model", "lookbackDays");

-- CreateIndex
CREATE INDEX "ChannelPerformance_runId_model_lookbackDays_idx" ON "ChannelPerformance"("runId", "model", "lookbackDays");

-- CreateIndex
CREATE INDEX "FunnelStep_runId_idx" ON "FunnelStep"("runId");

-- CreateIndex
CREATE INDEX "Engagement_runId_idx" ON "Engagement"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "DailyMetric_runId_day_key" ON "DailyMetric"("runId", "day");

-- CreateIndex
CREATE INDEX "ValidationCheck_runId_idx" ON "ValidationCheck"("runId");
