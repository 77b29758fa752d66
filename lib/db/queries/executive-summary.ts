import "server-only";
import { cacheKey, cachedForRun } from "./run-cache";
import type { NumberCaveats } from "@/lib/views/caveats";
import { getRangeCaveats } from "./caveats";
import { daysIn, type PresetId, type RangeChoice } from "@/lib/views/executive-shape";
import { resolvePeriod } from "./period";
import { annualRunRate, generateInsights, type Insight, type SegmentMetric } from "@/lib/insights/rules";
import { purchaseTiming } from "@/lib/views/purchase-timing";
import { DEFAULT_LOOKBACK_DAYS, MODEL_LABELS, type Model } from "@/lib/pipeline/constants";
import { prisma } from "../client";
import { Prisma } from "@/generated/prisma/client";
import type { IdentityView } from "@/lib/views/identity-view";
import { bootstrapIntervals, type ModelIntervals } from "@/lib/pipeline/bootstrap";
import { NOT_A_CHANNEL } from "@/lib/insights/thresholds";

export interface KpiSet {
  revenue: number;
  orders: number;
  sessions: number;
  aov: number | null;
  conversionRate: number | null;
  revenuePerSession: number | null;
  /** Revenue per covered day x 365; null when withheld (fewer than 28 covered days) or without data. */
  annualRunRate: number | null;
  /** Why the run rate is withheld ("needs 28 days of data, has 9"), or null. */
  annualRunRateWithheld: string | null;
  /** Days of the range. */
  days: number;
  /** Days of the range that hold data (a range reaching before the data's start covers fewer). */
  coveredDays: number;
}

/**
 * Product revenue of the orders placed in a range (docs/metrics.md, "Product revenue"): priced
 * items' price x quantity plus the estimates of items without a price. It equals order revenue
 * except where priced items exceed an order's revenue (`over`) or fully priced items fall short
 * of it (`under`): revenue = orderRevenue + over - under.
 */
export interface ProductRevenue {
  revenue: number;
  estimated: number;
  orderRevenue: number;
  /** revenue / orderRevenue (null without order revenue). */
  share: number | null;
  /** Items without a price (or quantity) and the orders they belong to. */
  unpricedItems: number;
  unpricedOrders: number;
  /** Priced items beyond the revenue of `overOrders` orders. */
  over: number;
  overOrders: number;
  /** Revenue of `underOrders` fully priced orders that their items do not explain. */
  under: number;
  underOrders: number;
}

export interface ExecutiveSummary {
  runId: number;
  range: { from: string; to: string; days: number };
  /** How the range was chosen: a preset counted back from the data's last day, or custom dates. */
  period: RangeChoice;
  previousRange: { from: string; to: string };
  dataRange: { from: string; to: string } | null;
  model: Model;
  modelLabel: string;
  /**
   * Per device (client id) or per person (devices joined through a shared user_email): per person
   * the channel mix, the ranking's intervals, new vs returning and purchase timing follow the person.
   * A run stored before persons were stitched is shown per device whatever was asked.
   */
  identity: IdentityView;
  /** What stitching changes in the period; null for a run stored before it (then no per-person view). */
  persons: PersonChanges | null;
  kpis: KpiSet;
  /** null when the previous period has no data at all. */
  previous: KpiSet | null;
  daily: { day: string; revenue: number; orders: number; sessions: number }[];
  channels: { channel: string; sessions: number; orders: number; revenue: number; share: number }[];
  devices: (SegmentMetric & { conversionRate: number | null })[];
  /** Desktop conversion rate minus mobile, percentage points (null without both). */
  deviceGap: number | null;
  newVsReturning: (SegmentMetric & { conversionRate: number | null })[];
  /** Products by product revenue (docs/metrics.md): `estimated` is the part allocated to items without a price. */
  topProducts: { name: string; revenue: number; estimated: number; units: number; orders: number }[];
  /** All product revenue of the period's orders against their revenue. */
  productRevenue: ProductRevenue;
  /** Orders by when they came: the buyer's first session, then later sessions by time from the first visit (lib/views/purchase-timing.ts). */
  timeFromFirstVisit: { label: string; orders: number }[];
  /** The first bucket's share of those orders: the same orders, one definition. */
  singleSessionShare: number | null;
  caveats: { code: string; count: number; days: string[]; message: string }[];
  /** Caveats of the range beside the numbers they qualify (lib/views/caveats.ts). */
  numberCaveats: NumberCaveats;
  insights: { working: Insight[]; concerning: Insight[]; recommendations: Insight[] };
}

