/**
 * Validation checks that follow a reference (event → session, order → session, item → order,
 * credit → order, credit → session, session → channel) fail when it finds nothing, and say so.
 * Each case takes a valid run, breaks one reference and expects exactly the checks that must fail
 * with the details worked out by hand.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { beforeAll, describe, expect, it } from "vitest";
import { csvFile, eventRow, purchaseData } from "@/test/csv-builder";

/** A shopper's email as the export hashes it (any fixed SHA-256 value). */
const SHARED_EMAIL = "5f3c0a9e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a19";
import { runPipeline, type PipelineResult } from "./index";
import type { SessionColumns } from "./sessions";
import { validate, type ValidationInput } from "./validation";

let result: PipelineResult;

beforeAll(() => {
  // c1 and c2 buy with the same email (one person across two devices).
  // c1: a paid search visit on the 23rd, a direct visit with a $100 purchase on the 24th;
  // c2: one visit with a $50 purchase; one page view without a client id. 3 sessions, 2 orders.
  const paid = "https://shop.example/?utm_source=google&utm_medium=cpc";
  result = runPipeline([
    csvFile("events_20250223.csv", [eventRow({ client: "c1", url: paid, ts: "2025-02-23T10:00:00.000Z" })]),
    csvFile("events_20250224.csv", [
      eventRow({ client: "c1", ts: "2025-02-24T09:00:00.000Z" }),
      eventRow({ client: "c1", ts: "2025-02-24T09:10:00.000Z", event: "checkout_completed", data: { ...purchaseData("T1", 100, [{ id: "A", price: 100, qty: 1 }]), user_email: SHARED_EMAIL } }),
      eventRow({ client: "c2", ts: "2025-02-24T12:00:00.000Z" }),
      eventRow({ client: "c2", ts: "2025-02-24T12:05:00.000Z", event: "checkout_completed", data: { ...purchaseData("T2", 50, [{ id: "B", price: 50, qty: 1 }]), user_email: SHARED_EMAIL } }),
      eventRow({ client: "", ts: "2025-02-24T13:00:00.000Z" }),
    ]),
  ]);
});

/** The validation input of a run, rebuilt from its tables (sessions as columns, each event's session row by id). */
function inputOf(r: PipelineResult): ValidationInput {
  const sessions = { length: r.sessions.numRows() } as Record<string, unknown>;
  for (const name of r.sessions.columnNames()) sessions[name] = r.sessions.array(name);
  const row = new Map((sessions.session_id as string[]).map((id, i) => [id, i]));
  const eventSession = Int32Array.from(r.events.array("session_id") as (string | null)[], (id) => (id === null ? -1 : (row.get(id) ?? -1)));
  return {
    accounting: r.quality.accounting,
    events: r.events,
    sessions: sessions as unknown as SessionColumns,
    eventSession,
    noClientEvents: r.noClientEvents,
    orders: r.orders,
    items: r.orderItems,
    touchpoints: r.touchpoints,
    credits: r.credits,
    clients: r.clients,
    channelPerformance: r.channelPerformance,
    funnel: r.funnel,
    daily: r.dailyMetrics,
    timeoutMinutes: r.sessionTimeoutMinutes,
    personCreditedCents: r.attributionByPerson.creditedCents,
    personCredits: r.attributionByPerson.orderCredits,
  };
}

/** The table with one row changed: the first row matching `pick` gets `change`. */
function withRow(table: ColumnTable, pick: (row: Record<string, unknown>) => boolean, change: Record<string, unknown>): ColumnTable {
  const rows = table.objects() as Record<string, unknown>[];
  const i = rows.findIndex(pick);
  expect(i).toBeGreaterThanOrEqual(0); // the fixture has such a row
  rows[i] = { ...rows[i], ...change };
  return aq.from(rows);
}

const failing = (input: ValidationInput) => validate(input).filter((c) => !c.passed).map(({ name, detail }) => ({ name, detail }));
const orderOf = (client: string) => (result.orders.objects() as { order_id: string; client_id: string | null }[]).find((o) => o.client_id === client)!.order_id;
/** c2's first-click credit in the 7-day window: its one session gets the whole order. */
const c2FirstClick = (c: Record<string, unknown>) => c.order_id === orderOf("c2") && c.model === "first_click" && c.lookback_days === 7;

