/**
 * Pure shaping of a monitoring report for the page and the PDF: human-readable check names and
 * values, checks grouped by priority, a one-line summary, and chart rows per metric series
 * (value, expected line, expected band, flagged and not-scored days). No React, no I/O.
 */
import type { MetricSeries, MonitoringCheck, MonitoringReport, Priority } from "@/lib/pipeline/monitoring";
import type { Status } from "@/lib/pipeline/anomaly";
import { formatCurrency, formatDayShort, formatDecimal, formatInt, formatPercent, niceTicks } from "@/lib/reports/format";

export type Unit = "count" | "rate" | "money";
export type PointStatus = Status | "NOT_SCORED";

/** Labels and units of the watched metrics (mirrors the pipeline's METRICS table; kept here so client code needs no pipeline runtime). */
export const METRIC_INFO: Record<string, { label: string; unit: Unit }> = {
  events: { label: "Events", unit: "count" },
  sessions: { label: "Sessions", unit: "count" },
  orders: { label: "Orders", unit: "count" },
  null_client_id_rate: { label: "Empty client id rate", unit: "rate" },
  null_referrer_rate: { label: "Null referrer rate", unit: "rate" },
  invalid_purchases: { label: "Invalid purchases", unit: "count" },
  revenue: { label: "Revenue", unit: "money" },
  conversion_rate: { label: "Conversion rate", unit: "rate" },
  aov: { label: "Average order value", unit: "money" },
  revenue_per_session: { label: "Revenue per session", unit: "money" },
};

export const PRIORITY_GROUPS: { priority: Priority; title: string; hint: string }[] = [
  { priority: "P0", title: "Can the numbers be trusted", hint: "freshness, revenue reconciliation, pipeline stage health" },
  { priority: "P1", title: "Volumes and data quality", hint: "daily volumes and data quality rates" },
  { priority: "P2", title: "Business metrics", hint: "conversion rate, order value, revenue per session" },
];

const FIXED_NAMES: Record<string, string> = {
  freshness: "Data freshness",
  revenue_reconciliation: "Revenue reconciliation",
  pipeline_health: "Pipeline stage health",
  schema: "Columns per day (schema)",
  channel_mix: "Channel mix",
};

/** "anomaly_null_client_id_rate" → "Empty client id rate anomaly"; unknown ids become sentence case. */
export function checkName(id: string): string {
  const fixed = FIXED_NAMES[id];
  if (fixed) return fixed;
  if (id.startsWith("anomaly_")) {
    const metric = id.slice("anomaly_".length);
    return `${METRIC_INFO[metric]?.label ?? sentence(metric)} anomaly`;
  }
  return sentence(id);
}

