"use client";

import type { CSSProperties } from "react";
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { formatDayShort } from "@/lib/reports/format";
import { formatAxis, formatMetric, type ChartPoint, type MetricChart, type Unit } from "@/lib/views/monitoring-shape";
import { StatusBadge } from "./status-badge";

const COLORS = { value: "#2f5bd3", expected: "#5f6b7a", band: "#2f5bd3", critical: "#c62828", warning: "#e08a1e", notScored: "#9aa5b1", recent: "#f1f3f7" };

function PointTooltip({ active, payload, unit }: { active?: boolean; payload?: readonly { payload?: unknown }[]; unit: Unit }) {
  const p = payload?.[0]?.payload as ChartPoint | undefined;
  if (!active || !p) return null;
  return (
    <div style={{ background: "#fff", border: "1px solid var(--line)", borderRadius: 6, padding: "6px 10px", fontSize: 12, boxShadow: "0 2px 6px rgba(0,0,0,.08)" }}>
      <div style={{ fontWeight: 600 }}>
        {p.day} <StatusBadge status={p.status} />
      </div>
      <div>Value: {formatMetric(p.value, unit)}</div>
      {p.status === "NOT_SCORED" ? (
        <div className="muted">Not scored: too few earlier days.</div>
      ) : (
        <>
          <div>Expected: {formatMetric(p.expected, unit)}</div>
          {p.band && (
            <div className="muted">
              Band: {formatMetric(p.band[0], unit)} – {formatMetric(p.band[1], unit)}
            </div>
          )}
          {p.z !== null && <div className="muted">z = {p.z.toFixed(2)}</div>}
        </>
      )}
    </div>
  );
}

type LegendKey = "value" | "expected" | "band" | "critical" | "warning" | "notScored";

const SWATCH: Record<LegendKey, { text: (minPoints: number) => string; style: CSSProperties }> = {
  value: { text: () => "value", style: { width: 16, height: 0, borderTop: `2px solid ${COLORS.value}` } },
  expected: { text: () => "expected", style: { width: 16, height: 0, borderTop: `2px dashed ${COLORS.expected}` } },
  band: { text: () => "expected band (±3 sd)", style: { width: 14, height: 10, background: COLORS.band, opacity: 0.2 } },
  critical: { text: () => "critical day", style: { width: 10, height: 10, borderRadius: 5, background: COLORS.critical } },
  warning: { text: () => "warning day", style: { width: 10, height: 10, borderRadius: 5, background: COLORS.warning } },
  notScored: { text: (n) => `not scored (needs ${n} earlier days)`, style: { width: 8, height: 8, borderRadius: 5, border: `1.5px solid ${COLORS.notScored}`, background: "#fff" } },
};

/** A fixed-order legend listing only what the chart draws. */
function ChartLegend({ items, minPoints }: { items: [LegendKey, boolean][]; minPoints: number }) {
  return (
    <div className="small muted" style={{ display: "flex", flexWrap: "wrap", gap: "4px 14px", justifyContent: "center", marginTop: 4 }}>
      {items
        .filter(([, shown]) => shown)
        .map(([key]) => (
          <span key={key} data-legend={key} style={{ display: "inline-flex", alignItems: "center", gap: 5 }}>
            <span aria-hidden style={{ display: "inline-block", ...SWATCH[key].style }} />
            {SWATCH[key].text(minPoints)}
          </span>
        ))}
    </div>
  );
}

