/**
 * Pure shaping of the executive summary for the home page and its PDF: date range presets relative
 * to the data, KPI tiles with their change against the previous period, channel bars and labels.
 * No React, no I/O; client components import it directly.
 */
import type { ExecutiveSummary, KpiSet, ProductRevenue } from "@/lib/db/queries/executive-summary";
import { formatCurrency, formatDecimal, formatInt, formatPercent, niceTicks } from "@/lib/reports/format";
import type { Model } from "@/lib/pipeline/constants";
import { annualRunRate } from "@/lib/insights/rules";

export interface DayRange {
  from: string;
  to: string;
}

// ---- dates ------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, n: number) => new Date(toMs(day) + n * DAY_MS).toISOString().slice(0, 10);
/** Days from `from` to `to`, both included (0 when `to` is before `from`). */
export const daysIn = (r: DayRange) => Math.max(0, Math.round((toMs(r.to) - toMs(r.from)) / DAY_MS) + 1);

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const parts = (day: string) => ({ y: day.slice(0, 4), m: MONTHS[Number(day.slice(5, 7)) - 1] ?? "", d: String(Number(day.slice(8, 10))) });

/** "2025-02-23".."2025-03-03" → "Feb 23 – Mar 3, 2025" (years repeated only when they differ). */
export function formatRange(r: DayRange): string {
  const a = parts(r.from);
  const b = parts(r.to);
  if (r.from === r.to) return `${a.m} ${a.d}, ${a.y}`;
  return a.y === b.y ? `${a.m} ${a.d} – ${b.m} ${b.d}, ${b.y}` : `${a.m} ${a.d}, ${a.y} – ${b.m} ${b.d}, ${b.y}`;
}

// ---- presets ----------------------------------------------------------------------------------

export type PresetId = "all" | "last7" | "last14";
export type RangeChoice = PresetId | "custom";
export const PRESETS: { id: PresetId; label: string; days: number | null }[] = [
  { id: "all", label: "Whole data", days: null },
  { id: "last7", label: "Last 7 days", days: 7 },
  { id: "last14", label: "Last 14 days", days: 14 },
];

/**
 * The days a preset covers, relative to the data's last day; a window longer than the data is
 * clamped to the data's first day (`clamped` says so, for a hint next to the picker).
 */
export function presetRange(id: PresetId, data: DayRange): DayRange & { clamped: boolean } {
  const days = PRESETS.find((p) => p.id === id)?.days ?? null;
  if (days === null) return { ...data, clamped: false };
  const from = addDays(data.to, -(days - 1));
  return from < data.from ? { from: data.from, to: data.to, clamped: true } : { from, to: data.to, clamped: false };
}

/** Data covering at least this many days opens on its latest 7 complete days against the 7 before; less opens on the whole data. */
export const DEFAULT_WEEK_MIN_DAYS = 14;

/** The period a page opens on when the URL names none. */
export function defaultPeriod(data: DayRange | null): PresetId {
  return data && daysIn(data) >= DEFAULT_WEEK_MIN_DAYS ? "last7" : "all";
}

/** The query string of the summary API and of the PDF route for a selection. */
export function summarySearch(q: { from: string; to: string; model: Model; identity?: "device" | "person" }): string {
  // Per device is the default: only per person is written (as the page's URL does).
  return new URLSearchParams({ from: q.from, to: q.to, model: q.model, ...(q.identity === "person" ? { identity: "person" } : {}) }).toString();
}

// ---- changes ----------------------------------------------------------------------------------

export interface Change {
  direction: "up" | "down" | "flat";
  /** Magnitude without sign or arrow: "12.3%", "0.15 pp", "from 0". */
  text: string;
}

/**
 * Change of a figure against the previous period: relative (%) or, for rates, in percentage
 * points. null when either side is missing (no previous period, no orders for an AOV...).
 */
