"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { MODEL_LABELS, type Model } from "@/lib/pipeline/constants";
import { formatCompact, formatCurrency } from "@/lib/reports/format";
import type { ComparisonRow } from "@/lib/views/compare-models";

const COLOR_A = "#2f5bd3";
const COLOR_B = "#e08a1e";

/** Grouped horizontal bars: revenue per channel under model A and model B (channels with revenue in either). */
export function ComparisonChart({ rows, a, b }: { rows: ComparisonRow[]; a: Model; b: Model }) {
  const data = rows.filter((r) => r.revenueA > 0 || r.revenueB > 0).map((r) => ({ label: r.channel, a: r.revenueA, b: r.revenueB }));
  if (data.length === 0) return null; // the table above already says there is nothing to compare
  return (
    <figure role="img" aria-label={`Revenue per channel: ${MODEL_LABELS[a]} vs ${MODEL_LABELS[b]}`} style={{ margin: 0, width: "100%", height: 70 + data.length * 46 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, left: 4, bottom: 4 }} barGap={2}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e3e7ed" />
          <XAxis type="number" tickFormatter={(v: number) => `$${formatCompact(v)}`} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="label" tick={{ fontSize: 12, width: 150 }} width={120} />
          <Tooltip formatter={(v) => formatCurrency(Number(v))} />
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="a" name={`A · ${MODEL_LABELS[a]}`} fill={COLOR_A} isAnimationActive={false} barSize={14} radius={[0, 3, 3, 0]} />
          <Bar dataKey="b" name={`B · ${MODEL_LABELS[b]}`} fill={COLOR_B} isAnimationActive={false} barSize={14} radius={[0, 3, 3, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
