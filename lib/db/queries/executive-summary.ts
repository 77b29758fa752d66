import "server-only";
import { generateInsights, type Insight, type SegmentMetric } from "@/lib/insights/rules";
import { DEFAULT_LOOKBACK_DAYS, MODEL_LABELS, type Model } from "@/lib/pipeline/constants";
import { prisma } from "../client";

export interface KpiSet {
  revenue: number;
  orders: number;
  sessions: number;
  aov: number | null;
  conversionRate: number | null;
  revenuePerSession: number | null;
  annualRunRate: number | null;
  /** Days of the range. */
  days: number;
  /** Days of the range that hold data (a range reaching before the data's start covers fewer). */
  coveredDays: number;
}

export interface ExecutiveSummary {
  runId: number;
  range: { from: string; to: string; days: number };
  previousRange: { from: string; to: string };
  dataRange: { from: string; to: string } | null;
  model: Model;
  modelLabel: string;
  kpis: KpiSet;
  /** null when the previous period has no data at all. */
  previous: KpiSet | null;
  daily: { day: string; revenue: number; orders: number; sessions: number }[];
  channels: { channel: string; sessions: number; orders: number; revenue: number; share: number }[];
  devices: (SegmentMetric & { conversionRate: number | null })[];
  /** Desktop conversion rate minus mobile, percentage points (null without both). */
  deviceGap: number | null;
  newVsReturning: (SegmentMetric & { conversionRate: number | null })[];
  topProducts: { name: string; revenue: number; units: number; orders: number }[];
  timeFromFirstVisit: { label: string; orders: number }[];
  singleSessionShare: number | null;
  caveats: { code: string; count: number; days: string[]; message: string }[];
  insights: { working: Insight[]; concerning: Insight[]; recommendations: Insight[] };
}

const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY) + 1;
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const num = (v: unknown) => Number(v ?? 0);

const FIRST_VISIT_BUCKETS = [
  { label: "Same session", maxHours: 0.5 },
  { label: "< 1 day", maxHours: 24 },
  { label: "1–7 days", maxHours: 168 },
  { label: "7–30 days", maxHours: 720 },
  { label: "> 30 days", maxHours: Number.POSITIVE_INFINITY },
];

async function kpis(runId: number, from: string, to: string): Promise<KpiSet | null> {
  const [agg, covered] = await Promise.all([
    prisma.dailyMetric.aggregate({ where: { runId, day: { gte: from, lte: to } }, _sum: { revenue: true, orders: true, sessions: true }, _count: { _all: true } }),
    prisma.dailyMetric.count({ where: { runId, partial: false, day: { gte: from, lte: to } } }),
  ]);
  // A range with no covered day (nothing, or only stray events of partial days) has no figures.
  if (agg._count._all === 0 || covered === 0) return null;
  const revenue = Math.round(num(agg._sum.revenue) * 100) / 100;
  const orders = num(agg._sum.orders);
  const sessions = num(agg._sum.sessions);
  const days = daysBetween(from, to);
  return { revenue, orders, sessions, aov: ratio(revenue, orders), conversionRate: ratio(orders, sessions), revenuePerSession: ratio(revenue, sessions), annualRunRate: covered > 0 ? (revenue / covered) * 365 : null, days, coveredDays: covered };
}

