/**
 * Acceptance on the real 9-day sample export: the defect classes it is known to contain are
 * found with their exact counts, and every row is accounted for.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readSources } from "@/lib/io/read-sources";
import { runPipeline, type FindingCode, type PipelineResult } from "@/lib/pipeline";
import { sampleExportDir } from "../sample-export";

let result: PipelineResult;
const total = (code: FindingCode) => result.quality.findings.filter((f) => f.code === code).reduce((s, f) => s + f.count, 0);
const files = (code: FindingCode) => result.quality.findings.filter((f) => f.code === code).map((f) => f.file);

beforeAll(() => {
  result = runPipeline(readSources([sampleExportDir()]));
});

describe("sample export acceptance", () => {
  it("accounts for every input row, per file and in total", () => {
    expect(result.quality.accounting).toEqual({ inputRows: 33_008, loadedRows: 33_002, quarantinedRows: 6, duplicateRows: 0, balanced: true });
    for (const f of result.quality.files) expect(f.inputRows).toBe(f.loadedRows + f.quarantinedRows + f.duplicateRows);
    expect(result.events.numRows()).toBe(33_002);
  });

  it("finds the header alias drift in the last five files", () => {
    expect(files("HEADER_ALIAS")).toEqual(["events_20250227.csv", "events_20250228.csv", "events_20250301.csv", "events_20250302.csv", "events_20250303.csv"]);
    expect(result.files.filter((f) => f.missingColumns.length > 0)).toEqual([]);
  });

  it("quarantines the six zero-revenue purchases with null items", () => {
    expect(total("INVALID_PURCHASE")).toBe(6);
    expect(result.quarantined.every((q) => q.reason === "INVALID_PURCHASE")).toBe(true);
  });

  it("flags the three transaction ids used by two different purchases", () => {
    expect(total("TRANSACTION_ID_COLLISION")).toBe(3);
    const examples = result.quality.findings.filter((f) => f.code === "TRANSACTION_ID_COLLISION").map((f) => f.examples[0]!.value.split(":")[0]);
    expect(examples).toEqual(["ORD-20250226-400", "ORD-20250227-262", "ORD-20250301-176"]);
  });

  it("counts empty client ids and flags the jump on 2025-03-02 and 2025-03-03", () => {
    expect(total("NULL_CLIENT_ID")).toBe(22 + 55 + 34 + 46 + 34 + 27 + 23 + 685 + 351);
    expect(result.quality.findings.filter((f) => f.code === "NULL_CLIENT_ID_SPIKE").map((f) => f.day)).toEqual(["2025-03-02", "2025-03-03"]);
  });

  it("finds revenue/items mismatches and no exact duplicates, bad JSON, bad timestamps or unknown events", () => {
    expect(total("REVENUE_ITEMS_MISMATCH")).toBe(9);
    for (const code of ["DUPLICATE_ROW", "INVALID_JSON", "INVALID_TIMESTAMP", "TIMESTAMP_OUTSIDE_PARTITION", "UNKNOWN_EVENT", "MALFORMED_ROW"] as FindingCode[]) {
      expect(total(code)).toBe(0);
    }
  });

  it("justifies the 30-minute timeout with the gap distribution", () => {
    // Reference: a second, simpler measurement of the same gaps from the loaded events: each
    // client's event times sorted, consecutive differences, the share at or under 30 and 60 minutes.
    const byClient = new Map<string, number[]>();
    const clients = result.events.array("client_id") as (string | null)[];
    const ts = result.events.array("ts") as number[];
    clients.forEach((c, i) => {
      if (c === null) return;
      const times = byClient.get(c);
      if (times) times.push(ts[i]!);
      else byClient.set(c, [ts[i]!]);
    });
    const gaps: number[] = [];
    for (const times of byClient.values()) {
      times.sort((x, y) => x - y);
      for (let i = 1; i < times.length; i++) gaps.push(times[i]! - times[i - 1]!);
    }
    const shareAtMost = (minutes: number) => gaps.filter((g) => g <= minutes * 60_000).length / gaps.length;
    expect(result.gaps.gaps).toBe(gaps.length);
    const at30 = result.gaps.shareUnder.find((s) => s.minutes === 30)!.share;
    const at60 = result.gaps.shareUnder.find((s) => s.minutes === 60)!.share;
    expect(at30).toBe(shareAtMost(30));
    expect(at60).toBe(shareAtMost(60));
    // The claim itself: most gaps are under 30 minutes, and doubling the timeout adds few.
    expect(at30).toBeGreaterThan(0.7);
    expect(at60 - at30).toBeLessThan(0.05);
  });
});

describe("sample export transformation", () => {
  it("passes every validation check", () => {
    expect(result.validation.filter((v) => !v.passed)).toEqual([]);
    // The 33 checks of lib/pipeline/validation.ts, in the order it runs them, written out by hand
    // (one revenue_conservation_* check per attribution model).
    expect(result.validation.map((v) => v.name)).toEqual([
      "accounting_balanced",
      "event_conservation",
      "session_event_sum",
      "one_row_per_session",
      "event_sessions_exist",
      "session_bounds",
      "session_timeout_respected",
      "no_overlapping_sessions",
      "one_row_per_order",
      "orders_from_valid_purchases",
      "revenue_purchases_to_orders",
      "order_in_one_session",
      "purchase_session_flagged",
      "order_items_belong_to_orders",
      "product_revenue_reconciles",
      "one_touchpoint_per_session",
      "touch_before_purchase",
      "touch_within_lookback",
      "credits_sum_to_one",
      "revenue_conservation_first_click",
      "revenue_conservation_last_click",
      "revenue_conservation_last_non_direct",
      "revenue_conservation_linear",
      "revenue_conservation_position_based",
      "revenue_conservation_time_decay",
      "revenue_conservation_markov",
      "revenue_conservation_shapley",
      "channel_sessions_total",
      "bot_sessions_accounted",
      "funnel_monotone",
      "daily_totals_match",
      "revenue_conservation_by_person",
      "clients_consistent",
    ]);
  });

  it("builds 187 orders worth $196,763.40 from the 193 purchases (6 invalid, 3 collisions kept)", () => {
    expect(result.orders.numRows()).toBe(187);
    const cents = (result.orders.array("revenue_cents") as number[]).reduce((a, b) => a + b, 0);
    expect(cents).toBe(19_676_340);
    expect((result.orders.array("collision") as boolean[]).filter(Boolean)).toHaveLength(6);
  });

  it("prices every item, so product revenue is $207,069.00: order revenue + the $10,305.60 nine orders' items exceed it by", () => {
    expect(total("ITEM_PRICE_MISSING")).toBe(0);
    const items = result.orderItems.objects() as { order_id: string; revenue_cents: number; revenue_estimated: boolean; item_price: number; quantity: number }[];
    expect(items.filter((i) => i.revenue_estimated)).toEqual([]);
    for (const i of items) expect(i.revenue_cents).toBe(Math.round(i.item_price * i.quantity * 100));
    const priced = new Map<string, number>();
    for (const i of items) priced.set(i.order_id, (priced.get(i.order_id) ?? 0) + i.revenue_cents);
    const orders = result.orders.objects() as { order_id: string; revenue_cents: number }[];
    const over = orders.filter((o) => priced.get(o.order_id)! > o.revenue_cents);
    expect(over).toHaveLength(9); // the nine REVENUE_ITEMS_MISMATCH purchases
    expect(over.reduce((s, o) => s + priced.get(o.order_id)! - o.revenue_cents, 0)).toBe(1_030_560);
    expect(items.reduce((s, i) => s + i.revenue_cents, 0)).toBe(19_676_340 + 1_030_560);
  });

  it("gives each order its session's number: 137 of the 187 orders come in the client's first session", () => {
    const orders = result.orders.objects() as { session_id: string | null; session_number: number | null }[];
    const sessions = new Map((result.sessions.objects() as { session_id: string; session_number: number }[]).map((s) => [s.session_id, s.session_number]));
    for (const o of orders) expect(o.session_number).toBe(o.session_id === null ? null : sessions.get(o.session_id));
    expect(orders.filter((o) => o.session_number === 1)).toHaveLength(137);
  });

  it("gives each order its client's first visit (the clients table's first_seen)", () => {
    const orders = result.orders.objects() as { client_id: string | null; client_first_seen: number | null; ts: number }[];
    const firstSeen = new Map((result.clients.objects() as { client_id: string; first_seen: number }[]).map((c) => [c.client_id, c.first_seen]));
    for (const o of orders) {
      expect(o.client_first_seen).toBe(o.client_id === null ? null : firstSeen.get(o.client_id));
      if (o.client_first_seen !== null) expect(o.client_first_seen).toBeLessThanOrEqual(o.ts);
    }
  });

  it("credits exactly the order revenue under every model and window", () => {
    for (const model of ["first_click", "last_click", "last_non_direct", "linear", "position_based", "time_decay", "markov", "shapley"]) {
      for (const lb of [1, 7, 14, 30]) {
        const rows = result.channelPerformance.filter((c) => c.model === model && c.lookback_days === lb);
        expect(rows.reduce((s, c) => s + Math.round(c.revenue * 100), 0)).toBe(19_676_340);
        expect(rows.reduce((s, c) => s + c.orders, 0)).toBeCloseTo(187, 6);
      }
    }
  });

  it("first and last click disagree on channel credit", () => {
    const rev = (model: string, channel: string) => result.channelPerformance.find((c) => c.model === model && c.lookback_days === 7 && c.channel === channel)?.revenue ?? 0;
    expect(rev("first_click", "Affiliates")).not.toBe(rev("last_click", "Affiliates"));
  });

  it("has nine daily points and flags the empty client id jump on 2025-03-02", () => {
    expect(result.dailyMetrics.map((d) => d.day)).toHaveLength(9);
    const check = result.monitoring.checks.find((c) => c.id === "anomaly_null_client_id_rate")!;
    expect(check.status).toBe("CRITICAL");
    expect(check.days).toContain("2025-03-02");
    expect(result.monitoring.checks.find((c) => c.id === "revenue_reconciliation")!.status).toBe("PASS");
    expect(result.monitoring.checks.find((c) => c.id === "pipeline_health")!.status).toBe("PASS");
    for (const id of ["anomaly_events", "anomaly_sessions", "anomaly_orders"]) expect(result.monitoring.checks.find((c) => c.id === id)!.status).toBe("PASS");
  });
});
