import { describe, expect, it } from "vitest";
import { csvFile, eventRow, purchaseData } from "@/test/csv-builder";
import { runPipeline } from "@/lib/pipeline";
import { modelWeights, splitCents } from "./attribution";
import { MODELS, type Model } from "./constants";

const DAY = 86_400_000;
const t0 = Date.parse("2025-02-20T12:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();

describe("model weights (hand-computed)", () => {
  const touches = [
    { ts: t0 - 6 * DAY, channel: "Paid Search" },
    { ts: t0 - 3 * DAY, channel: "Email" },
    { ts: t0 - 1 * DAY, channel: "Affiliates" },
    { ts: t0, channel: "Direct" },
  ];
  const w = (m: Model) => modelWeights(m, touches, t0);
  it("first, last and last non-direct click", () => {
    expect(w("first_click")).toEqual([1, 0, 0, 0]);
    expect(w("last_click")).toEqual([0, 0, 0, 1]);
    expect(w("last_non_direct")).toEqual([0, 0, 1, 0]);
    expect(modelWeights("last_non_direct", [{ ts: t0, channel: "Direct" }], t0)).toEqual([1]);
  });
  it("linear and position-based 40/20/40", () => {
    expect(w("linear")).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(w("position_based")).toEqual([0.4, 0.1, 0.1, 0.4]);
    expect(modelWeights("position_based", touches.slice(0, 2), t0)).toEqual([0.5, 0.5]);
    expect(modelWeights("position_based", touches.slice(0, 1), t0)).toEqual([1]);
  });
  it("time decay halves the weight every 7 days", () => {
    const two = modelWeights("time_decay", [{ ts: t0 - 7 * DAY, channel: "A" }, { ts: t0, channel: "B" }], t0);
    expect(two[0]).toBeCloseTo(1 / 3, 12);
    expect(two[1]).toBeCloseTo(2 / 3, 12);
  });
});

describe("splitCents", () => {
  it("splits to the cent by largest remainder", () => {
    expect(splitCents(100, [1 / 3, 1 / 3, 1 / 3])).toEqual([34, 33, 33]);
    expect(splitCents(12345, [0.4, 0.2, 0.4])).toEqual([4938, 2469, 4938]);
    expect(splitCents(1, [0.5, 0.5]).reduce((a, b) => a + b)).toBe(1);
  });
});

describe("attribution on a small journey set", () => {
  const page = (client: string, ms: number, url: string, referrer = "") => eventRow({ client, ts: iso(ms), url, referrer });
  const buy = (client: string, ms: number, tx: string, revenue: number) => eventRow({ client, ts: iso(ms), event: "checkout_completed", data: purchaseData(tx, revenue, [{ id: "A", price: revenue, qty: 1 }]) });
  // Client a: paid search 10 days before (outside 7d), email 3 days before, direct on purchase day.
  // Client b: one organic search session with the purchase. Client "": purchase without client id.
  const rows = [
    page("a", t0 - 10 * DAY, "https://shop.example/?gclid=X1"),
    page("a", t0 - 3 * DAY, "https://shop.example/?utm_source=klaviyo&utm_medium=email"),
    page("a", t0 - 60_000, "https://shop.example/products/x"),
    buy("a", t0, "T1", 300),
    page("b", t0 - 120_000, "https://shop.example/", "https://www.google.com/"),
    buy("b", t0, "T2", 100.01),
    buy("", t0, "T3", 50),
  ].sort((x, y) => x[3]!.localeCompare(y[3]!));
  const files = [csvFile("events_20250220.csv", rows)];
  const r = runPipeline(files);
  const perf = (model: string, lookback: number) =>
    Object.fromEntries(r.channelPerformance.filter((c) => c.model === model && c.lookback_days === lookback && c.orders > 0).map((c) => [c.channel, [c.orders, c.revenue]]));

  it("7-day window: first click = Email, last click = Direct, unattributed without client", () => {
    expect(perf("first_click", 7)).toEqual({ Email: [1, 300], "Organic Search": [1, 100.01], Unattributed: [1, 50] });
    expect(perf("last_click", 7)).toEqual({ Direct: [1, 300], "Organic Search": [1, 100.01], Unattributed: [1, 50] });
    expect(perf("last_non_direct", 7)).toEqual({ Email: [1, 300], "Organic Search": [1, 100.01], Unattributed: [1, 50] });
    expect(perf("linear", 7)).toEqual({ Email: [0.5, 150], Direct: [0.5, 150], "Organic Search": [1, 100.01], Unattributed: [1, 50] });
  });

  it("30-day window reaches the paid search touch; 1-day window only the purchase session", () => {
    expect(perf("first_click", 30)["Paid Search"]).toEqual([1, 300]);
    expect(perf("position_based", 30)).toMatchObject({ "Paid Search": [0.4, 120], Email: [0.2, 60], Direct: [0.4, 120] });
    expect(perf("first_click", 1).Direct).toEqual([1, 300]);
  });

  it("every model credits exactly the order revenue and all validation checks pass", () => {
    expect(r.validation.filter((v) => !v.passed)).toEqual([]);
    for (const model of MODELS) {
      for (const lb of [1, 7, 14, 30]) {
        const total = r.channelPerformance.filter((c) => c.model === model && c.lookback_days === lb).reduce((s, c) => s + Math.round(c.revenue * 100), 0);
        expect(total).toBe(45001);
      }
    }
  });

  it("conversion paths collapse the channel sequence", () => {
    const j = r.journeys.find((x) => x.lookback_days === 7)!;
    expect(j.paths.map((p) => [p.path, p.orders])).toEqual([
      ["Email > Direct", 1],
      ["Organic Search", 1],
    ]);
    expect(j.unattributedOrders).toBe(1);
  });
});

describe("data-driven models in the pipeline (hand-computed)", () => {
  const page = (client: string, ms: number, url: string, referrer = "") => eventRow({ client, ts: iso(ms), url, referrer });
  const buy = (client: string, ms: number, tx: string, revenue: number) => eventRow({ client, ts: iso(ms), event: "checkout_completed", data: purchaseData(tx, revenue, [{ id: "A", price: revenue, qty: 1 }]) });
  // Converting journeys (7 days): a = Email > Direct ($300), b = Organic Search ($100.01).
  // Non-converting: c = Direct, d = Email (clients without an order). A purchase without client id.
  const rows = [
    page("a", t0 - 3 * DAY, "https://shop.example/?utm_source=klaviyo&utm_medium=email"),
    page("a", t0 - 60_000, "https://shop.example/products/x"),
    buy("a", t0, "T1", 300),
    page("b", t0 - 120_000, "https://shop.example/", "https://www.google.com/"),
    buy("b", t0, "T2", 100.01),
    page("c", t0 - 2 * DAY, "https://shop.example/"),
    page("d", t0 - 1 * DAY, "https://shop.example/?utm_source=klaviyo&utm_medium=email"),
    buy("", t0, "T3", 50),
  ].sort((x, y) => x[3]!.localeCompare(y[3]!));
  const r = runPipeline([csvFile("events_20250220.csv", rows)]);
  const perf = (model: string) =>
    Object.fromEntries(r.channelPerformance.filter((c) => c.model === model && c.lookback_days === 7 && c.orders > 0).map((c) => [c.channel, [Math.round(c.orders * 1e9) / 1e9, c.revenue]]));

  it("Markov: removal effects Email 1/4, Direct 1/2 split the $300 order 1 : 2", () => {
    // start>Email 2/4, start>Direct 1/4, start>Organic 1/4; Email>Direct 1/2, Email>null 1/2;
    // Direct>conv 1/2, Direct>null 1/2; Organic>conv 1. P(conv) = 1/8 + 1/8 + 1/4 = 1/2.
    // Without Email: 3/8 (effect 1/4); without Direct: 1/4 (effect 1/2); without Organic: 1/4 (effect 1/2).
    expect(perf("markov")).toEqual({ Direct: [0.666666667, 200], Email: [0.333333333, 100], "Organic Search": [1, 100.01], Unattributed: [1, 50] });
  });

  it("Shapley: converting sets {Email, Direct} and {Organic Search} give Email and Direct 1/2 each", () => {
    expect(perf("shapley")).toEqual({ Direct: [0.5, 150], Email: [0.5, 150], "Organic Search": [1, 100.01], Unattributed: [1, 50] });
  });

  it("passes every validation check, the data-driven models' revenue conservation too", () => {
    expect(r.validation.filter((v) => !v.passed)).toEqual([]);
    expect(r.validation.map((v) => v.name)).toEqual(expect.arrayContaining(["revenue_conservation_markov", "revenue_conservation_shapley"]));
  });
});