/** What joining devices into persons changes in the period (docs/metrics.md, Identity). */
export interface PersonChanges {
  /** Orders of the period whose single credited channel differs between device and person, 7-day lookback. */
  changedOrders: { first_click: number; last_click: number };
  /** Persons with more than one client id who ordered in the period. */
  crossDeviceBuyers: number;
  /** Orders of those persons in the period. */
  crossDeviceOrders: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const num = (v: unknown) => Number(v ?? 0);

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
  const days = daysIn({ from, to });
  const runRate = annualRunRate(revenue, covered);
  return { revenue, orders, sessions, aov: ratio(revenue, orders), conversionRate: ratio(orders, sessions), revenuePerSession: ratio(revenue, sessions), annualRunRate: runRate.value, annualRunRateWithheld: runRate.withheld, days, coveredDays: covered };
}

/** The period's orders bootstrapped under the model (lib/pipeline/bootstrap.ts): how sure the channel ranking is; null without orders. */
function periodIntervals(rows: { orderId: string; channel: string; cents: number | bigint }[], model: Model): ModelIntervals | null {
  if (rows.length === 0) return null;
  const byOrder = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let m = byOrder.get(r.orderId);
    if (!m) byOrder.set(r.orderId, (m = new Map()));
    m.set(r.channel, (m.get(r.channel) ?? 0) + num(r.cents));
  }
  return bootstrapIntervals({ [model]: [...byOrder.values()] }, { notRanked: new Set(NOT_A_CHANNEL) })[model] ?? null;
}

/** The executive summary of the current run for a date range (inclusive) under an attribution model. */
/**
 * The summary for from..to, or for a preset `period` counted back from the data's last day; with
 * neither, the default period (lib/views/executive-shape.ts defaultPeriod: the latest 7 complete
 * days against the 7 before, or the whole data when it covers fewer than 14 days). `identity`
 * "person" reads the per-person credits, new vs returning and timing (docs/metrics.md, Identity).
 */
export function getExecutiveSummary(opts: { from?: string; to?: string; period?: PresetId; model: Model; identity?: IdentityView }): Promise<ExecutiveSummary | null> {
  // Per device is the default whether said or not: one cached answer for both spellings.
  const canonical = { ...opts, identity: opts.identity ?? "device" };
  return cachedForRun("executive", cacheKey({ ...canonical, today: new Date().toISOString().slice(0, 10) }), () => loadExecutiveSummary(canonical));
}

