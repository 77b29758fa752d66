/**
 * Values that cannot be stored or would distort a number: INVALID_VALUE quarantines the row,
 * INVALID_ITEM_VALUE drops an item quantity or price and keeps the order. Every expected count is
 * the number of rows planted by the test itself.
 */
import { describe, expect, it } from "vitest";
import { csvFile, eventRow, HEADER, purchaseData } from "@/test/csv-builder";
import { MAX_FIELD_BYTES, MAX_ITEM_PRICE, MAX_ITEM_QUANTITY, MAX_ORDER_REVENUE, runPipeline, type FindingCode, type PipelineResult } from "@/lib/pipeline";
import { MAX_STORED_VALUE_CHARS } from "@/lib/pipeline/limits";
import { col } from "@/lib/pipeline/table";

const day = "2025-02-23";
const at = (mm: number, ss = 0) => `${day}T10:${String(mm).padStart(2, "0")}:${String(ss).padStart(2, "0")}.000Z`;
const clean = (n: number) => Array.from({ length: n }, (_, i) => eventRow({ client: `c${i % 5}`, ts: at(i % 60) }));
/** A purchase row whose event_data is the given JSON text, written as is (so `1e400` or `-0` survive). */
const purchaseText = (ts: string, json: string) => eventRow({ ts, event: "checkout_completed", data: json });
const itemsJson = (tx: string, revenue: string, items: string) =>
  `{"transaction_id":${tx},"revenue":${revenue},"items":[${items}],"user_email":"ab12"}`;
const item = (id: string, qty: string, price: string) => `{"item_id":${id},"item_name":"Pillow","item_variant":null,"quantity":${qty},"item_price":${price}}`;

function run(rows: string[][], header = HEADER) {
  const r = runPipeline([csvFile(`events_${day.replace(/-/g, "")}.csv`, rows, header)]);
  const count = (code: FindingCode) => r.quality.findings.filter((f) => f.code === code).reduce((s, f) => s + f.count, 0);
  const reasons = (reason: string) => r.quarantined.filter((q) => q.reason === reason);
  return { r, count, reasons };
}

/** What a stored quarantined row must satisfy: no NUL and no value above the stored limit. */
function expectStorable(r: PipelineResult) {
  for (const q of r.quarantined) {
    const json = JSON.stringify(q.values);
    expect(json.includes("\u0000") || q.detail.includes("\u0000")).toBe(false);
    for (const v of Object.values(q.values)) expect((v ?? "").length).toBeLessThanOrEqual(MAX_STORED_VALUE_CHARS + 40);
    expect(q.detail.length).toBeLessThan(400);
  }
  for (const f of r.quality.findings) for (const e of f.examples) expect(e.value.includes("\u0000")).toBe(false);
}

