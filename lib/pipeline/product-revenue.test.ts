/**
 * Product revenue reconciles to order revenue (docs/metrics.md): priced items count price x
 * quantity; the revenue they leave is allocated to the items without a price by quantity, to the
 * cent by largest remainder, and marked estimated. Every expected amount is worked out by hand in
 * the comments, from hand-made exports run through the whole pipeline.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { csvFile, eventRow, purchaseData } from "@/test/csv-builder";
import { runPipeline, type PipelineResult } from "./index";
import { allocate, itemRevenue } from "./product-revenue";

describe("allocate (largest remainder)", () => {
  it("splits by quantity and gives the leftover cents to the largest remainders, ties to the earlier item", () => {
    // $60.00 over quantities 1 and 2: 2,000 and 4,000 cents exactly.
    expect(allocate(6_000, [1, 2])).toEqual([2_000, 4_000]);
    // $100.00 over three equal quantities: 3,333.33 each; 1 cent left, the first item gets it.
    expect(allocate(10_000, [1, 1, 1])).toEqual([3_334, 3_333, 3_333]);
    // 701 cents over 1, 2, 4 (of 7): 100.14, 200.29, 400.57; floors 700, the cent goes to the .57.
    expect(allocate(701, [1, 2, 4])).toEqual([100, 200, 401]);
    // 5 cents over 1, 1, 1: 1.67 each; floors 3, two cents left: the first two items.
    expect(allocate(5, [1, 1, 1])).toEqual([2, 2, 1]);
    // A missing quantity counts as one unit: 1,000 over (1), 3 = 250 and 750.
    expect(allocate(1_000, [null, 3])).toEqual([250, 750]);
    // Fractional quantities split exactly: 1,000 over 0.5 and 1.5 = 250 and 750.
    expect(allocate(1_000, [0.5, 1.5])).toEqual([250, 750]);
    // Every quantity 0: equal shares (1,001 over two: 500.5 each, the cent to the first).
    expect(allocate(1_001, [0, 0])).toEqual([501, 500]);
  });

  it("always sums to the total, to the cent", () => {
    for (const [total, qs] of [[99_999_999, [3, 7, 11, 13]], [1, [1, 1, 1, 1]], [12_345, [0.1, 0.2, 0.3]], [7, [100_000, 1]]] as [number, number[]][]) {
      expect(allocate(total, qs).reduce((a, b) => a + b, 0)).toBe(total);
    }
  });
});

describe("itemRevenue", () => {
  const item = (item_price: number | null, quantity: number | null) => ({ item_price, quantity });

  it("allocates revenue - priced items to the unpriced items", () => {
    // Revenue $100.00, one priced item $40 x 1, two unpriced items of quantity 1 and 2: $60.00
    // left, split 1:2 = $20.00 and $40.00 estimated.
    expect(itemRevenue(10_000, [item(40, 1), item(null, 1), item(null, 2)])).toEqual({
      cents: [4_000, 2_000, 4_000], estimated: [false, true, true], pricedCents: 4_000, estimatedCents: 6_000, unexplainedCents: 6_000, unpriced: 2,
    });
  });

  it("does not allocate when priced items reach or exceed the revenue, or every item is priced", () => {
    // $50.00 revenue, priced $60.00: nothing left, the unpriced item holds $0 (still estimated).
    expect(itemRevenue(5_000, [item(60, 1), item(null, 1)])).toMatchObject({ cents: [6_000, 0], estimated: [false, true], estimatedCents: 0, unexplainedCents: -1_000 });
    // Exactly reached: $0 left.
    expect(itemRevenue(6_000, [item(60, 1), item(null, 2)])).toMatchObject({ cents: [6_000, 0], estimatedCents: 0, unexplainedCents: 0 });
    // All priced, revenue $120.00 above the $100.00 of items: $20.00 stays unexplained.
    expect(itemRevenue(12_000, [item(100, 1)])).toMatchObject({ cents: [10_000], estimated: [false], estimatedCents: 0, unexplainedCents: 2_000, unpriced: 0 });
  });

  it("rounds each priced line to the cent as order revenue is rounded", () => {
    // 19.99 x 3 = 59.97 (59.969999... in binary) → 5,997 cents.
    expect(itemRevenue(5_997, [item(19.99, 3)]).cents).toEqual([5_997]);
  });
});

describe("product revenue through the pipeline", () => {
  let result: PipelineResult;
  const at = (day: string, hh: string) => `${day}T${hh}:00:00.000Z`;
  const buy = (client: string, ts: string, tx: string, revenue: number, items: { id: string; price: number | null; qty: number | null }[]) =>
    eventRow({ client, ts, event: "checkout_completed", data: purchaseData(tx, revenue, items) });

  beforeAll(() => {
    const d1 = "2025-02-23";
    const d2 = "2025-02-24";
    const t1 = buy("c1", at(d1, "10"), "T1", 100, [{ id: "A", price: 40, qty: 1 }, { id: "B", price: null, qty: 1 }, { id: "C", price: null, qty: 2 }]);
    result = runPipeline([
      csvFile("events_20250223.csv", [
        t1,
        // Every item without a price: $100.00 over three units.
        buy("c2", at(d1, "11"), "T2", 100, [{ id: "A", price: null, qty: 1 }, { id: "B", price: null, qty: 1 }, { id: "C", price: null, qty: 1 }]),
        // $10.00 revenue, $2.99 priced: 701 cents over quantities 1, 2, 4.
        buy("c3", at(d1, "12"), "T3", 10, [{ id: "D", price: 2.99, qty: 1 }, { id: "B", price: null, qty: 1 }, { id: "C", price: null, qty: 2 }, { id: "E", price: null, qty: 4 }]),
      ]),
      csvFile("events_20250224.csv", [
        // T1 replayed with an identical payload: one order, its items counted once (on the 23rd).
        [...t1.slice(0, 3), at(d2, "09"), ...t1.slice(4)],
        // Priced items ($60.00) above the revenue ($50.00): nothing to allocate, B gets $0.
        buy("c4", at(d2, "10"), "T4", 50, [{ id: "A", price: 60, qty: 1 }, { id: "B", price: null, qty: 1 }]),
        // Every item priced, revenue $20.00 above them: nothing to allocate to.
        buy("c5", at(d2, "11"), "T5", 120, [{ id: "A", price: 100, qty: 1 }]),
        // Every item priced and matching.
        buy("c6", at(d2, "12"), "T6", 30, [{ id: "F", price: 15, qty: 2 }]),
        // A price without a quantity (weight 1) and a quantity without a price: $10.00 as 1:3.
        buy("c7", at(d2, "13"), "T7", 10, [{ id: "G", price: 5, qty: null }, { id: "B", price: null, qty: 3 }]),
      ]),
    ]);
  });

  const items = () =>
    (result.orderItems.objects() as { order_id: string; item_id: string; revenue_cents: number; revenue_estimated: boolean }[]).map((i) => [i.order_id, i.item_id, i.revenue_cents, i.revenue_estimated]);

  it("stores each item's product revenue and whether it is estimated", () => {
    expect(result.orders.numRows()).toBe(7);
    expect(items()).toEqual([
      ["T1", "A", 4_000, false], ["T1", "B", 2_000, true], ["T1", "C", 4_000, true], // $60.00 left, 1:2
      ["T2", "A", 3_334, true], ["T2", "B", 3_333, true], ["T2", "C", 3_333, true], // $100.00 in thirds, the cent to A
      ["T3", "D", 299, false], ["T3", "B", 100, true], ["T3", "C", 200, true], ["T3", "E", 401, true], // 701 cents, the cent to E (.57)
      ["T4", "A", 6_000, false], ["T4", "B", 0, true], // priced beyond revenue: no allocation
      ["T5", "A", 10_000, false], // revenue above items: stays unexplained
      ["T6", "F", 3_000, false],
      ["T7", "G", 250, true], ["T7", "B", 750, true], // $10.00 as 1 (no quantity) : 3
    ]);
  });

  it("finds ITEM_PRICE_MISSING per file: items, orders and the revenue allocated", () => {
    const found = result.quality.findings.filter((f) => f.code === "ITEM_PRICE_MISSING").map(({ severity, file, day, count, message }) => ({ severity, file, day, count, message }));
    // 23rd: T1 2 items + T2 3 + T3 3 = 8 items in 3 orders, $60.00 + $100.00 + $7.01 = $167.01.
    // 24th: T4 1 item (nothing left) + T7 2 = 3 items in 2 orders, $10.00 (T1's replay is not counted again).
    expect(found).toEqual([
      {
        severity: "warning", file: "events_20250223.csv", day: "2025-02-23", count: 8,
        message: "8 items in 3 orders have no price (or no quantity): the $167.01 of those orders' revenue that their priced items do not explain is allocated to them by quantity and shown as estimated product revenue.",
      },
      {
        severity: "warning", file: "events_20250224.csv", day: "2025-02-24", count: 3,
        message: "3 items in 2 orders have no price (or no quantity): the $10.00 of those orders' revenue that their priced items do not explain is allocated to them by quantity and shown as estimated product revenue. In 1 order the priced items already reach the revenue, so its unpriced items get $0.",
      },
    ]);
    // The finding counts exactly the estimated items of the order items table.
    expect(items().filter((i) => i[3]).length).toBe(8 + 3);
    // Each of those orders is also a REVENUE_ITEMS_MISMATCH (as is T5).
    expect(result.quality.findings.filter((f) => f.code === "REVENUE_ITEMS_MISMATCH").reduce((s, f) => s + f.count, 0)).toBe(7);
  });

  it("passes product_revenue_reconciles with the exceptions named", () => {
    const check = result.validation.find((c) => c.name === "product_revenue_reconciles")!;
    // Priced: 40 + 0 + 2.99 + 60 + 100 + 30 + 0 = 232.99; estimated: 60 + 100 + 7.01 + 0 + 10 =
    // 177.01; product revenue 410.00 = order revenue 420.00 + 10.00 (T4) - 20.00 (T5).
    expect(check).toEqual({
      name: "product_revenue_reconciles",
      passed: true,
      detail: "product revenue $410.00 ($232.99 priced + $177.01 estimated in 4 orders with unpriced items) = order revenue $420.00 + $10.00 priced beyond the revenue of 1 orders - $20.00 not explained by the fully priced items of 1 orders; 0 orders and 0 items off",
    });
    expect(result.validation.filter((c) => !c.passed)).toEqual([]);
  });
});
