/**
 * A bad value never poisons the data set: a stored partition holding values that cannot be stored
 * or would distort a number (revenue 1e308 made every later run fail at save time) runs through
 * the queue, the bad rows are quarantined with INVALID_VALUE, the good rows are loaded, and later
 * runs over the same data set succeed. Every expected number counts what this file planted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainQueue, enqueueRun } from "@/lib/runs/queue";
import { storePartition } from "@/lib/uploads/store";
import { csvFile, eventRow, purchaseData } from "../csv-builder";
import { storedEvents } from "../stored-events";
import { tempDatabase } from "../temp-db";

const t = tempDatabase();
const db = t.db;
const at = (d: string, hh: number, mm: number) => `${d}T${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}:00.000Z`;
const purchase = (d: string, mm: number, json: string) => eventRow({ client: `buyer-${mm}`, ts: at(d, 12, mm), event: "checkout_completed", data: json });
const json = (tx: string, revenue: string, qty = "1", price = "10") =>
  `{"transaction_id":${tx},"revenue":${revenue},"items":[{"item_id":"A","item_name":"Pillow","item_variant":null,"quantity":${qty},"item_price":${price}}],"user_email":"ab12"}`;

const DAY1 = "2025-03-01";
const DAY2 = "2025-03-02";
/** Good rows: page views and purchases whose revenue the test knows. */
const goodViews = (d: string, n: number) => Array.from({ length: n }, (_, i) => eventRow({ client: `c${i % 7}`, ts: at(d, 10, i % 60) }));
const goodPurchases = (d: string) => [
  eventRow({ client: "c1", ts: at(d, 11, 0), event: "checkout_completed", data: purchaseData(`OK-${d}-1`, 120, [{ id: "A", price: 60, qty: 2 }]) }),
  eventRow({ client: "c2", ts: at(d, 11, 1), event: "checkout_completed", data: purchaseData(`OK-${d}-2`, 35.5, [{ id: "B", price: 35.5, qty: 1 }]) }),
];
const GOOD_REVENUE_CENTS = 12_000 + 3_550;

/** Rows quarantined as INVALID_VALUE, one per kind of bad value. */
const invalidValues = [
  purchase(DAY1, 0, json('"BAD-1"', "1e308")), // finite, but revenue x 100 is Infinity (the poison of the bug report)
  purchase(DAY1, 1, json('"BAD-2"', "1e400")), // parses to Infinity
  purchase(DAY1, 2, json('"BAD-3"', '"NaN"')),
  purchase(DAY1, 3, json('"BAD-4"', "-0")),
  purchase(DAY1, 4, json('"BAD-5"', "25000000")), // $25M: above the per-order ceiling (and past a 32-bit cents column)
  purchase(DAY1, 5, json("9007199254740993", "10")), // a numeric transaction id past 2^53
  purchase(DAY1, 6, json('"BAD-\\u0000-7"', "10")), // a NUL inside event_data's JSON
  eventRow({ client: "c3", ts: at(DAY1, 13, 0), url: "https://shop.example/products/a\u0000b" }), // a raw NUL
  eventRow({ client: "c4", ts: at(DAY1, 13, 1), event: "email_filled_on_popup", data: `{"pad":"${"x".repeat(1_100_000)}"}` }), // a field over 1 MiB
];
/** Absurd year: quarantined as INVALID_TIMESTAMP. */
const absurdTimestamps = [eventRow({ client: "c5", ts: "9999-12-31T10:00:00.000Z" })];
/** Purchases whose item value is dropped and flagged: loaded as orders, their revenue stands. */
const droppedItemValues = [purchase(DAY1, 20, json('"ITEM-1"', "10", "1e400")), purchase(DAY1, 21, json('"ITEM-2"', "10", "1", "-10"))];
const DROPPED_REVENUE_CENTS = 2 * 1_000;

const VIEWS_DAY1 = 25;
const VIEWS_DAY2 = 15;
const day1Rows = [...goodViews(DAY1, VIEWS_DAY1), ...goodPurchases(DAY1), ...invalidValues, ...absurdTimestamps, ...droppedItemValues];
const day2Rows = [...goodViews(DAY2, VIEWS_DAY2), ...goodPurchases(DAY2)];
const bytes = (d: string, rows: string[][]) => Buffer.from(csvFile(`events_${d.replace(/-/g, "")}.csv`, rows).content as string);

interface RunRow {
  id: number;
  status: string;
  error: string | null;
  inputRows: number;
  loadedRows: number;
  quarantinedRows: number;
  duplicateRows: number;
}
const runRow = (id: number) => db.prepare(`SELECT "id", "status", "error", "inputRows", "loadedRows", "quarantinedRows", "duplicateRows" FROM "Run" WHERE "id" = ?`).get(id) as RunRow;
const scalar = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { v: number | null }).v;

function run(): RunRow {
  const id = enqueueRun(db, "upload");
  drainQueue(db, t.dir);
  return runRow(id);
}

let first: RunRow;
beforeAll(() => {
  storePartition(db, "events_20250301.csv", bytes(DAY1, day1Rows), t.dir);
  first = run();
});
afterAll(() => t.cleanup());

