import { describe, expect, it } from "vitest";
import { channelRow } from "@/test/fixtures";
import type { AttributionChannelRow, AttributionData } from "@/lib/db/queries/attribution";
import { MODELS, MODEL_LABELS, type Model } from "@/lib/pipeline/constants";
import { renderAttributionPdf } from "./attribution-pdf";

const row = channelRow;

const CHANNELS: [string, number][] = [["Direct", 1000], ["Affiliates", 600], ["Paid Search", 350], ["Email", 60], ["Organic Social", 20]];

function fixture(orders: number): AttributionData {
  const byModel = Object.fromEntries(
    MODELS.map((m, k) => [m, orders === 0 ? CHANNELS.map(([c, s]) => row(c, s, 0, 0)) : [row("Direct", 1000, 9 - k * 0.25, 9000 - k * 250), row("Affiliates", 600, 4, 4000), row("Paid Search", 350, 2 + k * 0.25, 2000 + k * 250), row("Email", 60, 1, 990.5), row("Unattributed", 0, 1, 9.5)]]),
  ) as Record<Model, AttributionChannelRow[]>;
  return {
    runId: 42,
    createdAt: "2025-03-01T08:00:00.000Z",
    lookbackDays: 7,
    lookbackOptions: [1, 7, 14, 30],
    models: MODELS.map((id) => ({ id, label: MODEL_LABELS[id] })),
    byModel,
    totals: { orders, revenue: orders === 0 ? 0 : 16000, sessions: 2030 },
    journeys: {
      lookback_days: 7,
      timeToPurchase: [
        { label: "< 1 hour", orders: orders === 0 ? 0 : 12, revenue: 12000 },
        { label: "1–24 hours", orders: orders === 0 ? 0 : 4, revenue: 3990.5 },
        { label: "1–3 days", orders: 0, revenue: 0 },
      ],
      timeFromFirstVisit: [],
      unattributedOrders: orders === 0 ? 0 : 1,
      singleSessionOrders: orders === 0 ? 0 : 11,
      medianHoursToPurchase: orders === 0 ? null : 0.4,
      paths: orders === 0 ? [] : [{ path: "Direct", touches: 1, orders: 9, revenue: 9000 }, { path: "Affiliates > Direct", touches: 2, orders: 4, revenue: 4000 }, { path: "Paid Search > Email → Direct", touches: 3, orders: 3, revenue: 2990.5 }],
    },
    channelRules: [
      { channel: "Paid Search", description: "utm_medium is cpc/ppc/paid search, or paid with a search-engine utm_source" },
      { channel: "Referral", description: "any other external referrer (the store's own domain never counts)" },
      { channel: "Direct", description: "no campaign parameters and no external referrer" },
    ],
  };
}

const pages = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;

describe("renderAttributionPdf", () => {
  it("renders a multi-page PDF comparing two models", async () => {
    const pdf = await renderAttributionPdf(fixture(16), "first_click", "last_click", { generatedAt: new Date("2025-03-02T00:00:00Z") });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pages(pdf)).toBeGreaterThanOrEqual(2);
    expect(pdf.length).toBeGreaterThan(5_000);
  });

  it("renders fractional multi-touch credit and a run without orders", async () => {
    const linear = await renderAttributionPdf(fixture(16), "linear", "time_decay");
    expect(linear.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const empty = await renderAttributionPdf(fixture(0), "first_click", "last_click");
    expect(empty.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pages(empty)).toBeGreaterThanOrEqual(1);
  });
});