async function loadExecutiveSummary(opts: { from?: string; to?: string; period?: PresetId; model: Model; identity?: IdentityView }): Promise<ExecutiveSummary | null> {
  const run = await prisma.run.findFirst({ where: { status: "succeeded" }, orderBy: { id: "desc" }, select: { id: true } });
  if (!run) return null;
  const runId = run.id;
  const { dataRange, period, from, to, days, previousRange } = await resolvePeriod(runId, opts);
  const persons = await personChanges(runId, from, to);
  const perPerson = opts.identity === "person" && persons !== null;
  // Per person: the credits over all the buyer's devices, and the person's sessions for timing.
  const credits = Prisma.raw(perPerson ? `"PersonCredit"` : `"AttributionCredit"`);
  const sessionNumber = Prisma.raw(perPerson ? `o."personSessionNumber"` : `o."sessionNumber"`);
  const firstSeen = Prisma.raw(perPerson ? `o."personFirstSeenMs"` : `o."clientFirstSeenMs"`);

  const [numberCaveats, current, previous, daily, channelRows, segmentRows, products, productTotals, firstVisit, findings, orderCredits] = await Promise.all([
    getRangeCaveats(runId, from, to),
    kpis(runId, from, to),
    kpis(runId, previousRange.from, previousRange.to),
    prisma.dailyMetric.findMany({ where: { runId, partial: false, day: { gte: from, lte: to } }, orderBy: { day: "asc" }, select: { day: true, revenue: true, orders: true, sessions: true } }),
    prisma.$queryRaw<{ channel: string; orders: number; cents: number }[]>`
      SELECT c."channel" AS channel, SUM(c."credit") AS orders, SUM(c."revenueCents") AS cents
      FROM ${credits} c JOIN "Order" o ON o."runId" = c."runId" AND o."orderId" = c."orderId"
      WHERE c."runId" = ${runId} AND c."model" = ${opts.model} AND c."lookbackDays" = ${DEFAULT_LOOKBACK_DAYS} AND o."orderDate" BETWEEN ${from} AND ${to}
      GROUP BY c."channel"`,
    prisma.dailySegment.groupBy({ by: ["dimension", "value"], where: { runId, day: { gte: from, lte: to } }, _sum: { sessions: true, orders: true, revenue: true } }),
    prisma.$queryRaw<{ name: string; cents: number; estimatedCents: number; units: number; orders: number }[]>`
      SELECT COALESCE(i."itemName", i."itemId") AS name, SUM(i."revenueCents") AS cents, SUM(CASE WHEN i."revenueEstimated" THEN i."revenueCents" ELSE 0 END) AS estimatedCents,
        SUM(COALESCE(i."quantity", 0)) AS units, COUNT(DISTINCT i."orderId") AS orders
      FROM "OrderItem" i JOIN "Order" o ON o."runId" = i."runId" AND o."orderId" = i."orderId"
      WHERE i."runId" = ${runId} AND o."orderDate" BETWEEN ${from} AND ${to}
      GROUP BY 1 ORDER BY cents DESC, name LIMIT 10`,
    prisma.$queryRaw<Record<"orderCents" | "pricedCents" | "estimatedCents" | "unpricedItems" | "unpricedOrders" | "overCents" | "overOrders" | "underCents" | "underOrders", number | bigint | null>[]>`
      SELECT SUM(o."revenueCents") AS orderCents, SUM(COALESCE(x.priced, 0)) AS pricedCents, SUM(COALESCE(x.estimated, 0)) AS estimatedCents,
        SUM(COALESCE(x.unpriced, 0)) AS unpricedItems, SUM(CASE WHEN x.unpriced > 0 THEN 1 ELSE 0 END) AS unpricedOrders,
        SUM(CASE WHEN x.priced > o."revenueCents" THEN x.priced - o."revenueCents" ELSE 0 END) AS overCents,
        SUM(CASE WHEN x.priced > o."revenueCents" THEN 1 ELSE 0 END) AS overOrders,
        SUM(CASE WHEN COALESCE(x.unpriced, 0) = 0 AND COALESCE(x.priced, 0) < o."revenueCents" THEN o."revenueCents" - COALESCE(x.priced, 0) ELSE 0 END) AS underCents,
        SUM(CASE WHEN COALESCE(x.unpriced, 0) = 0 AND COALESCE(x.priced, 0) < o."revenueCents" THEN 1 ELSE 0 END) AS underOrders
      FROM "Order" o LEFT JOIN (
        SELECT i."orderId", SUM(CASE WHEN i."revenueEstimated" THEN 0 ELSE i."revenueCents" END) AS priced,
          SUM(CASE WHEN i."revenueEstimated" THEN i."revenueCents" ELSE 0 END) AS estimated, SUM(CASE WHEN i."revenueEstimated" THEN 1 ELSE 0 END) AS unpriced
        FROM "OrderItem" i WHERE i."runId" = ${runId} GROUP BY i."orderId"
      ) x ON x."orderId" = o."orderId"
      WHERE o."runId" = ${runId} AND o."orderDate" BETWEEN ${from} AND ${to}`,
    // Purchase timing: one row per order with a known first visit, for the chart and its caption alike.
    prisma.$queryRaw<{ sessionNumber: number; hours: number }[]>`
      SELECT ${sessionNumber} AS sessionNumber, (o."tsMs" - ${firstSeen}) / 3600000.0 AS hours
      FROM "Order" o
      WHERE o."runId" = ${runId} AND o."orderDate" BETWEEN ${from} AND ${to} AND ${sessionNumber} IS NOT NULL AND ${firstSeen} IS NOT NULL`,
    prisma.finding.findMany({ where: { runId, code: { in: ["TRANSACTION_ID_COLLISION", "NULL_CLIENT_ID_SPIKE", "INVALID_PURCHASE", "INVALID_VALUE", "INVALID_ITEM_VALUE", "ITEM_PRICE_MISSING", "MISSING_COLUMN", "REVENUE_OUTLIER", "BOT_TRAFFIC"] } } }),
    // Each order's credit per channel in the period, for the bootstrap of the channel ranking.
    prisma.$queryRaw<{ orderId: string; channel: string; cents: number | bigint }[]>`
      SELECT c."orderId" AS orderId, c."channel" AS channel, SUM(c."revenueCents") AS cents
      FROM ${credits} c JOIN "Order" o ON o."runId" = c."runId" AND o."orderId" = c."orderId"
      WHERE c."runId" = ${runId} AND c."model" = ${opts.model} AND c."lookbackDays" = ${DEFAULT_LOOKBACK_DAYS} AND o."orderDate" BETWEEN ${from} AND ${to}
      GROUP BY c."orderId", c."channel" ORDER BY c."orderId", c."channel"`,
  ]);

  const kpiSet: KpiSet = current ?? { revenue: 0, orders: 0, sessions: 0, aov: null, conversionRate: null, revenuePerSession: null, annualRunRate: null, annualRunRateWithheld: null, days, coveredDays: 0 };
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
  const newVsReturning = segments(perPerson ? "person_visitor" : "visitor").sort((a, b) => a.segment.localeCompare(b.segment));

  const inRange = (day: string | null) => day !== null && day >= from && day <= to;
  // Only findings about days of the range (a finding without a day concerns the whole data).
  const caveats = groupFindings(findings.filter((f) => f.day === null || inRange(f.day)));
  const timing = purchaseTiming(firstVisit.map((o) => ({ sessionNumber: num(o.sessionNumber), hoursFromFirstVisit: num(o.hours) })));

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
    dataCaveats: numberCaveats,
    channelIntervals: periodIntervals(orderCredits, opts.model),
    perPerson,
  };
  return {
    runId,
    numberCaveats,
    range: { from, to, days },
    period,
    previousRange,
    dataRange,
    model: opts.model,
    modelLabel: MODEL_LABELS[opts.model],
    identity: perPerson ? "person" : "device",
    persons,
    kpis: kpiSet,
    previous,
    daily,
    channels,
    devices,
    deviceGap: mobile?.conversionRate != null && desktop?.conversionRate != null ? (desktop.conversionRate - mobile.conversionRate) * 100 : null,
    newVsReturning,
    topProducts: products.map((p) => ({ name: p.name, revenue: num(p.cents) / 100, estimated: num(p.estimatedCents) / 100, units: num(p.units), orders: num(p.orders) })),
    productRevenue: productRevenueOf(productTotals[0]),
    timeFromFirstVisit: timing.buckets,
    singleSessionShare: timing.firstSessionShare,
    caveats,
    insights: generateInsights(insightInput),
  };
}

