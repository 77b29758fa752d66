-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Run" (
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
    "reportJson" TEXT NOT NULL DEFAULT '{}',
    "monitoringStatus" TEXT,
    "monitoringJson" TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO "new_Run" ("createdAt", "duplicateRows", "error", "finishedAtMs", "id", "inputRows", "loadedRows", "progress", "quarantinedRows", "reportJson", "stage", "startedAtMs", "status", "timingsJson", "trigger") SELECT "createdAt", "duplicateRows", "error", "finishedAtMs", "id", "inputRows", "loadedRows", "progress", "quarantinedRows", "reportJson", "stage", "startedAtMs", "status", "timingsJson", "trigger" FROM "Run";
DROP TABLE "Run";
ALTER TABLE "new_Run" RENAME TO "Run";
CREATE INDEX "Run_status_id_idx" ON "Run"("status", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