/** One metric: value line, expected band (±3 standard deviations) and dashed expected line, flagged days as red / amber dots. */
function MetricChartView({ chart, minPoints, recentDays }: { chart: MetricChart; minPoints: number; recentDays: number }) {
  const fmt = (v: number) => formatAxis(v, chart.unit);
  const hasCritical = chart.points.some((p) => p.critical !== null);
  const hasWarning = chart.points.some((p) => p.warning !== null);
  const hasNotScored = chart.points.some((p) => p.notScored !== null);
  const hasBand = chart.points.some((p) => p.band !== null);
  const flaggedText = chart.flagged.length ? `flagged ${chart.flagged.map((f) => formatDayShort(f.day)).join(", ")}` : "no flagged days";
  const top = chart.ticks[chart.ticks.length - 1] ?? 1;
  return (
    <section className="panel" data-metric={chart.metric} data-status={chart.status} aria-label={`${chart.label} per day`}>
      <h2 style={{ display: "flex", alignItems: "center", gap: 8, flexWrap: "wrap" }}>
        {chart.label}
        <StatusBadge status={chart.status} />
        <span className="hint" style={{ marginLeft: 0 }}>
          {chart.priority} · {flaggedText}
        </span>
      </h2>
      {chart.points.length === 0 ? (
        <p className="muted small">No daily values.</p>
      ) : (
        <figure role="img" aria-label={`${chart.label} per day with expected band; ${flaggedText}`} style={{ margin: 0, width: "100%", height: 250 }}>
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={chart.points} margin={{ top: 8, right: 12, left: 4, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e7ed" />
              {chart.recentRange && chart.points.length > recentDays && (
                <ReferenceArea x1={chart.recentRange[0]} x2={chart.recentRange[1]} fill={COLORS.recent} fillOpacity={1} label={{ value: `newest ${recentDays} days`, position: "insideTopLeft", fontSize: 10, fill: "#8a94a3" }} />
              )}
              <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
              <YAxis tickFormatter={fmt} tick={{ fontSize: 11 }} width={58} domain={[0, top]} ticks={chart.ticks} interval={0} />
              <Tooltip content={(props: TooltipContentProps) => <PointTooltip active={props.active} payload={props.payload} unit={chart.unit} />} />
              {hasBand && <Area dataKey="band" name="expected band" stroke="none" fill={COLORS.band} fillOpacity={0.14} isAnimationActive={false} activeDot={false} />}
              {hasBand && <Line dataKey="expected" name="expected" stroke={COLORS.expected} strokeDasharray="5 4" strokeWidth={1.5} dot={false} activeDot={false} isAnimationActive={false} />}
              <Line dataKey="value" name="value" stroke={COLORS.value} strokeWidth={2} dot={{ r: 2.5, fill: COLORS.value }} activeDot={false} isAnimationActive={false} />
              {hasNotScored && (
                <Line dataKey="notScored" name={`not scored (needs ${minPoints} earlier days)`} stroke="none" dot={{ r: 4, fill: "#fff", stroke: COLORS.notScored, strokeWidth: 1.5 }} activeDot={false} isAnimationActive={false} />
              )}
              {hasWarning && <Line dataKey="warning" name="warning day" stroke="none" dot={{ r: 5.5, fill: COLORS.warning, stroke: "#fff", strokeWidth: 1.5 }} activeDot={false} isAnimationActive={false} />}
              {hasCritical && <Line dataKey="critical" name="critical day" stroke="none" dot={{ r: 6, fill: COLORS.critical, stroke: "#fff", strokeWidth: 1.5 }} activeDot={false} isAnimationActive={false} />}
            </ComposedChart>
          </ResponsiveContainer>
        </figure>
      )}
      <ChartLegend items={[["value", true], ["expected", hasBand], ["band", hasBand], ["critical", hasCritical], ["warning", hasWarning], ["notScored", hasNotScored]]} minPoints={minPoints} />
    </section>
  );
}

/** A two-per-row grid of metric charts; display only (the data is shaped on the server). */
export function MetricCharts({ charts, minPoints, recentDays }: { charts: MetricChart[]; minPoints: number; recentDays: number }) {
  if (charts.length === 0) return <p className="muted">No daily series were scored in this run.</p>;
  return (
    <div className="grid-2" data-testid="metric-charts">
      {charts.map((c) => (
        <MetricChartView key={c.metric} chart={c} minPoints={minPoints} recentDays={recentDays} />
      ))}
    </div>
  );
}
