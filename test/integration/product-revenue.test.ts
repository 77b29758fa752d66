/**
 * Product revenue from a hand-made export to every place it is read: the stored items, the
 * order_items CSV, the executive summary (top products with their estimated part, the share of
 * order revenue product revenue covers, the ITEM_PRICE_MISSING caveat), and the migration that
 * backfills a run stored before the columns existed. Every amount is worked out by hand below.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findExportTable, iterateRows } from "@/lib/db/export-tables";
import { createRun, saveRunResult } from "@/lib/db/save-run";
import { runPipeline, type PipelineResult } from "@/lib/pipeline";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { csvFile, eventRow, purchaseData } from "../csv-builder";
import { tempDatabase } from "../temp-db";

const t = tempDatabase();
let runId: number;
let result: PipelineResult;
let summary: ExecutiveSummary;

const at = (day: string, hh: string) => `${day}T${hh}:00:00.000Z`;
const buy = (client: string, ts: string, tx: string, revenue: number, items: { id: string; price: number | null; qty: number | null }[]) =>
  eventRow({ client, ts, event: "checkout_completed", data: purchaseData(tx, revenue, items) });

beforeAll(async () => {
  // Products (purchaseData names item X "Item X"):
  //   23rd  T1 $100.00: A $40 x 1, B (no price) x 1, C (no price) x 2 → B $20.00, C $40.00 estimated
  //         T2 $100.00: A, B, C without a price, x 1 each → $33.34, $33.33, $33.33 estimated
  //   24th  T3 $50.00: A $60 x 1, B (no price) x 1 → priced beyond revenue, B $0 (estimated)
  //         T4 $120.00: A $100 x 1 → every item priced, $20.00 unexplained
  result = runPipeline([
    csvFile("events_20250223.csv", [
      buy("c1", at("2025-02-23", "10"), "T1", 100, [{ id: "A", price: 40, qty: 1 }, { id: "B", price: null, qty: 1 }, { id: "C", price: null, qty: 2 }]),
      buy("c2", at("2025-02-23", "11"), "T2", 100, [{ id: "A", price: null, qty: 1 }, { id: "B", price: null, qty: 1 }, { id: "C", price: null, qty: 1 }]),
    ]),
    csvFile("events_20250224.csv", [
      buy("c3", at("2025-02-24", "10"), "T3", 50, [{ id: "A", price: 60, qty: 1 }, { id: "B", price: null, qty: 1 }]),
      buy("c4", at("2025-02-24", "11"), "T4", 120, [{ id: "A", price: 100, qty: 1 }]),
    ]),
  ]);
  runId = createRun(t.db, "cli");
  saveRunResult(t.db, runId, result);
  process.env.DATABASE_URL = `file:${t.path}`;
  const { getExecutiveSummary } = await import("@/lib/db/queries/executive-summary");
  summary = (await getExecutiveSummary({ model: "last_click" }))!;
}, 60_000);
afterAll(() => t.cleanup());

const stored = () =>
  t.db.prepare(`SELECT "orderId", "itemId", "revenueCents", "revenueEstimated" FROM "OrderItem" WHERE "runId" = ? ORDER BY "id"`).all(runId) as { orderId: string; itemId: string; revenueCents: number; revenueEstimated: number }[];

const EXPECTED_ITEMS = [
  { orderId: "T1", itemId: "A", revenueCents: 4_000, revenueEstimated: 0 },
  { orderId: "T1", itemId: "B", revenueCents: 2_000, revenueEstimated: 1 },
  { orderId: "T1", itemId: "C", revenueCents: 4_000, revenueEstimated: 1 },
  { orderId: "T2", itemId: "A", revenueCents: 3_334, revenueEstimated: 1 },
  { orderId: "T2", itemId: "B", revenueCents: 3_333, revenueEstimated: 1 },
  { orderId: "T2", itemId: "C", revenueCents: 3_333, revenueEstimated: 1 },
  { orderId: "T3", itemId: "A", revenueCents: 6_000, revenueEstimated: 0 },
  { orderId: "T3", itemId: "B", revenueCents: 0, revenueEstimated: 1 },
  { orderId: "T4", itemId: "A", revenueCents: 10_000, revenueEstimated: 0 },
];

describe("product revenue, stored and read", () => {
  it("is published with the run", () => {
    expect(result.validation.filter((c) => !c.passed)).toEqual([]);
    expect(stored()).toEqual(EXPECTED_ITEMS);
  });

  it("is in the order_items CSV beside price x quantity", () => {
    const table = findExportTable("order_items")!;
    const names = table.columns.map((c) => c.name);
    const rows = [...iterateRows(t.db, table, runId)].map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
    expect(rows.map((r) => [r.order_id, r.item_id, r.line_revenue, r.product_revenue, r.revenue_estimated])).toEqual([
      ["T1", "A", 40, 40, "false"], ["T1", "B", null, 20, "true"], ["T1", "C", null, 40, "true"],
      ["T2", "A", null, 33.34, "true"], ["T2", "B", null, 33.33, "true"], ["T2", "C", null, 33.33, "true"],
      ["T3", "A", 60, 60, "false"], ["T3", "B", null, 0, "true"],
      ["T4", "A", 100, 100, "false"],
    ]);
  });

  it("gives top products their estimated part", () => {
    // Item A: 40 + 33.34 + 60 + 100 = 233.34 (33.34 estimated), 4 orders, 4 units.
    // Item C: 40 + 33.33 = 73.33, all estimated, 3 units. Item B: 20 + 33.33 + 0 = 53.33, all estimated.
    expect(summary.topProducts).toEqual([
      { name: "Item A", revenue: 233.34, estimated: 33.34, units: 4, orders: 4 },
      { name: "Item C", revenue: 73.33, estimated: 73.33, units: 3, orders: 2 },
      { name: "Item B", revenue: 53.33, estimated: 53.33, units: 3, orders: 3 },
    ]);
  });

  it("says what share of order revenue product revenue covers, and why it differs", () => {
    // Order revenue 100 + 100 + 50 + 120 = $370.00. Product revenue 233.34 + 73.33 + 53.33 =
    // $360.00 = 370 + 10 (T3's items beyond its revenue) - 20 (T4's revenue beyond its items).
    expect(summary.productRevenue).toEqual({
      revenue: 360, estimated: 160, orderRevenue: 370, share: 360 / 370,
      unpricedItems: 6, unpricedOrders: 3, over: 10, overOrders: 1, under: 20, underOrders: 1,
    });
  });

  it("names the unpriced items in the caveats, with their days", () => {
    // 23rd: 5 items (T1 2, T2 3); 24th: 1 item (T3).
    expect(summary.caveats.find((c) => c.code === "ITEM_PRICE_MISSING")).toEqual({
      code: "ITEM_PRICE_MISSING",
      count: 6,
      days: ["2025-02-23", "2025-02-24"],
      message: "items had no price: order revenue stands, and their product revenue is estimated (the part of their order's revenue the priced items leave, split by quantity), so top products are partly estimates.",
    });
  });

  it("is backfilled by the migration for a run stored before the columns existed", () => {
    const migration = readFileSync(join(process.cwd(), "prisma/migrations/20261203070148_item_product_revenue/migration.sql"), "utf8");
    const backfill = migration.slice(migration.indexOf("-- Backfill"));
    expect(backfill).toContain("UPDATE");
    // What the redefined table holds right after the migration's copy: the defaults.
    t.db.prepare(`UPDATE "OrderItem" SET "revenueCents" = 0, "revenueEstimated" = false`).run();
    t.db.exec(backfill);
    expect(stored()).toEqual(EXPECTED_ITEMS);
  });
});
