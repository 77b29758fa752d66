-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAtMs" REAL NOT NULL,
    "updatedBy" TEXT NOT NULL
);
