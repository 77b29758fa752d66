"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface BarDatum {
  label: string;
  value: number;
  /** Draw this bar in the highlight colour (e.g. a flagged day). */
  highlight?: boolean;
}

export interface SimpleBarChartProps {
  data: BarDatum[];
  /** Accessible name of the chart. */
  title: string;
  valueFormat?: "integer" | "percent";
  /** Category label where a dashed marker is drawn (e.g. the session timeout). */
  markerAt?: string;
  markerLabel?: string;
  height?: number;
}

const fmt = (kind: SimpleBarChartProps["valueFormat"]) => (v: number) =>
  kind === "percent" ? `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%` : v.toLocaleString("en-US");

/** A display-only bar chart: takes already-shaped data. */
export function SimpleBarChart({ data, title, valueFormat = "integer", markerAt, markerLabel, height = 240 }: SimpleBarChartProps) {
  const format = fmt(valueFormat);
  if (data.length === 0) return <p className="muted small">No data for this chart.</p>;
  return (
    <figure role="img" aria-label={title} style={{ margin: 0, width: "100%", height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 16, right: 12, left: 4, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e7ed" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis tickFormatter={format} tick={{ fontSize: 11 }} width={56} />
          <Tooltip formatter={(v) => format(Number(v))} />
          <Bar dataKey="value" isAnimationActive={false} radius={[3, 3, 0, 0]}>
            {data.map((d) => (
              <Cell key={d.label} fill={d.highlight ? "#c62828" : "#2f5bd3"} />
            ))}
          </Bar>
          {markerAt !== undefined && (
            <ReferenceLine x={markerAt} stroke="#b26a00" strokeDasharray="5 4" strokeWidth={2} label={{ value: markerLabel ?? "", position: "top", fontSize: 11, fill: "#b26a00" }} />
          )}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