describe("bad values in a stored partition", () => {
  it("the run succeeds and accounts for every row", () => {
    expect(first).toMatchObject({ status: "succeeded", error: null });
    expect(first).toMatchObject({
      inputRows: day1Rows.length,
      loadedRows: VIEWS_DAY1 + goodPurchases(DAY1).length + droppedItemValues.length,
      quarantinedRows: invalidValues.length + absurdTimestamps.length,
      duplicateRows: 0,
    });
  });

  it("quarantines each bad value with INVALID_VALUE (absurd years with INVALID_TIMESTAMP), stored in a storable form", () => {
    const byReason = db.prepare(`SELECT "reason", COUNT(*) AS n FROM "QuarantinedRow" WHERE "runId" = ? GROUP BY "reason" ORDER BY "reason"`).all(first.id);
    expect(byReason).toEqual([
      { reason: "INVALID_TIMESTAMP", n: absurdTimestamps.length },
      { reason: "INVALID_VALUE", n: invalidValues.length },
    ]);
    expect(scalar(`SELECT SUM("count") AS v FROM "Finding" WHERE "runId" = ? AND "code" = 'INVALID_VALUE'`, first.id)).toBe(invalidValues.length);
    expect(scalar(`SELECT "severity" AS v FROM "Finding" WHERE "runId" = ? AND "code" = 'INVALID_VALUE'`, first.id)).toBe("critical");
    // Lines: the header is line 1, so the planted rows follow the good ones.
    const firstBadLine = 2 + VIEWS_DAY1 + goodPurchases(DAY1).length;
    const lines = db.prepare(`SELECT "line" AS v FROM "QuarantinedRow" WHERE "runId" = ? AND "reason" = 'INVALID_VALUE' ORDER BY "line"`).all(first.id) as { v: number }[];
    expect(lines.map((l) => l.v)).toEqual(invalidValues.map((_, i) => firstBadLine + i));
    // Nothing stored carries a NUL, and no stored value is anywhere near 1 MiB.
    for (const table of ["QuarantinedRow"]) {
      expect(scalar(`SELECT COUNT(*) AS v FROM "${table}" WHERE instr("valuesJson", char(0)) > 0 OR instr("detail", char(0)) > 0`)).toBe(0);
      expect(scalar(`SELECT MAX(length("valuesJson")) AS v FROM "${table}" WHERE "runId" = ?`, first.id)).toBeLessThan(70_000);
    }
    expect(storedEvents(db).filter((e) => [e.pageUrl, e.clientId, e.itemsJson].some((v) => typeof v === "string" && v.includes("\u0000")))).toEqual([]);
    const detail = (line: number) => scalar(`SELECT "detail" AS v FROM "QuarantinedRow" WHERE "runId" = ? AND "line" = ?`, first.id, line) as unknown as string;
    expect(detail(firstBadLine)).toBe("BAD-1: revenue 1e+308: above the ceiling of 1000000 per order");
    expect(detail(firstBadLine + 8)).toBe("event_data: 1100010 characters, over the 1 MiB (UTF-8) field limit");
  });

  it("loads the good rows: orders and revenue are exactly the planted good purchases plus the flagged ones", () => {
    expect(storedEvents(db, first.id).length).toBe(first.loadedRows);
    expect(scalar(`SELECT COUNT(*) AS v FROM "Order" WHERE "runId" = ?`, first.id)).toBe(goodPurchases(DAY1).length + droppedItemValues.length);
    expect(scalar(`SELECT SUM("revenueCents") AS v FROM "Order" WHERE "runId" = ?`, first.id)).toBe(GOOD_REVENUE_CENTS + DROPPED_REVENUE_CENTS);
    expect(scalar(`SELECT SUM("count") AS v FROM "Finding" WHERE "runId" = ? AND "code" = 'INVALID_ITEM_VALUE'`, first.id)).toBe(droppedItemValues.length);
    const dropped = db.prepare(`SELECT "orderId", "quantity", "itemPrice" FROM "OrderItem" WHERE "runId" = ? AND "orderId" LIKE 'ITEM-%' ORDER BY "orderId"`).all(first.id);
    expect(dropped).toEqual([
      { orderId: "ITEM-1", quantity: null, itemPrice: 10 },
      { orderId: "ITEM-2", quantity: 1, itemPrice: null },
    ]);
  });

  it("a later run on the same data set (plus a new day) succeeds: the data set is not poisoned", () => {
    storePartition(db, "events_20250302.csv", bytes(DAY2, day2Rows), t.dir);
    const second = run();
    expect(second).toMatchObject({
      status: "succeeded",
      error: null,
      inputRows: day1Rows.length + day2Rows.length,
      loadedRows: first.loadedRows + day2Rows.length,
      quarantinedRows: invalidValues.length + absurdTimestamps.length,
    });
    expect(scalar(`SELECT SUM("revenueCents") AS v FROM "Order" WHERE "runId" = ?`, second.id)).toBe(2 * GOOD_REVENUE_CENTS + DROPPED_REVENUE_CENTS);
    const third = run(); // a plain re-run of the unchanged data set
    expect(third).toMatchObject({ status: "succeeded", inputRows: second.inputRows, loadedRows: second.loadedRows, quarantinedRows: second.quarantinedRows });
  });
});
