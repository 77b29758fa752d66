"use client";

import { Bar, BarChart, CartesianGrid, ErrorBar, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ModelIntervals } from "@/lib/pipeline/bootstrap";
import { rangeText } from "@/lib/views/intervals";
import type { AttributionChannelRow } from "@/lib/db/queries/attribution";
import { formatCompact, formatCurrency } from "@/lib/reports/format";

/** Horizontal bars of credited revenue per channel (channels with revenue only), largest first; with intervals, whiskers at their 90% bounds. */
export function ChannelRevenueChart({ rows, title, intervals }: { rows: AttributionChannelRow[]; title: string; intervals?: ModelIntervals | null }) {
  const data = rows
    .filter((r) => r.revenue > 0)
    .map((r) => {
      const i = intervals?.channels[r.channel];
      // Whiskers as distances below and above the bar's end (recharts' asymmetric error bars).
      return { label: r.channel, value: r.revenue, error: i ? [Math.max(0, r.revenue - i.revenueLow), Math.max(0, i.revenueHigh - r.revenue)] : [0, 0], range: i ? rangeText(i.revenueLow, i.revenueHigh) : null };
    });
  if (data.length === 0) return <p className="muted small">No channel has credited revenue.</p>;
  return (
    <figure role="img" aria-label={title} style={{ margin: 0, width: "100%", height: 40 + data.length * 34 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 64, left: 4, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e3e7ed" />
          <XAxis type="number" tickFormatter={(v: number) => `$${formatCompact(v)}`} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="label" tick={{ fontSize: 12, width: 150 }} width={120} />
          <Tooltip formatter={(v, _name, item) => [item.payload.range ? `${formatCurrency(Number(v))} (90% interval ${item.payload.range})` : formatCurrency(Number(v)), "Revenue"]} />
          <Bar dataKey="value" name="Revenue" fill="#2f5bd3" isAnimationActive={false} radius={[0, 3, 3, 0]} barSize={20}>
            {/* With whiskers the amount would sit on them: the table beside the chart gives the amounts. */}
            {intervals ? null : <LabelList dataKey="value" position="right" formatter={(v: unknown) => formatCurrency(Number(v), 0)} style={{ fontSize: 11, fill: "#1d2430" }} />}
            {intervals ? <ErrorBar dataKey="error" width={6} strokeWidth={1.5} stroke="#1d2430" direction="x" isAnimationActive={false} /> : null}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
