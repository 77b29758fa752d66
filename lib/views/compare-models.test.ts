import { describe, expect, it } from "vitest";
import { channelRow } from "@/test/fixtures";
import type { AttributionChannelRow, AttributionData } from "@/lib/db/queries/attribution";
import { MODELS, MODEL_LABELS, type Model } from "@/lib/pipeline/constants";
import { comparisonTotal, compareModels } from "./compare-models";

const row = (channel: string, orders: number, revenue: number, sessions = 100): AttributionChannelRow => channelRow(channel, sessions, orders, revenue);

function fixture(byModel: Partial<Record<Model, AttributionChannelRow[]>>): AttributionData {
  const full = Object.fromEntries(MODELS.map((m) => [m, byModel[m] ?? []])) as Record<Model, AttributionChannelRow[]>;
  return {
    runId: 1,
    caveats: { channels: null, conversion: null, orders: null, products: null },
    intervals: null,
    byPerson: null,
    identity: null,
    createdAt: "2025-03-01T00:00:00.000Z",
    lookbackDays: 7,
    lookbackOptions: [1, 7, 14, 30],
    models: MODELS.map((id) => ({ id, label: MODEL_LABELS[id] })),
    byModel: full,
    totals: { orders: 10, revenue: 1000, sessions: 400 },
    journeys: null,
    channelRules: [],
  };
}

describe("compareModels", () => {
  const data = fixture({
    first_click: [row("Direct", 5, 500), row("Paid Search", 3, 300), row("Email", 2, 200)],
    last_click: [row("Direct", 6, 650), row("Paid Search", 2, 150), row("Email", 2, 200)],
    linear: [row("Direct", 5.5, 575.33), row("Paid Search", 2.5, 224.67), row("Email", 2, 200)],
  });

  it("gives B − A in dollars and as a share of A", () => {
    const rows = compareModels(data, "first_click", "last_click");
    const direct = rows.find((r) => r.channel === "Direct");
    expect(direct).toEqual({ channel: "Direct", ordersA: 5, revenueA: 500, ordersB: 6, revenueB: 650, revenueDiff: 150, revenueDiffPct: 0.3 });
    const search = rows.find((r) => r.channel === "Paid Search");
    expect(search?.revenueDiff).toBe(-150);
    expect(search?.revenueDiffPct).toBeCloseTo(-0.5, 12);
    const email = rows.find((r) => r.channel === "Email");
    expect(email?.revenueDiff).toBe(0);
    expect(email?.revenueDiffPct).toBe(0);
  });

  it("rounds the dollar difference to the cent and keeps fractional credited orders", () => {
    const rows = compareModels(data, "first_click", "linear");
    const direct = rows.find((r) => r.channel === "Direct");
    expect(direct?.ordersB).toBe(5.5);
    expect(direct?.revenueDiff).toBe(75.33);
    const search = rows.find((r) => r.channel === "Paid Search");
    expect(search?.revenueDiff).toBe(-75.33);
  });

  it("differences sum to zero when both models credit the same total revenue", () => {
    const rows = compareModels(data, "first_click", "last_click");
    expect(rows.reduce((s, r) => s + r.revenueDiff, 0)).toBeCloseTo(0, 9);
    expect(rows.reduce((s, r) => s + r.revenueA, 0)).toBe(rows.reduce((s, r) => s + r.revenueB, 0));
  });

  it("lists a channel credited by only one model, with zeros on the other side", () => {
    const d = fixture({
      first_click: [row("Direct", 2, 200), row("Affiliates", 1, 100)],
      last_click: [row("Direct", 2, 250), row("Unattributed", 1, 50, 0)],
    });
    const rows = compareModels(d, "first_click", "last_click");
    expect(rows.map((r) => r.channel)).toEqual(["Direct", "Affiliates", "Unattributed"]);
    const affiliates = rows.find((r) => r.channel === "Affiliates");
    expect(affiliates).toMatchObject({ ordersA: 1, revenueA: 100, ordersB: 0, revenueB: 0, revenueDiff: -100, revenueDiffPct: -1 });
    const onlyB = rows.find((r) => r.channel === "Unattributed");
    expect(onlyB).toMatchObject({ ordersA: 0, revenueA: 0, ordersB: 1, revenueB: 50, revenueDiff: 50, revenueDiffPct: null });
  });

  it("sorts by model A revenue, then model B revenue, descending", () => {
    const d = fixture({
      first_click: [row("Email", 1, 100), row("Direct", 3, 300), row("Referral", 0, 0)],
      last_click: [row("Direct", 2, 200), row("Email", 1, 100), row("Organic Search", 1, 80), row("Paid Social", 1, 20)],
    });
    expect(compareModels(d, "first_click", "last_click").map((r) => r.channel)).toEqual(["Direct", "Email", "Organic Search", "Paid Social", "Referral"]);
  });

  it("keeps channels with sessions but no credit under model A, and drops channels with nothing at all", () => {
    const d = fixture({
      first_click: [row("Direct", 1, 100), row("Organic Social", 0, 0, 40), row("Unassigned", 0, 0, 0)],
      last_click: [row("Direct", 1, 100), row("Organic Social", 0, 0, 40), row("Unassigned", 0, 0, 0)],
    });
    expect(compareModels(d, "first_click", "last_click").map((r) => r.channel)).toEqual(["Direct", "Organic Social"]);
  });

  it("is all zeros when a model is compared with itself", () => {
    const rows = compareModels(data, "last_click", "last_click");
    expect(rows.every((r) => r.revenueDiff === 0)).toBe(true);
  });

  it("returns no rows when neither model has any channel", () => {
    expect(compareModels(fixture({}), "first_click", "last_click")).toEqual([]);
  });
});

describe("comparisonTotal", () => {
  it("sums orders and revenue per model and takes the difference of the sums", () => {
    const row = (channel: string, ordersA: number, revenueA: number, ordersB: number, revenueB: number) => ({ channel, ordersA, revenueA, ordersB, revenueB, revenueDiff: 0, revenueDiffPct: null });
    // A: 100.10 + 50.20 = 150.30; B: 80.00 + 70.40 = 150.40; difference 0.10, +0.0665%.
    const t = comparisonTotal([row("Direct", 2, 100.1, 1.5, 80), row("Email", 1, 50.2, 1.5, 70.4)]);
    expect(t).toMatchObject({ channel: "Total", ordersA: 3, ordersB: 3, revenueDiff: 0.1 });
    expect(t.revenueA).toBeCloseTo(150.3, 10);
    expect(t.revenueB).toBeCloseTo(150.4, 10);
    expect(t.revenueDiffPct).toBeCloseTo(0.1 / 150.3, 12);
    expect(comparisonTotal([]).revenueDiffPct).toBeNull();
  });
});
