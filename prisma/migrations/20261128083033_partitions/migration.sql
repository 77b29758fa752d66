-- CreateTable
CREATE TABLE "Partition" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Partition_name_key" ON "Partition"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Partition_hash_key" ON "Partition"("hash");
