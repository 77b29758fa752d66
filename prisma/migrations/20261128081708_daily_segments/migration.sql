-- CreateTable
CREATE TABLE "DailySegment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "sessions" INTEGER NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue" REAL NOT NULL,
    CONSTRAINT "DailySegment_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DailySegment_runId_dimension_day_idx" ON "DailySegment"("runId", "dimension", "day");