function sentence(id: string): string {
  const words = id.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A metric value in its unit: counts as integers, rates as percentages, money in dollars. */
export function formatMetric(value: number | null | undefined, unit: Unit): string {
  return unit === "rate" ? formatPercent(value, 2) : unit === "money" ? formatCurrency(value) : formatInt(value);
}

/** The compact form used on chart axes. */
export function formatAxis(value: number, unit: Unit): string {
  if (unit === "rate") return formatPercent(value, Math.abs(value * 100 - Math.round(value * 100)) < 1e-9 ? 0 : 1);
  if (unit === "money") return Math.abs(value) >= 10_000 ? `$${formatDecimal(value / 1000, 0)}k` : formatCurrency(value, Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : 2);
  return Math.abs(value) >= 10_000 ? `${formatDecimal(value / 1000, 1)}k` : formatInt(value);
}

/** A check's measured value with its unit (anomaly checks carry the strongest recent z-score). */
export function formatCheckValue(check: Pick<MonitoringCheck, "id" | "value">): string {
  const v = check.value;
  if (v === null || !Number.isFinite(v)) return check.id.startsWith("anomaly_") || check.id === "channel_mix" ? "not scored" : "—";
  if (check.id === "channel_mix") return `${formatDecimal(v, 1)} pts`; // the biggest share move, in percentage points
  if (check.id === "freshness") return v >= 48 ? `${formatDecimal(v / 24, 1)} days` : `${formatDecimal(v, 1)} h`;
  if (check.id === "revenue_reconciliation") return `${formatInt(v)} ${v === 1 ? "difference" : "differences"}`;
  if (check.id === "pipeline_health") return `${formatDecimal(v, 1)}% loaded`;
  if (check.id === "schema") return `${formatInt(v)} missing`; // columns: the check's name says so (short, so the PDF cell holds it)
  if (check.id.startsWith("anomaly_")) return `z ${v > 0 ? "+" : v < 0 ? "−" : ""}${formatDecimal(Math.abs(v), 2)}`;
  return formatDecimal(v, 2);
}

export interface CheckRow {
  id: string;
  name: string;
  priority: Priority;
  status: Status;
  value: string;
  threshold: string;
  explanation: string;
  days: string[];
}

export interface CheckGroup {
  priority: Priority;
  title: string;
  hint: string;
  status: Status;
  checks: CheckRow[];
}

const RANK: Record<Status, number> = { CRITICAL: 0, WARNING: 1, PASS: 2 };

export function worstStatus(statuses: PointStatus[]): Status {
  return statuses.includes("CRITICAL") ? "CRITICAL" : statuses.includes("WARNING") ? "WARNING" : "PASS";
}

/** Checks grouped P0, P1, P2 (empty groups left out), in report order within a group, each ready to display. */
export function groupChecks(checks: MonitoringCheck[]): CheckGroup[] {
  return PRIORITY_GROUPS.map((g) => {
    const rows = checks
      .filter((c) => c.priority === g.priority)
      .map((c) => ({ id: c.id, name: checkName(c.id), priority: c.priority, status: c.status, value: formatCheckValue(c), threshold: c.threshold, explanation: c.explanation, days: c.days ?? [] }));
    return { ...g, status: worstStatus(rows.map((r) => r.status)), checks: rows };
  }).filter((g) => g.checks.length > 0);
}

export interface StatusSummary {
  status: Status;
  critical: number;
  warning: number;
  pass: number;
  total: number;
  /** "2 critical, 1 warning of 13 checks" or "All 13 checks pass". */
  text: string;
  /** Names of the failing checks, worst first. */
  failing: string[];
}

export function summarize(checks: MonitoringCheck[]): StatusSummary {
  const count = (s: Status) => checks.filter((c) => c.status === s).length;
  const critical = count("CRITICAL");
  const warning = count("WARNING");
  const total = checks.length;
  const parts = [critical ? `${critical} critical` : "", warning ? `${warning} ${warning === 1 ? "warning" : "warnings"}` : ""].filter(Boolean);
  const noun = total === 1 ? "check" : "checks";
  const text = total === 0 ? "No checks were evaluated" : parts.length ? `${parts.join(", ")} of ${total} ${noun}` : `All ${total} ${noun} pass`;
  const failing = [...checks].filter((c) => c.status !== "PASS").sort((a, b) => RANK[a.status] - RANK[b.status]).map((c) => checkName(c.id));
  return { status: worstStatus(checks.map((c) => c.status)), critical, warning, pass: count("PASS"), total, text, failing };
}

export interface ChartPoint {
  day: string;
  /** Axis label, "Mar 2". */
  label: string;
  value: number | null;
  expected: number | null;
  /** Expected band [lower, upper], clipped to what the metric can take (>= 0; rates <= 100%); null when not scored. */
  band: [number, number] | null;
  status: PointStatus;
  /** The value again on flagged / not-scored days only, so the chart draws coloured dots there. */
  critical: number | null;
  warning: number | null;
  notScored: number | null;
  /** Inside the newest days that set the check's status. */
  recent: boolean;
  z: number | null;
}

export interface MetricChart {
  metric: string;
  label: string;
  priority: Priority;
  unit: Unit;
  /** The status of the metric's check (recent days only). */
  status: Status;
  points: ChartPoint[];
  flagged: { day: string; status: Status }[];
  notScoredDays: number;
  /** First and last label of the recent window (for shading), null when there are no points. */
  recentRange: [string, string] | null;
  /** Round value-axis ticks from 0 to above the highest value or band edge (whole numbers for counts). */
  ticks: number[];
}

/** Chart rows for one scored series; `recentDays` newest points are marked recent. */
export function shapeSeries(series: MetricSeries, status: Status, recentDays: number): MetricChart {
  const info = METRIC_INFO[series.metric];
  const unit = info?.unit ?? "count";
  const firstRecent = Math.max(0, series.points.length - recentDays);
  const points: ChartPoint[] = series.points.map((p, i) => ({
    day: p.day,
    label: formatDayShort(p.day),
    value: p.value,
    expected: p.expected,
    band: p.lower !== null && p.upper !== null ? [clip(p.lower, unit), clip(p.upper, unit)] : null,
    status: p.status,
    critical: p.status === "CRITICAL" ? p.value : null,
    warning: p.status === "WARNING" ? p.value : null,
    notScored: p.status === "NOT_SCORED" ? p.value : null,
    recent: i >= firstRecent,
    z: p.z,
  }));
  const first = points[firstRecent];
  const last = points[points.length - 1];
  return {
    metric: series.metric,
    label: series.label || info?.label || sentence(series.metric),
    priority: series.priority,
    unit,
    status,
    points,
    flagged: points.filter((p): p is ChartPoint & { status: Status } => p.status === "WARNING" || p.status === "CRITICAL").map((p) => ({ day: p.day, status: p.status })),
    notScoredDays: points.filter((p) => p.status === "NOT_SCORED").length,
    recentRange: first && last ? [first.label, last.label] : null,
    ticks: axisTicks(points, unit),
  };
}

function clip(v: number, unit: Unit): number {
  return Math.min(Math.max(0, v), unit === "rate" ? 1 : Infinity);
}

function axisTicks(points: ChartPoint[], unit: Unit): number[] {
  const max = Math.max(0, ...points.flatMap((p) => [p.value ?? 0, p.expected ?? 0, p.band?.[1] ?? 0]).filter(Number.isFinite));
  return niceTicks(0, unit === "count" ? Math.max(max, 4) : max, 4);
}

/** One chart per metric series, in priority order (P0, P1, P2), with the status of its anomaly check. */
export function shapeCharts(report: Pick<MonitoringReport, "series" | "checks" | "options">): MetricChart[] {
  const statusOf = new Map(report.checks.map((c) => [c.id, c.status]));
  const order = (p: Priority) => PRIORITY_GROUPS.findIndex((g) => g.priority === p);
  return [...report.series]
    .sort((a, b) => order(a.priority) - order(b.priority))
    .map((s) => shapeSeries(s, statusOf.get(`anomaly_${s.metric}`) ?? worstStatus(s.points.slice(-report.options.recentDays).map((p) => p.status)), report.options.recentDays));
}
