/** Shaping of attribution data for the comparison table, chart, CSV and PDF (pure; tested). */
import type { AttributionData } from "@/lib/db/queries/attribution";
import type { Model } from "@/lib/pipeline/constants";

export interface ComparisonRow {
  channel: string;
  ordersA: number;
  revenueA: number;
  ordersB: number;
  revenueB: number;
  revenueDiff: number;
  /** (B - A) / A, null when A is 0. */
  revenueDiffPct: number | null;
}

/** Side-by-side rows of two models (pure): every channel of either model, by model A revenue. */
export function compareModels(data: AttributionData, a: Model, b: Model): ComparisonRow[] {
  const rowsA = data.byModel[a];
  const rowsB = data.byModel[b];
  const channels = [...new Set([...rowsA.map((r) => r.channel), ...rowsB.map((r) => r.channel)])];
  return channels
    .map((channel) => {
      const x = rowsA.find((r) => r.channel === channel);
      const y = rowsB.find((r) => r.channel === channel);
      const revenueA = x?.revenue ?? 0;
      const revenueB = y?.revenue ?? 0;
      return {
        channel,
        ordersA: x?.orders ?? 0,
        revenueA,
        ordersB: y?.orders ?? 0,
        revenueB,
        revenueDiff: Math.round((revenueB - revenueA) * 100) / 100,
        revenueDiffPct: revenueA > 0 ? (revenueB - revenueA) / revenueA : null,
      };
    })
    .filter((r) => r.ordersA > 0 || r.ordersB > 0 || r.revenueA > 0 || r.revenueB > 0 || data.byModel[a].some((x) => x.channel === r.channel && x.sessions > 0))
    .sort((p, q) => q.revenueA - p.revenueA || q.revenueB - p.revenueB);
}

/** The "Total" row of a comparison: orders and revenue summed per model, the difference of the sums. */
export function comparisonTotal(rows: ComparisonRow[]): ComparisonRow {
  const sum = (f: (r: ComparisonRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const revenueA = sum((r) => r.revenueA);
  const revenueB = sum((r) => r.revenueB);
  return {
    channel: "Total",
    ordersA: sum((r) => r.ordersA),
    revenueA,
    ordersB: sum((r) => r.ordersB),
    revenueB,
    revenueDiff: Math.round((revenueB - revenueA) * 100) / 100,
    revenueDiffPct: revenueA > 0 ? (revenueB - revenueA) / revenueA : null,
  };
}
