/** Click id vs utm tags: the conflict is counted, either reading can win, and the credit that moves is shown. Worked by hand. */
import { describe, expect, it } from "vitest";
import { csvFile, eventRow, purchaseData } from "@/test/csv-builder";
import { buildSummary, runPipeline } from "./index";

const rows = [
  // x lands with a Google click id and affiliate utm tags, buys $100; y lands from a cpc tag, buys $50.
  eventRow({ client: "x", ts: "2025-03-04T09:00:00.000Z", url: "https://shop.example/?gclid=abc&utm_source=partner&utm_medium=affiliate" }),
  eventRow({ client: "x", ts: "2025-03-04T09:05:00.000Z", event: "checkout_completed", data: purchaseData("TX", 100, [{ id: "A", price: 100, qty: 1 }]) }),
  eventRow({ client: "y", ts: "2025-03-04T10:00:00.000Z", url: "https://shop.example/?utm_source=google&utm_medium=cpc" }),
  eventRow({ client: "y", ts: "2025-03-04T10:05:00.000Z", event: "checkout_completed", data: purchaseData("TY", 50, [{ id: "A", price: 50, qty: 1 }]) }),
];
const lastClick = (r: ReturnType<typeof runPipeline>, channel: string) => r.channelPerformance.find((c) => c.model === "last_click" && c.lookback_days === 7 && c.channel === channel)?.revenue ?? 0;

describe("tagging conflicts", () => {
  it("utm first (the default): Affiliates, with the move to Paid Search shown", () => {
    const r = runPipeline([csvFile("events_20250304.csv", rows)]);
    expect(lastClick(r, "Affiliates")).toBe(100);
    expect(lastClick(r, "Paid Search")).toBe(50);
    expect(r.tagging).toEqual({
      precedence: "utm",
      conflicts: 1,
      pairs: [{ channel: "Affiliates", other: "Paid Search", sessions: 1 }],
      moves: [
        { model: "first_click", channel: "Affiliates", revenue: 100, otherRevenue: 0 },
        { model: "first_click", channel: "Paid Search", revenue: 50, otherRevenue: 150 },
        { model: "last_click", channel: "Affiliates", revenue: 100, otherRevenue: 0 },
        { model: "last_click", channel: "Paid Search", revenue: 50, otherRevenue: 150 },
      ],
    });
    const f = r.quality.findings.find((x) => x.code === "TAGGING_CONFLICT")!;
    expect(f).toMatchObject({ severity: "warning", count: 1 });
    expect(f.message).toBe("1 visitor session landed with an ad click id and utm tags naming another channel (most: Affiliates by the tags vs Paid Search by the click id, 1); the utm tags win (the data set's setting; GA4 lets the click id win). The other reading would move $100 of last-click revenue (7-day lookback).");
    expect(buildSummary(1, r).tagging.conflicts).toBe(1);
    expect(r.validation.filter((v) => !v.passed)).toEqual([]);
  });

  it("click id first (GA4's default): Paid Search", () => {
    const r = runPipeline([csvFile("events_20250304.csv", rows)], { precedence: "click_id" });
    expect(lastClick(r, "Paid Search")).toBe(150);
    expect(lastClick(r, "Affiliates")).toBe(0);
    expect(r.tagging.pairs).toEqual([{ channel: "Paid Search", other: "Affiliates", sessions: 1 }]);
  });

  it("no finding without a conflict", () => {
    const r = runPipeline([csvFile("events_20250304.csv", rows.slice(2))]);
    expect(r.tagging).toMatchObject({ conflicts: 0, pairs: [], moves: [] });
    expect(r.quality.findings.some((x) => x.code === "TAGGING_CONFLICT")).toBe(false);
  });
});
