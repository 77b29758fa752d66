"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { formatCurrency, formatDayShort, formatDecimal, formatInt } from "@/lib/reports/format";
import { alignedTicks } from "@/lib/views/executive-shape";

export const REVENUE_COLOR = "#2f5bd3";
export const ORDERS_COLOR = "#d9822b";
/** Axis dollars in one style: 0 → "$0", 5000 → "$5k", 2500 → "$2.5k", 1200000 → "$1.2M". */
const axisMoney = (v: number) =>
  v >= 1e6 ? `$${formatDecimal(v / 1e6, v % 1e6 === 0 ? 0 : 1)}M` : v >= 1000 ? `$${formatDecimal(v / 1000, v % 1000 === 0 ? 0 : 1)}k` : `$${formatInt(v)}`;

/** Daily revenue (bars, left axis) and orders (line, right axis) on one grid. Display only. */
export function TrendChart({ daily, height = 215 }: { daily: ExecutiveSummary["daily"]; height?: number }) {
  if (daily.length === 0) return <p className="muted small">No days in this period.</p>;
  const data = daily.map((d) => ({ ...d, label: formatDayShort(d.day) }));
  const ticks = alignedTicks(Math.max(...daily.map((d) => d.revenue)), Math.max(...daily.map((d) => d.orders)));
  const top = (t: number[]) => t[t.length - 1] ?? 1;
  return (
    <figure role="img" aria-label="Daily revenue and orders" style={{ margin: 0, width: "100%", height }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 0, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e7ed" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis yAxisId="revenue" domain={[0, top(ticks.left)]} ticks={ticks.left} tickFormatter={axisMoney} tick={{ fontSize: 11 }} width={52} />
          <YAxis yAxisId="orders" orientation="right" domain={[0, top(ticks.right)]} ticks={ticks.right} tick={{ fontSize: 11, fill: ORDERS_COLOR }} width={30} />
          <Tooltip formatter={(v, name) => (name === "Revenue" ? formatCurrency(Number(v), 0) : formatInt(Number(v)))} />
          <Bar yAxisId="revenue" dataKey="revenue" name="Revenue" fill={REVENUE_COLOR} radius={[3, 3, 0, 0]} maxBarSize={56} isAnimationActive={false} />
          <Line yAxisId="orders" dataKey="orders" name="Orders" type="linear" stroke={ORDERS_COLOR} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** The legend, as a panel hint: which mark is which and on which axis. */
export function TrendLegend() {
  const swatch = (color: string, round: boolean) => (
    <span aria-hidden style={{ display: "inline-block", width: 10, height: round ? 3 : 10, background: color, borderRadius: round ? 2 : 2, margin: "0 5px 1px 10px", verticalAlign: "middle" }} />
  );
  return (
    <span className="hint">
      {swatch(REVENUE_COLOR, false)}revenue (left axis){swatch(ORDERS_COLOR, true)}orders (right axis)
    </span>
  );
}
