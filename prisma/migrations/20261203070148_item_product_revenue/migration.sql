-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OrderItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "orderId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "itemName" TEXT,
    "itemVariant" TEXT,
    "quantity" REAL,
    "itemPrice" REAL,
    "lineRevenue" REAL,
    "revenueCents" INTEGER NOT NULL DEFAULT 0,
    "revenueEstimated" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "OrderItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_OrderItem" ("id", "itemId", "itemName", "itemPrice", "itemVariant", "lineRevenue", "orderId", "quantity", "runId") SELECT "id", "itemId", "itemName", "itemPrice", "itemVariant", "lineRevenue", "orderId", "quantity", "runId" FROM "OrderItem";
DROP TABLE "OrderItem";
ALTER TABLE "new_OrderItem" RENAME TO "OrderItem";
CREATE INDEX "OrderItem_runId_orderId_idx" ON "OrderItem"("runId", "orderId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backfill the stored run's items as lib/pipeline/product-revenue.ts computes them (docs/metrics.md,
-- "Product revenue"): a priced item holds price x quantity in cents; an item without a price or a
-- quantity is estimated and gets its share of its order's revenue that the priced items leave (when
-- positive), by quantity in millionths of a unit (a missing quantity counts as 1; when all are 0
-- they share equally), the leftover cents one each to the largest remainders (ties: earlier item).
UPDATE "OrderItem" SET "revenueCents" = CAST(ROUND("itemPrice" * "quantity" * 100) AS INTEGER) WHERE "itemPrice" IS NOT NULL AND "quantity" IS NOT NULL;
UPDATE "OrderItem" SET "revenueEstimated" = true WHERE "itemPrice" IS NULL OR "quantity" IS NULL;
CREATE TEMP TABLE "_ItemAllocation" AS
WITH "u" AS (
    SELECT "id", "runId", "orderId", CAST(ROUND(COALESCE("quantity", 1) * 1000000) AS INTEGER) AS "w"
    FROM "OrderItem" WHERE "revenueEstimated"
), "o" AS (
    SELECT u."runId", u."orderId", SUM(u."w") AS "sw", COUNT(*) AS "n",
        (SELECT r."revenueCents" FROM "Order" r WHERE r."runId" = u."runId" AND r."orderId" = u."orderId")
        - (SELECT COALESCE(SUM(p."revenueCents"), 0) FROM "OrderItem" p WHERE p."runId" = u."runId" AND p."orderId" = u."orderId" AND NOT p."revenueEstimated") AS "t"
    FROM "u" u GROUP BY u."runId", u."orderId"
), "f" AS (
    SELECT u."id", u."runId", u."orderId", o."t",
        (o."t" * CASE WHEN o."sw" = 0 THEN 1 ELSE u."w" END) / CASE WHEN o."sw" = 0 THEN o."n" ELSE o."sw" END AS "floor",
        (o."t" * CASE WHEN o."sw" = 0 THEN 1 ELSE u."w" END) % CASE WHEN o."sw" = 0 THEN o."n" ELSE o."sw" END AS "rem"
    FROM "u" u JOIN "o" o ON o."runId" = u."runId" AND o."orderId" = u."orderId"
    WHERE o."t" > 0
), "r" AS (
    SELECT "id", "floor", "t" - SUM("floor") OVER (PARTITION BY "runId", "orderId") AS "left",
        ROW_NUMBER() OVER (PARTITION BY "runId", "orderId" ORDER BY "rem" DESC, "id") AS "rank"
    FROM "f"
)
SELECT "id", "floor" + CASE WHEN "rank" <= "left" THEN 1 ELSE 0 END AS "cents" FROM "r";
UPDATE "OrderItem" SET "revenueCents" = (SELECT a."cents" FROM "_ItemAllocation" a WHERE a."id" = "OrderItem"."id") WHERE "id" IN (SELECT "id" FROM "_ItemAllocation");
DROP TABLE "_ItemAllocation";
