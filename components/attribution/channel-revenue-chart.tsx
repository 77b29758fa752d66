"use client";

import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AttributionChannelRow } from "@/lib/db/queries/attribution";
import { formatCompact, formatCurrency } from "@/lib/reports/format";

/** Horizontal bars of credited revenue per channel (channels with revenue only), largest first. */
export function ChannelRevenueChart({ rows, title }: { rows: AttributionChannelRow[]; title: string }) {
  const data = rows.filter((r) => r.revenue > 0).map((r) => ({ label: r.channel, value: r.revenue }));
  if (data.length === 0) return <p className="muted small">No channel has credited revenue.</p>;
  return (
    <figure role="img" aria-label={title} style={{ margin: 0, width: "100%", height: 40 + data.length * 34 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 64, left: 4, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e3e7ed" />
          <XAxis type="number" tickFormatter={(v: number) => `$${formatCompact(v)}`} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="label" tick={{ fontSize: 12, width: 150 }} width={120} />
          <Tooltip formatter={(v) => formatCurrency(Number(v))} />
          <Bar dataKey="value" name="Revenue" fill="#2f5bd3" isAnimationActive={false} radius={[0, 3, 3, 0]} barSize={20}>
            <LabelList dataKey="value" position="right" formatter={(v: unknown) => formatCurrency(Number(v), 0)} style={{ fontSize: 11, fill: "#1d2430" }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