export function computeChange(current: number | null | undefined, previous: number | null | undefined, unit: "relative" | "points" = "relative"): Change | null {
  if (current == null || previous == null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  if (unit === "points") {
    const pp = (current - previous) * 100;
    const text = `${formatDecimal(Math.abs(pp), 2)} pp`;
    return { direction: text === "0.00 pp" ? "flat" : pp > 0 ? "up" : "down", text };
  }
  if (previous === 0) return current === 0 ? { direction: "flat", text: "0.0%" } : { direction: current > 0 ? "up" : "down", text: "from 0" };
  const ratio = (current - previous) / Math.abs(previous);
  const text = formatPercent(Math.abs(ratio), 1);
  return { direction: text === "0.0%" ? "flat" : ratio > 0 ? "up" : "down", text };
}

/** Days of the previous period that fall inside the data (fewer than `days`: a partial comparison). */
export function previousCoverage(s: Pick<ExecutiveSummary, "previousRange" | "dataRange">): { covered: number; days: number } {
  const days = daysIn(s.previousRange);
  if (!s.dataRange) return { covered: 0, days };
  const from = s.previousRange.from > s.dataRange.from ? s.previousRange.from : s.dataRange.from;
  const to = s.previousRange.to < s.dataRange.to ? s.previousRange.to : s.dataRange.to;
  return { covered: daysIn({ from, to }), days };
}

// ---- KPI tiles --------------------------------------------------------------------------------

/** An annualised run rate in compact dollars: 7979849 → "$7.98M", 196763 → "$196.8k", 950 → "$950". */
export function formatRunRate(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  const sign = value < 0 ? "-" : "";
  if (abs >= 1e9) return `${sign}$${formatDecimal(abs / 1e9, 2)}B`;
  if (abs >= 1e6) return `${sign}$${formatDecimal(abs / 1e6, 2)}M`;
  if (abs >= 1e4) return `${sign}$${formatDecimal(abs / 1e3, 1)}k`;
  return formatCurrency(value, 0);
}

const money = (v: number | null) => (v != null && Math.abs(v) >= 100 ? formatCurrency(v, 0) : formatCurrency(v, 2));

export type KpiId = "revenue" | "orders" | "aov" | "sessions" | "conversion" | "rps" | "run-rate";
export interface KpiTile {
  id: KpiId;
  label: string;
  value: string;
  /** The previous period's value, formatted (for a tooltip); null without a previous period. */
  previous: string | null;
  change: Change | null;
  /** Why there is no change, or what limits it ("no previous period", "previous period: 2 of 7 days"). */
  note: string | null;
}

interface KpiDef {
  id: KpiId;
  label: string;
  get: (k: KpiSet) => number | null;
  format: (v: number | null) => string;
  unit: "relative" | "points";
  /** A total over the period (not comparable with a partly covered previous period). */
  total: boolean;
}

const KPI_DEFS: KpiDef[] = [
  { id: "revenue", label: "Revenue", get: (k) => k.revenue, format: (v) => formatCurrency(v, 0), unit: "relative", total: true },
  { id: "orders", label: "Orders", get: (k) => k.orders, format: formatInt, unit: "relative", total: true },
  { id: "aov", label: "Avg order value", get: (k) => k.aov, format: money, unit: "relative", total: false },
  { id: "sessions", label: "Sessions", get: (k) => k.sessions, format: formatInt, unit: "relative", total: true },
  { id: "conversion", label: "Conversion rate", get: (k) => k.conversionRate, format: (v) => formatPercent(v, 2), unit: "points", total: false },
  { id: "rps", label: "Revenue / session", get: (k) => k.revenuePerSession, format: (v) => formatCurrency(v, 2), unit: "relative", total: false },
  { id: "run-rate", label: "Annual run rate", get: (k) => k.annualRunRate, format: formatRunRate, unit: "relative", total: false },
];

/**
 * The seven KPI tiles. Totals (revenue, orders, sessions) are compared only with a previous period
 * fully inside the data; rates and averages are compared whenever the previous period has data,
 * the run rate against the previous revenue per covered day.
 */
export function kpiTiles(s: Pick<ExecutiveSummary, "kpis" | "previous" | "previousRange" | "dataRange">): KpiTile[] {
  const cov = previousCoverage(s);
  const partial = s.previous !== null && cov.covered < cov.days;
  const prev = s.previous;
  return KPI_DEFS.map((d) => {
    const value = d.get(s.kpis);
    // A run rate from too few days is withheld, with the reason, whatever the previous period.
    if (d.id === "run-rate" && s.kpis.annualRunRateWithheld) return { id: d.id, label: d.label, value: d.format(null), previous: null, change: null, note: `withheld: ${s.kpis.annualRunRateWithheld}` };
    if (!prev) return { id: d.id, label: d.label, value: d.format(value), previous: null, change: null, note: "no previous period" };
    // The previous run rate is the previous revenue per covered day x 365, under the same minimum of days.
    const prevRunRate = d.id === "run-rate" ? annualRunRate(prev.revenue, cov.covered) : null;
    const before = prevRunRate ? prevRunRate.value : d.get(prev);
    const blocked = partial && d.total;
    return {
      id: d.id,
      label: d.label,
      value: d.format(value),
      previous: prevRunRate?.withheld ? null : d.format(before),
      change: blocked ? null : computeChange(value, before, d.unit),
      note: blocked ? `previous period: ${cov.covered} of ${cov.days} days` : prevRunRate?.withheld ? `previous period withheld: ${prevRunRate.withheld}` : null,
    };
  });
}

// ---- sections ---------------------------------------------------------------------------------

/** True when the range holds no data at all (show an empty state, not zeros). */
export const isEmptyRange = (s: Pick<ExecutiveSummary, "daily">) => s.daily.length === 0;

/** Channel rows with bar widths relative to the largest share (0..1). */
export function channelBars(channels: ExecutiveSummary["channels"]) {
  const max = Math.max(0, ...channels.map((c) => c.share));
  return channels.map((c) => ({ ...c, width: max > 0 ? c.share / max : 0, shareText: formatPercent(c.share, 1), revenueText: formatCurrency(c.revenue, 0) }));
}

/** "mobile" → "Mobile". */
export const segmentLabel = (s: string) => (s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s);

/** The mobile–desktop conversion gap as a sentence. */
export function deviceGapText(gap: number | null): string {
  if (gap == null) return "Not enough mobile and desktop sessions to compare.";
  if (Math.abs(gap) < 0.005) return "Mobile and desktop convert at the same rate.";
  const pp = `${formatDecimal(Math.abs(gap), 2)} percentage points`;
  return gap > 0 ? `Desktop converts ${pp} better than mobile.` : `Mobile converts ${pp} better than desktop.`;
}

/**
 * Ticks for a two-axis chart: round ticks for the left values and integer ticks for the right
 * values at the same heights, so both axes share one grid.
 */
export function alignedTicks(maxLeft: number, maxRight: number): { left: number[]; right: number[] } {
  const left = niceTicks(0, Math.max(0, maxLeft), 4);
  const intervals = Math.max(1, left.length - 1);
  const raw = Math.max(0, maxRight) / intervals;
  const magnitude = raw > 0 ? 10 ** Math.floor(Math.log10(raw)) : 1;
  const step = raw > 0 ? Math.max(1, Math.ceil(([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude)) : 1;
  return { left, right: left.map((_, i) => i * step) };
}

// ---- products ---------------------------------------------------------------------------------

const n = (count: number, one: string, many: string) => `${formatInt(count)} ${count === 1 ? one : many}`;

/**
 * What product revenue covers, in sentences (page and PDF): its share of order revenue, the
 * estimated part and why, and the orders where it cannot equal revenue (docs/metrics.md).
 */
export function productRevenueNotes(p: ProductRevenue): string[] {
  if (p.orderRevenue <= 0) return [];
  const notes = [`Product revenue ${formatCurrency(p.revenue, 0)} is ${formatPercent(p.share, 1)} of order revenue ${formatCurrency(p.orderRevenue, 0)}.`];
  if (p.unpricedItems > 0) {
    notes.push(
      `${formatCurrency(p.estimated, 0)} of it is estimated: ${n(p.unpricedItems, "item", "items")} in ${n(p.unpricedOrders, "order", "orders")} had no price, so each gets the part of its order's revenue the priced items leave, split by quantity.`,
    );
  }
  if (p.overOrders > 0) notes.push(`Priced items exceed the revenue of ${n(p.overOrders, "order", "orders")} by ${formatCurrency(p.over, 0)}; they count at price x quantity.`);
  if (p.underOrders > 0) {
    const whose = p.underOrders === 1 ? "its" : "their";
    notes.push(`${formatCurrency(p.under, 0)} of the revenue of ${n(p.underOrders, "fully priced order", "fully priced orders")} is not in ${whose} items' price x quantity.`);
  }
  return notes;
}

// ---- caveats ----------------------------------------------------------------------------------

const CAVEAT_UNITS: Record<string, [string, string]> = {
  TRANSACTION_ID_COLLISION: ["transaction id", "transaction ids"],
  NULL_CLIENT_ID_SPIKE: ["event", "events"],
  INVALID_PURCHASE: ["purchase", "purchases"],
  INVALID_VALUE: ["row", "rows"],
  INVALID_ITEM_VALUE: ["purchase", "purchases"],
  ITEM_PRICE_MISSING: ["item", "items"],
  MISSING_COLUMN: ["row", "rows"],
  REVENUE_OUTLIER: ["order", "orders"],
  BOT_TRAFFIC: ["event", "events"],
};

/** What a caveat counts: (3, TRANSACTION_ID_COLLISION) → "3 transaction ids". */
export function caveatCount(code: string, count: number): string {
  const [one, many] = CAVEAT_UNITS[code] ?? ["finding", "findings"];
  return `${formatInt(count)} ${count === 1 ? one : many}`;
}

/** The days a caveat touches: up to four by name ("Feb 26, Mar 1"), more as a span. */
export function caveatDays(days: string[]): string {
  const sorted = [...days].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return "across the run";
  if (sorted.length <= 4) return `on ${sorted.map((d) => formatRange({ from: d, to: d }).replace(/, \d{4}$/, "")).join(", ")}`;
  return `on ${sorted.length} days, ${formatRange({ from: first, to: last })}`;
}