describe("INVALID_VALUE: purchase revenue", () => {
  it("quarantines revenue that is not finite, NaN-like, negative zero or above the ceiling; keeps the ceiling itself", () => {
    const bad = [
      purchaseText(at(20), itemsJson('"R1"', "1e308", item('"A"', "1", "10"))), // finite, but x100 is Infinity
      purchaseText(at(21), itemsJson('"R2"', "1e400", item('"A"', "1", "10"))), // parses to Infinity
      purchaseText(at(22), itemsJson('"R3"', '"NaN"', item('"A"', "1", "10"))),
      purchaseText(at(23), itemsJson('"R4"', '"Infinity"', item('"A"', "1", "10"))),
      purchaseText(at(24), itemsJson('"R5"', "-0", item('"A"', "1", "10"))),
      purchaseText(at(25), itemsJson('"R6"', String(MAX_ORDER_REVENUE + 0.01), item('"A"', "1", "10"))),
      purchaseText(at(26), itemsJson('"R7"', '"abc"', item('"A"', "1", "10"))),
    ];
    const good = [
      purchaseText(at(30), itemsJson('"G1"', String(MAX_ORDER_REVENUE), item('"A"', "1", String(MAX_ORDER_REVENUE)))),
      purchaseText(at(31), itemsJson('"G2"', '"12.50"', item('"A"', "1", "12.5"))),
    ];
    const invalidPurchase = [purchaseText(at(40), itemsJson('"P1"', "null", item('"A"', "1", "10"))), purchaseText(at(41), itemsJson('"P2"', "-5", item('"A"', "1", "10")))];
    const { r, count, reasons } = run([...clean(4), ...bad, ...good, ...invalidPurchase]);
    expect(count("INVALID_VALUE")).toBe(bad.length);
    expect(count("INVALID_PURCHASE")).toBe(invalidPurchase.length);
    expect(reasons("INVALID_VALUE").map((q) => q.detail)).toEqual([
      "R1: revenue 1e+308: above the ceiling of 1000000 per order",
      "R2: revenue Infinity: not a finite number",
      'R3: revenue "NaN": not a finite number',
      'R4: revenue "Infinity": not a finite number',
      "R5: revenue -0: negative zero",
      "R6: revenue 1000000.01: above the ceiling of 1000000 per order",
      'R7: revenue "abc": not a finite number',
    ]);
    expect(r.quality.accounting).toMatchObject({ inputRows: 4 + 7 + 2 + 2, loadedRows: 4 + 2, quarantinedRows: 7 + 2, duplicateRows: 0, balanced: true });
    expect(col<string>(r.orders, "order_id")).toEqual(["G1", "G2"]);
    expect(col<number>(r.orders, "revenue_cents")).toEqual([MAX_ORDER_REVENUE * 100, 1250]);
    expect(r.quality.findings.find((f) => f.code === "INVALID_VALUE")!.severity).toBe("critical");
    expectStorable(r);
  });

  it("quarantines a purchase whose numeric transaction id or item id is past 2^53 (it cannot be read exactly)", () => {
    const rows = [
      purchaseText(at(20), itemsJson("9007199254740993", "10", item('"A"', "1", "10"))),
      purchaseText(at(21), itemsJson('"T2"', "10", item("12345678901234567890", "1", "10"))),
      purchaseText(at(22), itemsJson("9007199254740991", "10", item("42", "1", "10"))), // the largest safe integer: fine
    ];
    const { r, count, reasons } = run([...clean(2), ...rows]);
    expect(count("INVALID_VALUE")).toBe(2);
    expect(reasons("INVALID_VALUE").map((q) => q.detail)).toEqual([
      "9007199254740992: transaction_id 9007199254740992: a number that cannot be read exactly (not an integer below 2^53)",
      "T2: items[0].item_id 12345678901234567000: a number that cannot be read exactly (not an integer below 2^53)",
    ]);
    expect(col<string>(r.orders, "transaction_id")).toEqual(["9007199254740991"]);
  });
});

