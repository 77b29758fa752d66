-- CreateTable
CREATE TABLE "Run" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "stage" TEXT,
    "progress" REAL NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAtMs" REAL,
    "finishedAtMs" REAL,
    "inputRows" INTEGER NOT NULL DEFAULT 0,
    "loadedRows" INTEGER NOT NULL DEFAULT 0,
    "quarantinedRows" INTEGER NOT NULL DEFAULT 0,
    "duplicateRows" INTEGER NOT NULL DEFAULT 0,
    "timingsJson" TEXT NOT NULL DEFAULT '{}',
    "reportJson" TEXT NOT NULL DEFAULT '{}'
);

-- CreateTable
CREATE TABLE "SourceFile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "day" TEXT,
    "rows" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "headerVariant" TEXT NOT NULL,
    "missingColumns" TEXT NOT NULL,
    "loadedRows" INTEGER NOT NULL,
    "quarantinedRows" INTEGER NOT NULL,
    "duplicateRows" INTEGER NOT NULL,
    "nullClientIdRows" INTEGER NOT NULL,
    "nullClientIdRate" REAL NOT NULL,
    "nullReferrerRate" REAL,
    "cleanRows" INTEGER NOT NULL,
    "score" REAL NOT NULL,
    CONSTRAINT "SourceFile_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "file" TEXT,
    "day" TEXT,
    "count" INTEGER NOT NULL,
    "message" TEXT NOT NULL,
    "examplesJson" TEXT NOT NULL,
    CONSTRAINT "Finding_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuarantinedRow" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "file" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "valuesJson" TEXT NOT NULL,
    CONSTRAINT "QuarantinedRow_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "eventId" INTEGER NOT NULL,
    "file" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "clientId" TEXT,
    "tsMs" REAL NOT NULL,
    "eventDate" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "pageUrl" TEXT,
    "pagePath" TEXT,
    "referrer" TEXT,
    "referrerDomain" TEXT,
    "deviceType" TEXT NOT NULL,
    "os" TEXT NOT NULL,
    "browser" TEXT NOT NULL,
    "transactionId" TEXT,
    "revenue" REAL,
    "itemsJson" TEXT,
    CONSTRAINT "Event_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Run_status_id_idx" ON "Run"("status", "id");

-- CreateIndex
CREATE INDEX "SourceFile_runId_idx" ON "SourceFile"("runId");

-- CreateIndex
CREATE INDEX "Finding_runId_severity_idx" ON "Finding"("runId", "severity");

-- CreateIndex
CREATE INDEX "QuarantinedRow_runId_reason_idx" ON "QuarantinedRow"("runId", "reason");

-- CreateIndex
CREATE INDEX "Event_runId_eventDate_idx" ON "Event"("runId", "eventDate");
