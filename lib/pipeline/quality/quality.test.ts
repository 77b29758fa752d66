import { describe, expect, it } from "vitest";
import { csvFile, eventRow, HEADER, purchaseData } from "@/test/csv-builder";
import { runPipeline, type FindingCode } from "@/lib/pipeline";

const day = "2025-02-23";
const at = (hh: string) => `${day}T${hh}.000Z`;
const file = (rows: string[][], header = HEADER, name = "events_20250223.csv") => csvFile(name, rows, header);

function findings(rows: string[][], header = HEADER) {
  const r = runPipeline([file(rows, header)]);
  const byCode = (code: FindingCode) => r.quality.findings.filter((f) => f.code === code).reduce((s, f) => s + f.count, 0);
  return { r, byCode };
}

const clean = (n: number) => Array.from({ length: n }, (_, i) => eventRow({ client: `c${i % 7}`, ts: at(`10:${String(i % 60).padStart(2, "0")}:00`) }));

describe("quality checks", () => {
  it("clean data: no row-level findings and everything loaded", () => {
    const { r, byCode } = findings(clean(20));
    expect(r.quality.accounting).toMatchObject({ inputRows: 20, loadedRows: 20, quarantinedRows: 0, duplicateRows: 0, balanced: true });
    for (const code of ["INVALID_PURCHASE", "DUPLICATE_ROW", "UNKNOWN_EVENT", "INVALID_TIMESTAMP", "NULL_CLIENT_ID"] as FindingCode[]) expect(byCode(code)).toBe(0);
  });

  it("HEADER_ALIAS: clientId is read as client_id", () => {
    const header = HEADER.map((h) => (h === "client_id" ? "clientId" : h));
    const { r, byCode } = findings(clean(3), header);
    expect(byCode("HEADER_ALIAS")).toBe(3);
    expect(r.files[0]!.headerVariant).toBe("aliased");
    expect(r.events.array("client_id")).toContain("c0");
  });

  it("MISSING_COLUMN: a file without referrer gets explicit nulls and a finding", () => {
    const header = HEADER.filter((h) => h !== "referrer");
    const rows = clean(4).map((row) => row.filter((_, i) => i !== 2));
    const { r, byCode } = findings(rows, header);
    expect(byCode("MISSING_COLUMN")).toBe(4);
    expect(r.files[0]!.missingColumns).toEqual(["referrer"]);
    expect(r.events.array("referrer")).toEqual([null, null, null, null]);
    expect(r.quality.accounting.loadedRows).toBe(4);
  });

  it("NULL_CLIENT_ID: empty client ids are counted, kept and flagged", () => {
    const rows = [...clean(8), eventRow({ client: "", ts: at("11:00:00") }), eventRow({ client: "", ts: at("11:01:00") })];
    const { r, byCode } = findings(rows);
    expect(byCode("NULL_CLIENT_ID")).toBe(2);
    expect(r.quality.files[0]!.nullClientIdRate).toBeCloseTo(0.2);
    expect(r.quality.accounting.loadedRows).toBe(10);
  });

  it("NULL_CLIENT_ID_SPIKE: a day far above the other days is flagged, normal days are not", () => {
    const mk = (name: string, d: string, empty: number) =>
      csvFile(name, Array.from({ length: 100 }, (_, i) => eventRow({ client: i < empty ? "" : `c${i}`, ts: `${d}T10:00:${String(i % 60).padStart(2, "0")}.000Z` })));
    const r = runPipeline([mk("events_20250223.csv", "2025-02-23", 1), mk("events_20250224.csv", "2025-02-24", 1), mk("events_20250225.csv", "2025-02-25", 2), mk("events_20250226.csv", "2025-02-26", 15)]);
    const spikes = r.quality.findings.filter((f) => f.code === "NULL_CLIENT_ID_SPIKE");
    expect(spikes.map((f) => f.day)).toEqual(["2025-02-26"]);
  });

  it("INVALID_TIMESTAMP and TIMESTAMP_OUTSIDE_PARTITION", () => {
    const rows = [...clean(3), eventRow({ ts: "2025-02-31T10:00:00.000Z" }), eventRow({ ts: "not-a-date" }), eventRow({ ts: "2025-02-24T00:00:01.000Z" })];
    const { r, byCode } = findings(rows);
    expect(byCode("INVALID_TIMESTAMP")).toBe(2);
    expect(byCode("TIMESTAMP_OUTSIDE_PARTITION")).toBe(1);
    expect(r.quality.accounting).toMatchObject({ loadedRows: 4, quarantinedRows: 2 });
    expect(r.daily.map((d) => d.day)).toEqual(["2025-02-23", "2025-02-24"]);
  });

  it("UNKNOWN_EVENT quarantines; `purchase` is accepted as checkout_completed", () => {
    const rows = [
      ...clean(2),
      eventRow({ ts: at("12:00:00"), event: "scroll_depth" }),
      eventRow({ ts: at("12:01:00"), event: "purchase", data: purchaseData("T1", 100, [{ id: "A", price: 100, qty: 1 }]) }),
    ];
    const { r, byCode } = findings(rows);
    expect(byCode("UNKNOWN_EVENT")).toBe(1);
    expect(r.events.array("event_name")).toContain("checkout_completed");
    expect(r.quarantined.map((q) => q.reason)).toEqual(["UNKNOWN_EVENT"]);
  });

  it("INVALID_JSON: a purchase is quarantined, another event is kept and flagged", () => {
    const rows = [...clean(2), eventRow({ ts: at("12:00:00"), event: "checkout_completed", data: '{"transaction_id":"T1","revenue":' }), eventRow({ ts: at("12:01:00"), event: "email_filled_on_popup", data: '{"user_email":"ab' })];
    const { r, byCode } = findings(rows);
    expect(byCode("INVALID_JSON")).toBe(2);
    expect(r.quality.accounting).toMatchObject({ loadedRows: 3, quarantinedRows: 1 });
  });

  it("INVALID_PURCHASE: revenue 0 with all-null items, or no transaction id, is quarantined", () => {
    const rows = [
      ...clean(2),
      eventRow({ ts: at("12:00:00"), event: "checkout_completed", data: purchaseData("T1", 0, [{ id: null, price: null, qty: null }]) }),
      eventRow({ ts: at("12:01:00"), event: "checkout_completed", data: { revenue: 10, items: [{ item_id: "A", quantity: 1, item_price: 10 }] } }),
      eventRow({ ts: at("12:02:00"), event: "checkout_completed", data: purchaseData("T3", 50, [{ id: "A", price: 50, qty: 1 }]) }),
    ];
    const { r, byCode } = findings(rows);
    expect(byCode("INVALID_PURCHASE")).toBe(2);
    expect(r.quarantined.every((q) => q.reason === "INVALID_PURCHASE")).toBe(true);
    expect(r.quality.accounting.loadedRows).toBe(3);
  });

  it("DUPLICATE_ROW: exact copies are dropped and counted; a copy of a quarantined row stays quarantined", () => {
    const row = eventRow({ ts: at("09:00:00") });
    const bad = eventRow({ ts: at("09:30:00"), event: "bogus" });
    const { r, byCode } = findings([row, row, row, bad, bad, ...clean(2)]);
    expect(byCode("DUPLICATE_ROW")).toBe(2);
    expect(r.quality.accounting).toMatchObject({ inputRows: 7, loadedRows: 3, quarantinedRows: 2, duplicateRows: 2, balanced: true });
  });

  it("DUPLICATE_ROW: rows sharing time, client and event but differing in any other column are kept", () => {
    const base = { ts: at("09:00:00") };
    const rows = [
      eventRow(base),
      eventRow({ ...base, url: "https://shop.example/products/pillow" }),
      eventRow({ ...base, referrer: "https://www.google.com/" }),
      eventRow({ ...base, ua: "curl/8.0" }),
      eventRow({ ...base, url: "https://shop.example/products/pillow" }),
    ];
    const { r, byCode } = findings(rows);
    expect(byCode("DUPLICATE_ROW")).toBe(1);
    expect(r.quality.accounting).toMatchObject({ inputRows: 5, loadedRows: 4, duplicateRows: 1 });
  });

  it("DUPLICATE_ROW: many distinct rows at one instant still find exactly their copies (and the first copy they repeat)", () => {
    const ts = at("09:00:00");
    const distinct = Array.from({ length: 40 }, (_, i) => eventRow({ ts, client: `client-${i}` }));
    const rows = [...distinct, distinct[3]!, distinct[37]!, distinct[37]!];
    const { r, byCode } = findings(rows);
    expect(byCode("DUPLICATE_ROW")).toBe(3);
    expect(r.quality.accounting).toMatchObject({ inputRows: 43, loadedRows: 40, duplicateRows: 3 });
    const examples = r.quality.findings.find((f) => f.code === "DUPLICATE_ROW")!.examples.map((e) => e.value);
    expect(examples.some((v) => v.includes("line 5:"))).toBe(true);
    expect(examples.some((v) => v.includes("line 39:"))).toBe(true);
  });

  it("TRANSACTION_ID_COLLISION counts ids shared by different purchases; identical replays are not collisions", () => {
    const p1 = purchaseData("T1", 100, [{ id: "A", price: 100, qty: 1 }]);
    const p2 = purchaseData("T1", 250, [{ id: "B", price: 250, qty: 1 }]);
    const rows = [
      eventRow({ client: "a", ts: at("10:00:00"), event: "checkout_completed", data: p1 }),
      eventRow({ client: "b", ts: at("15:00:00"), event: "checkout_completed", data: p2 }),
      eventRow({ client: "c", ts: at("16:00:00"), event: "checkout_completed", data: purchaseData("T2", 10, [{ id: "A", price: 10, qty: 1 }]) }),
      eventRow({ client: "c", ts: at("16:00:05"), event: "checkout_completed", data: purchaseData("T2", 10, [{ id: "A", price: 10, qty: 1 }]) }),
    ];
    const { byCode } = findings(rows);
    expect(byCode("TRANSACTION_ID_COLLISION")).toBe(1);
  });

  it("REVENUE_ITEMS_MISMATCH: revenue vs price x quantity, and unpriced items", () => {
    const rows = [
      eventRow({ ts: at("10:00:00"), event: "checkout_completed", data: purchaseData("T1", 204, [{ id: "A", price: 204, qty: 2 }]) }),
      eventRow({ ts: at("10:01:00"), event: "checkout_completed", data: purchaseData("T2", 50, [{ id: "A", price: null, qty: 1 }]) }),
      eventRow({ ts: at("10:02:00"), event: "checkout_completed", data: purchaseData("T3", 30.3, [{ id: "A", price: 10.1, qty: 3 }]) }),
    ];
    const { byCode } = findings(rows);
    expect(byCode("REVENUE_ITEMS_MISMATCH")).toBe(2);
  });

  it("REVENUE_OUTLIER: far above the run's purchases", () => {
    const normal = [900, 1000, 1100, 950, 1050, 1200, 800, 1000, 990];
    const rows = [...normal, 48_000].map((v, i) =>
      eventRow({ client: `c${i}`, ts: at(`1${i % 10}:00:00`), event: "checkout_completed", data: purchaseData(`T${i}`, v, [{ id: "A", price: v, qty: 1 }]) }),
    );
    const { r, byCode } = findings(rows);
    expect(byCode("REVENUE_OUTLIER")).toBe(1);
    expect(r.quality.revenueOutlierThreshold).toBeGreaterThan(1200);
  });

  it("MALFORMED_ROW: a row with the wrong number of fields is quarantined with its line", () => {
    const rows = [...clean(2), ["only", "three", "fields"]];
    const { r, byCode } = findings(rows);
    expect(byCode("MALFORMED_ROW")).toBe(1);
    expect(r.quarantined[0]).toMatchObject({ reason: "MALFORMED_ROW", line: 4, file: "events_20250223.csv" });
  });

  it("scores files by the documented rule", () => {
    const rows = [...clean(8), eventRow({ client: "", ts: at("11:00:00") }), eventRow({ ts: at("11:00:01"), event: "bogus" })];
    const { r } = findings(rows);
    expect(r.quality.files[0]!.score).toBe(80);
  });
});