/** The executive summary of the current run for a date range (inclusive) under an attribution model. */
export async function getExecutiveSummary(opts: { from?: string; to?: string; model: Model }): Promise<ExecutiveSummary | null> {
  const run = await prisma.run.findFirst({ where: { status: "succeeded" }, orderBy: { id: "desc" }, select: { id: true } });
  if (!run) return null;
  const runId = run.id;
  const bounds = await prisma.dailyMetric.aggregate({ where: { runId, partial: false }, _min: { day: true }, _max: { day: true } });
  const dataRange = bounds._min.day && bounds._max.day ? { from: bounds._min.day, to: bounds._max.day } : null;
  const to = opts.to ?? dataRange?.to ?? new Date().toISOString().slice(0, 10);
  const from = opts.from ?? dataRange?.from ?? to;
  const days = daysBetween(from, to);
  const previousRange = { from: addDays(from, -days), to: addDays(from, -1) };

  const [current, previous, daily, channelRows, segmentRows, products, firstVisit, single, findings] = await Promise.all([
    kpis(runId, from, to),
    kpis(runId, previousRange.from, previousRange.to),
    prisma.dailyMetric.findMany({ where: { runId, partial: false, day: { gte: from, lte: to } }, orderBy: { day: "asc" }, select: { day: true, revenue: true, orders: true, sessions: true } }),
    prisma.$queryRaw<{ channel: string; orders: number; cents: number }[]>`
      SELECT c."channel" AS channel, SUM(c."credit") AS orders, SUM(c."revenueCents") AS cents
      FROM "AttributionCredit" c JOIN "Order" o ON o."runId" = c."runId" AND o."orderId" = c."orderId"
      WHERE c."runId" = ${runId} AND c."model" = ${opts.model} AND c."lookbackDays" = ${DEFAULT_LOOKBACK_DAYS} AND o."orderDate" BETWEEN ${from} AND ${to}
      GROUP BY c."channel"`,
    prisma.dailySegment.groupBy({ by: ["dimension", "value"], where: { runId, day: { gte: from, lte: to } }, _sum: { sessions: true, orders: true, revenue: true } }),
    prisma.$queryRaw<{ name: string; revenue: number; units: number; orders: number }[]>`
      SELECT COALESCE(i."itemName", i."itemId") AS name, SUM(COALESCE(i."lineRevenue", 0)) AS revenue, SUM(COALESCE(i."quantity", 0)) AS units, COUNT(DISTINCT i."orderId") AS orders
      FROM "OrderItem" i JOIN "Order" o ON o."runId" = i."runId" AND o."orderId" = i."orderId"
      WHERE i."runId" = ${runId} AND o."orderDate" BETWEEN ${from} AND ${to}
      GROUP BY 1 ORDER BY revenue DESC LIMIT 10`,
    prisma.$queryRaw<{ hours: number }[]>`
      SELECT (o."tsMs" - o."clientFirstSeenMs") / 3600000.0 AS hours
      FROM "Order" o
      WHERE o."runId" = ${runId} AND o."orderDate" BETWEEN ${from} AND ${to} AND o."clientFirstSeenMs" IS NOT NULL`,
    prisma.$queryRaw<{ single: number; total: number }[]>`
      SELECT SUM(CASE WHEN o."sessionNumber" = 1 THEN 1 ELSE 0 END) AS single, COUNT(*) AS total
      FROM "Order" o
      WHERE o."runId" = ${runId} AND o."orderDate" BETWEEN ${from} AND ${to} AND o."sessionNumber" IS NOT NULL`,
    prisma.finding.findMany({ where: { runId, code: { in: ["TRANSACTION_ID_COLLISION", "NULL_CLIENT_ID_SPIKE", "INVALID_PURCHASE", "INVALID_VALUE", "INVALID_ITEM_VALUE", "MISSING_COLUMN", "REVENUE_OUTLIER"] } } }),
  ]);

  const kpiSet: KpiSet = current ?? { revenue: 0, orders: 0, sessions: 0, aov: null, conversionRate: null, revenuePerSession: null, annualRunRate: null, days, coveredDays: 0 };
  const segments = (dimension: string) =>
    segmentRows
      .filter((r) => r.dimension === dimension && r.value !== "(no client id)")
      .map((r) => ({ segment: r.value, sessions: num(r._sum.sessions), orders: num(r._sum.orders), revenue: Math.round(num(r._sum.revenue) * 100) / 100 }))
      .map((r) => ({ ...r, conversionRate: ratio(r.orders, r.sessions) }));
  const channelSessions = new Map(segments("channel").map((s) => [s.segment, s.sessions]));
  const totalCredited = channelRows.reduce((s, c) => s + num(c.cents), 0);
  const channelNames = new Set([...channelSessions.keys(), ...channelRows.map((c) => c.channel)]);
  const channels = [...channelNames]
    .map((channel) => {
      const c = channelRows.find((r) => r.channel === channel);
      const cents = num(c?.cents);
      return { channel, sessions: channelSessions.get(channel) ?? 0, orders: num(c?.orders), revenue: cents / 100, share: totalCredited > 0 ? cents / totalCredited : 0 };
    })
    .sort((a, b) => b.revenue - a.revenue || b.sessions - a.sessions);
  const devices = segments("device").sort((a, b) => b.sessions - a.sessions);
  const mobile = devices.find((d) => d.segment === "mobile");
  const desktop = devices.find((d) => d.segment === "desktop");
  const newVsReturning = segments("visitor").sort((a, b) => a.segment.localeCompare(b.segment));

  const inRange = (day: string | null) => day !== null && day >= from && day <= to;
  // Only findings about days of the range (a finding without a day concerns the whole data).
  const caveats = groupFindings(findings.filter((f) => f.day === null || inRange(f.day)));
  const timeFromFirstVisit = FIRST_VISIT_BUCKETS.map((b) => ({ label: b.label, orders: 0 }));
  for (const { hours } of firstVisit) timeFromFirstVisit[FIRST_VISIT_BUCKETS.findIndex((b) => num(hours) < b.maxHours)]!.orders++;
  const singleRow = single[0];

  const insightInput = {
    modelLabel: MODEL_LABELS[opts.model],
    current: kpiSet,
    // Totals of a previous period that the data only partly covers are not comparable: no period-over-period rules then.
    previous: previous && previous.coveredDays === days ? previous : null,
    channels,
    devices,
    newVsReturning,
    daily,
    qualityIssues: caveats,
  };
  return {
    runId,
    range: { from, to, days },
    previousRange,
    dataRange,
    model: opts.model,
    modelLabel: MODEL_LABELS[opts.model],
    kpis: kpiSet,
    previous,
    daily,
    channels,
    devices,
    deviceGap: mobile?.conversionRate != null && desktop?.conversionRate != null ? (desktop.conversionRate - mobile.conversionRate) * 100 : null,
    newVsReturning,
    topProducts: products.map((p) => ({ name: p.name, revenue: Math.round(num(p.revenue) * 100) / 100, units: num(p.units), orders: num(p.orders) })),
    timeFromFirstVisit,
    singleSessionShare: singleRow && num(singleRow.total) > 0 ? num(singleRow.single) / num(singleRow.total) : null,
    caveats,
    insights: generateInsights(insightInput),
  };
}

