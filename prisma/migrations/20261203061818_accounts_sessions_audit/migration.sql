-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAtMs" REAL NOT NULL,
    "passwordChangedAtMs" REAL NOT NULL,
    "bootstrap" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "AuthSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" INTEGER NOT NULL,
    "createdAtMs" REAL NOT NULL,
    "lastSeenMs" REAL NOT NULL,
    "expiresAtMs" REAL NOT NULL,
    "revokedAtMs" REAL,
    "revokedWhy" TEXT,
    CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "atMs" REAL NOT NULL,
    "account" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "reason" TEXT
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "atMs" REAL NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "detail" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "User_name_key" ON "User"("name");

-- CreateIndex
CREATE INDEX "AuthSession_userId_idx" ON "AuthSession"("userId");

-- CreateIndex
CREATE INDEX "SignInAttempt_account_atMs_idx" ON "SignInAttempt"("account", "atMs");

-- CreateIndex
CREATE INDEX "SignInAttempt_address_atMs_idx" ON "SignInAttempt"("address", "atMs");

-- CreateIndex
CREATE INDEX "AuditEntry_atMs_idx" ON "AuditEntry"("atMs");
