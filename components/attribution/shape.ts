/** Pure shaping of attribution rows for the tiles, tables and charts of the attribution page. */
import type { AttributionChannelRow } from "@/lib/db/queries/attribution";
import { UNATTRIBUTED } from "@/lib/pipeline/constants";
import { formatCurrency, formatDecimal, formatInt, formatPercent } from "@/lib/reports/format";

/** Credited orders: whole numbers as integers, fractional credit (linear, time decay, ...) with one decimal. */
export function formatOrders(n: number): string {
  return Math.abs(n - Math.round(n)) < 0.05 ? formatInt(n) : formatDecimal(n, 1);
}

/** A signed dollar difference: "+$1,234.50", "-$99.00", "$0.00" (never "-$0.00"). */
export function formatSignedCurrency(n: number): string {
  const v = Math.abs(n) < 0.005 ? 0 : n;
  return `${v > 0 ? "+" : ""}${formatCurrency(v)}`;
}

/** A signed change: "+12.7%", "-0.05%" (two decimals below 0.1%), "0.0%"; null (no base) is "—". */
export function formatSignedPercent(ratio: number | null): string {
  if (ratio === null) return "—";
  const v = Math.abs(ratio) < 5e-6 ? 0 : ratio;
  return `${v > 0 ? "+" : ""}${formatPercent(v, v !== 0 && Math.abs(v) < 0.001 ? 2 : 1)}`;
}

export interface TopChannel {
  channel: string;
  revenue: number;
  orders: number;
  share: number | null;
}

/** The channel credited with the most revenue (never "Unattributed"); null when no channel has revenue. */
export function topChannel(rows: AttributionChannelRow[], totalRevenue: number): TopChannel | null {
  const best = rows.filter((r) => r.channel !== UNATTRIBUTED && r.revenue > 0).sort((p, q) => q.revenue - p.revenue)[0];
  if (!best) return null;
  return { channel: best.channel, revenue: best.revenue, orders: best.orders, share: totalRevenue > 0 ? best.revenue / totalRevenue : null };
}

/** Totals row of the channel table: rates recomputed from the sums, not averaged. */
export function channelTotals(rows: AttributionChannelRow[]) {
  const sessions = rows.reduce((s, r) => s + r.sessions, 0);
  const orders = rows.reduce((s, r) => s + r.orders, 0);
  const revenue = Math.round(rows.reduce((s, r) => s + r.revenue, 0) * 100) / 100;
  return {
    sessions,
    orders,
    revenue,
    conversionRate: sessions > 0 ? orders / sessions : null,
    aov: orders > 0 ? revenue / orders : null,
    revenuePerSession: sessions > 0 ? revenue / sessions : null,
  };
}