describe("INVALID_VALUE: text that cannot be stored", () => {
  it("quarantines a NUL character in any export column, raw or escaped inside event_data", () => {
    const bad = [
      eventRow({ ts: at(20), client: "c\u0000x" }),
      eventRow({ ts: at(21), url: "https://shop.example/products/a\u0000b" }),
      eventRow({ ts: at(22), referrer: "https://www.google.com/\u0000" }),
      eventRow({ ts: at(23), ua: "Mozilla/5.0\u0000" }),
      eventRow({ ts: at(24), event: "page_viewed\u0000" }), // INVALID_VALUE comes before UNKNOWN_EVENT
      eventRow({ ts: `${at(25)}\u0000` }), // ... and before INVALID_TIMESTAMP
      eventRow({ ts: at(26), event: "email_filled_on_popup", data: '{"user_email":"a\u0000b"}' }),
      purchaseText(at(27), itemsJson('"T\\u0000X"', "10", item('"A"', "1", "10"))), // JSON escape: NUL only after parsing
      purchaseText(at(28), itemsJson('"T9"', "10", `{"item_id":"A","item_name":"Pil\\u0000low","quantity":1,"item_price":10}`)),
    ];
    const { r, count, reasons } = run([...clean(5), ...bad]);
    expect(count("INVALID_VALUE")).toBe(bad.length);
    expect(r.quality.accounting).toMatchObject({ inputRows: 5 + bad.length, loadedRows: 5, quarantinedRows: bad.length, balanced: true });
    const details = reasons("INVALID_VALUE").map((q) => q.detail);
    expect(details.slice(0, 6).map((d) => d.split(":")[0])).toEqual(["client_id", "page_url", "referrer", "user_agent", "event_name", "timestamp"]);
    expect(details[1]).toBe("page_url: contains a NUL character: https://shop.example/products/a␀b");
    expect(details[6]).toMatch(/^event_data: contains a NUL character/);
    expect(details[7]).toBe('T␀X: transaction_id "T\\u0000X": contains a NUL character');
    expect(details[8]).toBe('T9: items[0].item_name "Pil\\u0000low": contains a NUL character');
    // The stored copy shows the NUL as ␀; nothing loaded carries one.
    expect(reasons("INVALID_VALUE")[1]!.values.page_url).toBe("https://shop.example/products/a␀b");
    expect(col<string | null>(r.events, "page_url").some((u) => u?.includes("\u0000"))).toBe(false);
    expectStorable(r);
  });

  it("quarantines a row with a field over 1 MiB (kept only as a short preview) and loads one of exactly 1 MiB", () => {
    const pad = (bytes: number) => `{"pad":"${"x".repeat(bytes - 10)}"}`; // JSON text of exactly `bytes` characters
    expect(pad(MAX_FIELD_BYTES)).toHaveLength(MAX_FIELD_BYTES);
    const rows = [
      ...clean(3),
      eventRow({ ts: at(20), event: "email_filled_on_popup", data: pad(MAX_FIELD_BYTES) }),
      eventRow({ ts: at(21), event: "email_filled_on_popup", data: pad(MAX_FIELD_BYTES + 1) }),
      eventRow({ ts: at(22), url: `https://shop.example/${"p".repeat(3 * MAX_FIELD_BYTES)}` }),
      // Multi-byte text: under the limit in characters, over it in UTF-8 bytes (3 bytes each).
      eventRow({ ts: at(23), referrer: `https://example.com/${"€".repeat(400_000)}` }),
      ...clean(2).map((row, i) => { row[3] = at(30 + i); return row; }),
    ];
    const { r, count, reasons } = run(rows);
    expect(count("INVALID_VALUE")).toBe(3);
    expect(r.quality.accounting).toMatchObject({ inputRows: 9, loadedRows: 6, quarantinedRows: 3, balanced: true });
    const q = reasons("INVALID_VALUE");
    expect(q.map((x) => [x.line, x.detail])).toEqual([
      [6, `event_data: ${MAX_FIELD_BYTES + 1} characters, over the 1 MiB (UTF-8) field limit`],
      [7, `page_url: ${"https://shop.example/".length + 3 * MAX_FIELD_BYTES} characters, over the 1 MiB (UTF-8) field limit`],
      [8, `referrer: ${"https://example.com/".length + 400_000} characters, over the 1 MiB (UTF-8) field limit`],
    ]);
    expect(q[0]!.values.event_data).toMatch(/^\{"pad":"x+…\[truncated: 1048577 characters\]$/);
    expect(q[0]!.values.event_data!.length).toBeLessThan(1_100);
    // Lines after the long fields keep their place.
    expect([...col<number>(r.events, "line")]).toEqual([2, 3, 4, 5, 9, 10]);
    expectStorable(r);
  });

  it("a quarantined row for another reason is stored with its values made storable", () => {
    const long = "y".repeat(MAX_STORED_VALUE_CHARS + 5);
    const rows = [...clean(2), ["c1\u0000", "https://shop.example/", "", at(40), "page_viewed", "", "ua", "extra"], eventRow({ ts: at(41), event: `bogus${long}` })];
    const { r, count, reasons } = run(rows);
    expect(count("MALFORMED_ROW")).toBe(1);
    expect(count("UNKNOWN_EVENT")).toBe(1);
    expect(reasons("MALFORMED_ROW")[0]!.values.client_id).toBe("c1␀");
    expect(reasons("UNKNOWN_EVENT")[0]!.values.event_name).toBe(`bogus${long.slice(0, MAX_STORED_VALUE_CHARS - 5)}…[truncated: ${long.length + 5} characters]`);
    expect(reasons("UNKNOWN_EVENT")[0]!.detail).toHaveLength(300 + `…[truncated: ${long.length + 5} characters]`.length);
    expectStorable(r);
  });
});

describe("INVALID_ITEM_VALUE: item quantity and price", () => {
  it("drops quantities and prices that are not finite, negative or above their ceiling; the order and its revenue stay", () => {
    const rows = [
      purchaseText(at(20), itemsJson('"Q1"', "10", item('"A"', "1e400", "10"))),
      purchaseText(at(21), itemsJson('"Q2"', "10", item('"A"', "-1", "10"))),
      purchaseText(at(22), itemsJson('"Q3"', "10", item('"A"', String(MAX_ITEM_QUANTITY + 1), "10"))),
      purchaseText(at(23), itemsJson('"Q4"', "10", item('"A"', "9007199254740993", "10"))), // past 2^53
      purchaseText(at(24), itemsJson('"P1"', "10", item('"A"', "1", '"NaN"'))),
      purchaseText(at(25), itemsJson('"P2"', "10", item('"A"', "1", "-10"))),
      purchaseText(at(26), itemsJson('"P3"', "10", `${item('"A"', "1", String(MAX_ITEM_PRICE + 1))},${item('"B"', "-2", "1e999")}`)),
    ];
    const fine = [
      purchaseText(at(30), itemsJson('"F1"', "10", item('"A"', "-0", "10"))), // negative zero reads as zero: not dropped
      purchaseText(at(31), itemsJson('"F2"', "20", item('"A"', String(MAX_ITEM_QUANTITY), "0.0002"))),
    ];
    const { r, count } = run([...clean(3), ...rows, ...fine]);
    expect(count("INVALID_ITEM_VALUE")).toBe(rows.length);
    expect(count("INVALID_VALUE")).toBe(0);
    expect(r.quality.accounting).toMatchObject({ inputRows: 3 + rows.length + fine.length, loadedRows: 3 + rows.length + fine.length, quarantinedRows: 0 });
    const orders = r.orders.objects() as { order_id: string; revenue_cents: number; items_mismatch: boolean }[];
    expect(orders.map((o) => o.order_id)).toEqual(["Q1", "Q2", "Q3", "Q4", "P1", "P2", "P3", "F1", "F2"]);
    expect(orders.every((o) => o.revenue_cents === (o.order_id === "F2" ? 2000 : 1000))).toBe(true);
    expect(orders.filter((o) => o.items_mismatch).map((o) => o.order_id)).toEqual(["Q1", "Q2", "Q3", "Q4", "P1", "P2", "P3", "F1"]);
    const items = r.orderItems.objects() as { order_id: string; quantity: number | null; item_price: number | null }[];
    expect(items.map((i) => [i.order_id, i.quantity, i.item_price])).toEqual([
      ["Q1", null, 10], ["Q2", null, 10], ["Q3", null, 10], ["Q4", null, 10], ["P1", 1, null], ["P2", 1, null], ["P3", 1, null], ["P3", null, null], ["F1", 0, 10], ["F2", MAX_ITEM_QUANTITY, 0.0002],
    ]);
    expect(Object.is(items.find((i) => i.order_id === "F1")!.quantity, -0)).toBe(false);
    const finding = r.quality.findings.find((f) => f.code === "INVALID_ITEM_VALUE")!;
    expect(finding.severity).toBe("warning");
    expect(finding.examples.map((e) => e.value)).toEqual([
      "Q1: items[0].quantity Infinity: not a finite number",
      "Q2: items[0].quantity -1: negative",
      `Q3: items[0].quantity ${MAX_ITEM_QUANTITY + 1}: above the ceiling of ${MAX_ITEM_QUANTITY}`,
      `Q4: items[0].quantity 9007199254740992: above the ceiling of ${MAX_ITEM_QUANTITY}`,
      'P1: items[0].item_price "NaN": not a finite number',
    ]);
    // Dropped values do not make the purchase clean: the file's score counts them as flagged.
    expect(r.quality.files[0]!.cleanRows).toBe(3 + 1);
  });
});

describe("INVALID_TIMESTAMP: absurd years", () => {
  it("quarantines well-formed timestamps outside 2000–2099 and says so", () => {
    const bad = ["9999-12-31T10:00:00.000Z", "0025-02-23T10:00:00.000Z", "1970-01-01T00:00:00.000Z", "2100-01-01T00:00:00.000Z", "1999-12-31T23:59:59.999Z"];
    const { r, count, reasons } = run([...clean(3), ...bad.map((ts) => eventRow({ ts })), eventRow({ ts: "2000-01-01T00:00:00.000Z" }), eventRow({ ts: "2099-12-31T23:59:59.999Z" })]);
    expect(count("INVALID_TIMESTAMP")).toBe(bad.length);
    expect(reasons("INVALID_TIMESTAMP").map((q) => q.detail)).toEqual(bad.map((ts) => `${ts} (year outside 2000–2099)`));
    expect(count("TIMESTAMP_OUTSIDE_PARTITION")).toBe(2);
    expect(r.daily.map((d) => d.day)).toEqual(["2000-01-01", day, "2099-12-31"]);
  });
});

describe("rule order", () => {
  it("a row is quarantined once, for its first reason: MALFORMED_ROW, then INVALID_VALUE, then the rest", () => {
    const rows = [
      ...clean(2),
      ["c\u0000", "u", "", at(50), "page_viewed"], // too few fields and a NUL: malformed first
      eventRow({ ts: "9999-01-01T00:00:00.000Z", url: "https://shop.example/\u0000" }), // NUL before the absurd year
      purchaseText("bad-ts", itemsJson("null", "1e308", "")), // revenue before timestamp and before INVALID_PURCHASE
    ];
    const { r } = run(rows);
    expect(r.quarantined.map((q) => q.reason)).toEqual(["MALFORMED_ROW", "INVALID_VALUE", "INVALID_VALUE"]);
    expect(r.quality.accounting).toMatchObject({ inputRows: 5, loadedRows: 2, quarantinedRows: 3, balanced: true });
  });
});