describe("validation", () => {
  it("passes all 33 checks on the untouched run, as the pipeline did", () => {
    expect(result.sessions.numRows()).toBe(3);
    expect(result.orders.numRows()).toBe(2);
    expect(validate(inputOf(result))).toEqual(result.validation);
    expect(result.validation.filter((c) => !c.passed)).toEqual([]);
    expect(result.validation).toHaveLength(33);
  });

  it("fails revenue_conservation_by_person when a stored per-order person credit is a cent off or missing", () => {
    const pass = result.validation.find((c) => c.name === "revenue_conservation_by_person")!;
    // One email joins c1 and c2 into one person, so both orders have Paid Search (c1, the 23rd) and
    // Direct touches: one row per order under the 3 single-touch models, two under the 5 others:
    // 2 x (3 + 5 x 2) = 26 stored rows.
    expect(pass.detail).toBe("credits per person sum to $150.00 under all 32 models and windows; the 26 stored rows (7-day lookback) give every order its revenue to the cent under all 8 models");
    const c2Person = (c: Record<string, unknown>) => c.order_id === orderOf("c2") && c.model === "first_click";
    const off = inputOf(result);
    off.personCredits = withRow(result.attributionByPerson.orderCredits, c2Person, { revenue_cents: 4_999 });
    expect(failing(off)).toEqual([{ name: "revenue_conservation_by_person", detail: `off: first_click order ${orderOf("c2")}: 4999 of 5000 cents` }]);
    const missing = inputOf(result);
    missing.personCredits = result.attributionByPerson.orderCredits.filter(aq.escape((c: Record<string, unknown>) => !c2Person(c)));
    expect(failing(missing)).toEqual([{ name: "revenue_conservation_by_person", detail: `off: first_click order ${orderOf("c2")}: 0 of 5000 cents` }]);
  });

  it("fails both touch checks for a credit whose session does not exist", () => {
    const input = inputOf(result);
    input.credits = withRow(result.credits, c2FirstClick, { session_id: "ghost:0" });
    expect(failing(input)).toEqual([
      { name: "touch_before_purchase", detail: "0 credited touches start after their purchase; 1 credits point at a session and 0 at an order that does not exist" },
      { name: "touch_within_lookback", detail: "0 credited touches start before the lookback window; 1 credits point at a session and 0 at an order that does not exist" },
    ]);
  });

  it("fails the touch checks and the credit sums for a credit whose order does not exist", () => {
    const input = inputOf(result);
    // The credit moves to an unknown order: c2's order loses its only first-click/7-day credit.
    input.credits = withRow(result.credits, c2FirstClick, { order_id: "ghost-order" });
    expect(failing(input)).toEqual([
      { name: "touch_before_purchase", detail: "0 credited touches start after their purchase; 0 credits point at a session and 1 at an order that does not exist" },
      { name: "touch_within_lookback", detail: "0 credited touches start before the lookback window; 0 credits point at a session and 1 at an order that does not exist" },
      { name: "credits_sum_to_one", detail: "0 order/model/window credit sums differ from 1; 1 missing; 1 credits for orders that do not exist; 0 order credits under an unknown model or window" },
    ]);
  });

  it("fails the credit sums for credits under a window that does not exist", () => {
    const input = inputOf(result);
    input.credits = withRow(result.credits, c2FirstClick, { lookback_days: 3 });
    // c2's first-click credit leaves the 7-day window for a 3-day one: one sum missing, one stray;
    // the 7-day first-click credits no longer add up to the order revenue ($150.00 - $50.00).
    expect(failing(input)).toEqual([
      { name: "credits_sum_to_one", detail: "0 order/model/window credit sums differ from 1; 1 missing; 0 credits for orders that do not exist; 1 order credits under an unknown model or window" },
      { name: "revenue_conservation_first_click", detail: "differs in windows 7" },
    ]);
  });

  it("fails the order-session checks for an order whose session does not exist", () => {
    const input = inputOf(result);
    input.orders = withRow(result.orders, (o) => o.client_id === "c2", { session_id: "ghost:0" });
    expect(failing(input)).toEqual([
      { name: "order_in_one_session", detail: "0 orders with a client id lack their session or sit in another client's (or have a session without a client id); 1 orders point at a session that does not exist" },
      { name: "purchase_session_flagged", detail: "0 order sessions not marked as purchased; 1 order sessions that do not exist" },
    ]);
  });

  it("fails order_items_belong_to_orders for an item whose order does not exist", () => {
    const input = inputOf(result);
    input.items = withRow(result.orderItems, (i) => i.order_id === orderOf("c2"), { order_id: "ghost-order" });
    expect(failing(input)).toEqual([{ name: "order_items_belong_to_orders", detail: "1 order items whose order does not exist" }]);
  });

  it("fails event_sessions_exist for an event whose session row does not exist, or is another session", () => {
    const noRow = inputOf(result);
    const first = (result.events.array("session_id") as (string | null)[]).findIndex((s) => s !== null);
    noRow.eventSession[first] = result.sessions.numRows(); // one past the last session row
    expect(failing(noRow)).toEqual([{ name: "event_sessions_exist", detail: "1 events with a session id point at no session row; 0 events whose session id is not their session row's" }]);

    const other = inputOf(result);
    other.events = withRow(result.events, (e) => e.session_id !== null, { session_id: "ghost:0" });
    expect(failing(other)).toEqual([{ name: "event_sessions_exist", detail: "0 events with a session id point at no session row; 1 events whose session id is not their session row's" }]);
  });

  it("fails channel_sessions_total for a session whose channel is not in the channel list", () => {
    const input = inputOf(result);
    input.sessions = { ...input.sessions, channel: ["Carrier pigeon", ...input.sessions.channel.slice(1)] } as SessionColumns;
    expect(failing(input)).toEqual([{ name: "channel_sessions_total", detail: "3 sessions across channels of 3 visitor sessions; 1 outside the channel list" }]);
  });
});