/**
 * What persons change in from..to: orders whose first- or last-click channel (7-day lookback)
 * differs per person, and the cross-device buyers. Null when the run stored no person credits
 * though it has orders (stored before persons were stitched).
 */
async function personChanges(runId: number, from: string, to: string): Promise<PersonChanges | null> {
  const [stored, anyOrder] = await Promise.all([
    prisma.personCredit.findFirst({ where: { runId }, select: { id: true } }),
    prisma.order.findFirst({ where: { runId }, select: { id: true } }),
  ]);
  if (!stored && anyOrder) return null;
  const [changed, buyers] = await Promise.all([
    // Single-touch models: one credit row per order on either side.
    prisma.$queryRaw<{ model: string; n: number | bigint }[]>`
      SELECT p."model" AS model, COUNT(*) AS n
      FROM "PersonCredit" p
      JOIN "Order" o ON o."runId" = p."runId" AND o."orderId" = p."orderId"
      JOIN "AttributionCredit" c ON c."runId" = p."runId" AND c."model" = p."model" AND c."lookbackDays" = p."lookbackDays" AND c."orderId" = p."orderId"
      WHERE p."runId" = ${runId} AND p."model" IN ('first_click', 'last_click') AND p."lookbackDays" = ${DEFAULT_LOOKBACK_DAYS}
        AND o."orderDate" BETWEEN ${from} AND ${to} AND c."channel" <> p."channel"
      GROUP BY p."model"`,
    prisma.$queryRaw<{ buyers: number | bigint | null; orders: number | bigint | null }[]>`
      SELECT COUNT(DISTINCT o."personId") AS buyers, COUNT(*) AS orders
      FROM "Order" o
      WHERE o."runId" = ${runId} AND o."orderDate" BETWEEN ${from} AND ${to} AND o."personDevices" > 1`,
  ]);
  const n = (m: string) => num(changed.find((r) => r.model === m)?.n);
  return { changedOrders: { first_click: n("first_click"), last_click: n("last_click") }, crossDeviceBuyers: num(buyers[0]?.buyers), crossDeviceOrders: num(buyers[0]?.orders) };
}

function productRevenueOf(row: Record<string, number | bigint | null> | undefined): ProductRevenue {
  const cents = (key: string) => num(row?.[key]) / 100;
  const revenue = cents("pricedCents") + cents("estimatedCents");
  const orderRevenue = cents("orderCents");
  return {
    revenue: Math.round(revenue * 100) / 100,
    estimated: cents("estimatedCents"),
    orderRevenue,
    share: ratio(revenue, orderRevenue),
    unpricedItems: num(row?.unpricedItems),
    unpricedOrders: num(row?.unpricedOrders),
    over: cents("overCents"),
    overOrders: num(row?.overOrders),
    under: cents("underCents"),
    underOrders: num(row?.underOrders),
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
  INVALID_ITEM_VALUE: "purchases had an item quantity or price past its ceiling: the order and its revenue are counted, that item value is unknown (the item's product revenue is estimated).",
  ITEM_PRICE_MISSING: "items had no price: order revenue stands, and their product revenue is estimated (the part of their order's revenue the priced items leave, split by quantity), so top products are partly estimates.",
  MISSING_COLUMN: "rows came from files without a referrer column: an untagged landing there is \"Unknown (referrer not recorded)\", never Direct.",
  BOT_TRAFFIC: "events came from crawlers and automation: their sessions are left out of visitor figures and attribution (a data set setting); their purchases stay orders.",
  REVENUE_OUTLIER: "orders have unusually high revenue and are included in the totals.",
};