function groupFindings(findings: { code: string; count: number; day: string | null; message: string }[]) {
  const by = new Map<string, { code: string; count: number; days: string[]; message: string }>();
  for (const f of findings) {
    const g = by.get(f.code) ?? { code: f.code, count: 0, days: [], message: CAVEAT_TEXT[f.code] ?? f.message };
    g.count += f.count;
    if (f.day && !g.days.includes(f.day)) g.days.push(f.day);
    by.set(f.code, g);
  }
  return [...by.values()];
}

/** How each kind of finding affects the figures on this page. */
const CAVEAT_TEXT: Record<string, string> = {
  TRANSACTION_ID_COLLISION: "transaction ids are shared by two different purchases; both are counted as orders until reconciled.",
  NULL_CLIENT_ID_SPIKE: "events had no client id on days where tracking lost them: those days' sessions, conversion rate and attribution are undercounted.",
  INVALID_PURCHASE: "purchase events had no revenue or no valid item and are not counted as orders.",
  INVALID_VALUE: "rows held a value that cannot be trusted (an unstorable or absurd revenue, a NUL character, a field over 1 MiB) and were set aside: a purchase among them is not counted as an order.",
  INVALID_ITEM_VALUE: "purchases had an item quantity or price past its ceiling: the order and its revenue are counted, that item value is unknown (product figures leave it out).",
  MISSING_COLUMN: "rows came from files without a referrer column: their sessions cannot be classified by referrer.",
  REVENUE_OUTLIER: "orders have unusually high revenue and are included in the totals.",
};