describe("product_revenue_reconciles", () => {
  // T1: revenue $100.00, A $40 x 1 priced, B and C without a price (quantities 1 and 2): $60.00
  // left, so B $20.00 and C $40.00 estimated. T2: revenue $50.00, A $60 x 1 priced (beyond the
  // revenue), B without a price: no allocation, B $0.
  let run: PipelineResult;
  beforeAll(() => {
    run = runPipeline([
      csvFile("events_20250224.csv", [
        eventRow({ client: "c1", ts: "2025-02-24T09:00:00.000Z", event: "checkout_completed", data: purchaseData("T1", 100, [{ id: "A", price: 40, qty: 1 }, { id: "B", price: null, qty: 1 }, { id: "C", price: null, qty: 2 }]) }),
        eventRow({ client: "c2", ts: "2025-02-24T10:00:00.000Z", event: "checkout_completed", data: purchaseData("T2", 50, [{ id: "A", price: 60, qty: 1 }, { id: "B", price: null, qty: 1 }]) }),
      ]),
    ]);
  });
  const item = (order: string, id: string) => (i: Record<string, unknown>) => i.order_id === order && i.item_id === id;
  /** The detail worked out by hand: product, priced and estimated dollars; order revenue is $150.00, T2's priced items are $10.00 beyond its revenue. */
  const detail = (product: string, priced: string, estimated: string, off: number, itemsOff: number) =>
    `product revenue ${product} (${priced} priced + ${estimated} estimated in 1 orders with unpriced items) = order revenue $150.00 + $10.00 priced beyond the revenue of 1 orders - $0.00 not explained by the fully priced items of 0 orders; ${off} orders and ${itemsOff} items off`;

  it("passes on the untouched run: $100.00 priced + $60.00 estimated = $150.00 + T2's $10.00 beyond its revenue", () => {
    expect(run.validation.filter((c) => !c.passed)).toEqual([]);
    expect(run.validation.find((c) => c.name === "product_revenue_reconciles")!.detail).toBe(detail("$160.00", "$100.00", "$60.00", 0, 0));
  });

  it("fails when an estimate is a cent off its order's revenue", () => {
    const input = inputOf(run);
    input.items = withRow(run.orderItems, item("T1", "C"), { revenue_cents: 4_001 });
    expect(failing(input)).toEqual([{ name: "product_revenue_reconciles", detail: detail("$160.01", "$100.00", "$60.01", 1, 0) }]);
  });

  it("fails when an order whose priced items exceed its revenue gets an estimate anyway", () => {
    const input = inputOf(run);
    input.items = withRow(run.orderItems, item("T2", "B"), { revenue_cents: 500 });
    expect(failing(input)).toEqual([{ name: "product_revenue_reconciles", detail: detail("$165.00", "$100.00", "$65.00", 1, 0) }]);
  });

  it("fails when a priced item is marked estimated (the order's total alone would still add up)", () => {
    const input = inputOf(run);
    input.items = withRow(run.orderItems, item("T1", "A"), { revenue_estimated: true });
    expect(failing(input)).toEqual([{ name: "product_revenue_reconciles", detail: detail("$160.00", "$60.00", "$100.00", 0, 1) }]);
  });

  it("fails when a priced item's revenue is not its price x quantity", () => {
    const input = inputOf(run);
    input.items = withRow(run.orderItems, item("T1", "A"), { revenue_cents: 3_999 });
    // T1: $39.99 priced + $60.00 estimated = $99.99 of $100.00: one order and one item off.
    expect(failing(input)).toEqual([{ name: "product_revenue_reconciles", detail: detail("$159.99", "$99.99", "$60.00", 1, 1) }]);
  });

  it("fails when an estimated item is lost", () => {
    const input = inputOf(run);
    input.items = aq.from((run.orderItems.objects() as Record<string, unknown>[]).filter((i) => !item("T1", "C")(i)));
    expect(failing(input)).toEqual([{ name: "product_revenue_reconciles", detail: detail("$120.00", "$100.00", "$20.00", 1, 0) }]);
  });
});

describe("robot sessions", () => {
  it("fails bot_sessions_accounted and daily_totals_match when visitors and left-out robots do not add up", () => {
    const input = inputOf(result);
    // All 3 fixture sessions are people's; claiming 2 visitors leaves one session unaccounted.
    input.visitorSessions = 2;
    expect(failing(input).map((f) => f.name)).toEqual(["channel_sessions_total", "bot_sessions_accounted", "daily_totals_match"]);
    expect(failing(input).find((f) => f.name === "bot_sessions_accounted")!.detail).toBe("2 visitor sessions + 0 robot sessions left out = 3 sessions");
  });
});
