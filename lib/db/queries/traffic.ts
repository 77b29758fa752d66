import "server-only";
import { cacheKey, cachedForRun } from "./run-cache";
import { prisma } from "../client";
import type { RunReport } from "../save-run";
import type { NumberCaveats } from "@/lib/views/caveats";
import type { PresetId, RangeChoice, DayRange } from "@/lib/views/executive-shape";
import { decodedName } from "@/lib/pipeline/channels";
import { getRangeCaveats } from "./caveats";
import { resolvePeriod } from "./period";
import { LANDING_PAGE_LIMIT, SOURCE_LIMIT } from "@/lib/views/traffic-shape";

/**
 * The marketer's drill-downs (the Traffic page, its CSVs and PDF): visitor sessions of a period by
 * channel, device, source / medium / campaign and landing page, with the funnel and engagement of
 * each, optionally filtered to one channel and/or one device. Sessions count on their start day;
 * orders and revenue are those placed in the sessions counted (the session's own purchases: what
 * last click credits to it, whatever the model chosen elsewhere).
 */

export interface TrafficMetrics {
  sessions: number;
  /** Share of single-event sessions. */
  bounceRate: number | null;
  pagesPerSession: number | null;
  avgDurationSec: number | null;
  /** Sessions that reached each funnel step (a later step counts as reaching the earlier ones). */
  productViews: number;
  addToCarts: number;
  checkouts: number;
  purchases: number;
  /** Sessions with a purchase / sessions. */
  conversionRate: number | null;
  /** Orders placed in these sessions and their revenue. */
  orders: number;
  revenue: number;
}

export interface SourceRow extends TrafficMetrics {
  channel: string;
  /** Raw values as in the export (null: not present); `…Name` the decoded name of a hashed value when the dictionary knows it. */
  source: string | null;
  sourceName: string | null;
  medium: string | null;
  mediumName: string | null;
  campaign: string | null;
  campaignName: string | null;
}

export interface TrafficFilters {
  channel: string | null;
  device: string | null;
}

export interface Traffic {
  runId: number;
  createdAt: string;
  period: RangeChoice;
  range: DayRange & { days: number };
  dataRange: DayRange | null;
  /** The filters applied (values the data does not have are dropped and named in `ignored`). */
  filters: TrafficFilters;
  ignored: string[];
  /** Every channel and device of the period (for the filter pickers), whatever the filters. */
  channelOptions: string[];
  deviceOptions: string[];
  robotsIncluded: boolean;
  /** Robot sessions of the period (and of the filtered channel/device) left out (0 when robots count as visitors). */
  robotSessionsLeftOut: number;
  totals: TrafficMetrics;
  channels: (TrafficMetrics & { channel: string })[];
  devices: (TrafficMetrics & { device: string })[];
  sources: SourceRow[];
  landingPages: (TrafficMetrics & { path: string | null })[];
  /** Distinct landing paths in the filtered sessions (the table shows the top LANDING_PAGE_LIMIT). */
  landingPageCount: number;
  numberCaveats: NumberCaveats;
}


type Raw = Record<string, number | bigint | string | null>;
const num = (v: unknown) => Number(v ?? 0);
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** Sums over a set of sessions (duration in whole milliseconds, so partial sums add up exactly). */
interface Sums {
  sessions: number;
  bounces: number;
  pages: number;
  durationMs: number;
  productViews: number;
  addToCarts: number;
  checkouts: number;
  purchases: number;
  orders: number;
  cents: number;
}
const SUM_KEYS = ["sessions", "bounces", "pages", "durationMs", "productViews", "addToCarts", "checkouts", "purchases", "orders", "cents"] as const;
const zero = (): Sums => ({ sessions: 0, bounces: 0, pages: 0, durationMs: 0, productViews: 0, addToCarts: 0, checkouts: 0, purchases: 0, orders: 0, cents: 0 });

function metrics(r: Sums): TrafficMetrics {
  const sessions = r.sessions;
  return {
    sessions,
    bounceRate: ratio(r.bounces, sessions),
    pagesPerSession: ratio(r.pages, sessions),
    avgDurationSec: ratio(r.durationMs / 1000, sessions),
    productViews: r.productViews,
    addToCarts: r.addToCarts,
    checkouts: r.checkouts,
    purchases: r.purchases,
    conversionRate: ratio(r.purchases, sessions),
    orders: r.orders,
    revenue: r.cents / 100,
  };
}

// The funnel steps nest: a session that purchased reached checkout, cart and product view too.
const SELECT_METRICS = `COUNT(*) AS sessions,
  SUM(CASE WHEN s."eventCount" = 1 THEN 1 ELSE 0 END) AS bounces,
  SUM(s."pageViews") AS pages,
  SUM(CAST(ROUND(s."durationSec" * 1000) AS INTEGER)) AS durationMs,
  SUM(CASE WHEN s."hasPurchase" OR s."hasCheckoutStarted" OR s."hasAddToCart" OR s."hasProductView" THEN 1 ELSE 0 END) AS productViews,
  SUM(CASE WHEN s."hasPurchase" OR s."hasCheckoutStarted" OR s."hasAddToCart" THEN 1 ELSE 0 END) AS addToCarts,
  SUM(CASE WHEN s."hasPurchase" OR s."hasCheckoutStarted" THEN 1 ELSE 0 END) AS checkouts,
  SUM(CASE WHEN s."hasPurchase" THEN 1 ELSE 0 END) AS purchases,
  COALESCE(SUM(o.orders), 0) AS orders,
  COALESCE(SUM(o.cents), 0) AS cents`;

/** One group of the period's sessions: every dimension the page breaks down by, robot or visitor. */
interface Cell extends Sums {
  channel: string;
  device: string;
  source: string | null;
  medium: string | null;
  campaign: string | null;
  landingPath: string | null;
  bot: boolean;
}

/** SQLite's order for the tie-breaking keys (BINARY collation, NULL first), so the tables read as before. */
function byKey(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** Groups cells by a key, adding their sums; returns the groups with one cell's dimensions each. */
function group(cells: Cell[], key: (c: Cell) => string): { cell: Cell; sums: Sums }[] {
  const groups = new Map<string, { cell: Cell; sums: Sums }>();
  for (const c of cells) {
    const k = key(c);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { cell: c, sums: zero() }));
    for (const f of SUM_KEYS) g.sums[f] += c[f];
  }
  return [...groups.values()];
}

/** The current run's traffic for a period (preset or from..to) and optional channel/device filters. */
export function getTraffic(opts: { from?: string; to?: string; period?: PresetId; channel?: string; device?: string }): Promise<Traffic | null> {
  return cachedForRun("traffic", cacheKey({ ...opts, today: new Date().toISOString().slice(0, 10) }), () => loadTraffic(opts));
}

async function loadTraffic(opts: { from?: string; to?: string; period?: PresetId; channel?: string; device?: string }): Promise<Traffic | null> {
  const run = await prisma.run.findFirst({ where: { status: "succeeded" }, orderBy: { id: "desc" }, select: { id: true, createdAt: true, reportJson: true } });
  if (!run) return null;
  const runId = run.id;
  const report = JSON.parse(run.reportJson) as Partial<RunReport>;
  const robotsIncluded = report.bots?.included ?? false;
  const p = await resolvePeriod(runId, opts);
  const { from, to } = p;
  // One pass over the period's sessions, grouped by every dimension at once (a few thousand
  // groups); the filters, options, robots and each breakdown are sums of those groups (one scan
  // instead of nine: 5 s -> 1.5 s on a million events, most of it SQLite sorting the groups).
  // Orders placed in each session (an order without a client id has no session and is not traffic);
  // a session holds its orders' purchase events, so only purchasing sessions are looked up.
  const orders = `LEFT JOIN (SELECT "sessionId", COUNT(*) AS orders, SUM("revenueCents") AS cents FROM "Order" WHERE "runId" = ? AND "sessionId" IS NOT NULL GROUP BY "sessionId") o ON s."hasPurchase" AND o."sessionId" = s."sessionId"`;
  const [raw, numberCaveats] = await Promise.all([
    prisma.$queryRawUnsafe<Raw[]>(
      `SELECT s."channel" AS channel, s."deviceType" AS device, s."source" AS source, s."medium" AS medium, s."campaign" AS campaign, s."landingPath" AS landingPath,
         s."botFamily" IS NOT NULL AS bot, ${SELECT_METRICS}
       FROM "Session" s ${orders} WHERE s."runId" = ? AND s."startDate" BETWEEN ? AND ? GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      runId, runId, from, to,
    ),
    getRangeCaveats(runId, from, to),
  ]);
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const cells: Cell[] = raw.map((r) => ({
    channel: String(r.channel),
    device: String(r.device),
    source: text(r.source),
    medium: text(r.medium),
    campaign: text(r.campaign),
    landingPath: text(r.landingPath),
    bot: num(r.bot) === 1,
    ...(Object.fromEntries(SUM_KEYS.map((k) => [k, num(r[k])])) as unknown as Sums),
  }));
  const counted = cells.filter((c) => robotsIncluded || !c.bot);
  const channelOptions = [...new Set(counted.map((c) => c.channel))].sort();
  const deviceOptions = [...new Set(counted.map((c) => c.device))].sort();
  const ignored: string[] = [];
  const filters: TrafficFilters = { channel: null, device: null };
  if (opts.channel !== undefined) {
    if (channelOptions.includes(opts.channel)) filters.channel = opts.channel;
    else ignored.push(`channel "${opts.channel}" (no sessions in this period)`);
  }
  if (opts.device !== undefined) {
    if (deviceOptions.includes(opts.device)) filters.device = opts.device;
    else ignored.push(`device "${opts.device}" (no sessions in this period)`);
  }
  const filtered = (c: Cell) => (filters.channel === null || c.channel === filters.channel) && (filters.device === null || c.device === filters.device);
  const robotSessionsLeftOut = robotsIncluded ? 0 : cells.filter((c) => c.bot && filtered(c)).reduce((n, c) => n + c.sessions, 0);
  const shown = counted.filter(filtered);
  const ranked = <T extends { sums: Sums }>(rows: T[], ...keys: ((r: T) => string | null)[]) =>
    rows.sort((a, b) => b.sums.sessions - a.sums.sessions || keys.reduce((d, k) => d || byKey(k(a), k(b)), 0));
  const totals = group(shown, () => "")[0]?.sums ?? zero();
  const channels = ranked(group(shown, (c) => c.channel), (g) => g.cell.channel);
  const devices = ranked(group(shown, (c) => c.device), (g) => g.cell.device);
  const sources = ranked(group(shown, (c) => JSON.stringify([c.channel, c.source, c.medium, c.campaign])), (g) => g.cell.channel, (g) => g.cell.source, (g) => g.cell.medium, (g) => g.cell.campaign).slice(0, SOURCE_LIMIT);
  const landing = ranked(group(shown, (c) => JSON.stringify([c.landingPath])), (g) => g.cell.landingPath).slice(0, LANDING_PAGE_LIMIT);
  const landingPageCount = new Set(shown.map((c) => c.landingPath ?? "")).size;
  return {
    runId,
    createdAt: run.createdAt.toISOString(),
    period: p.period,
    range: { from, to, days: p.days },
    dataRange: p.dataRange,
    filters,
    ignored,
    channelOptions,
    deviceOptions,
    robotsIncluded,
    robotSessionsLeftOut,
    totals: metrics(totals),
    channels: channels.map((g) => ({ channel: g.cell.channel, ...metrics(g.sums) })),
    devices: devices.map((g) => ({ device: g.cell.device, ...metrics(g.sums) })),
    sources: sources.map(({ cell: c, sums }) => ({
      channel: c.channel,
      source: c.source,
      sourceName: decodedName(c.source),
      medium: c.medium,
      mediumName: decodedName(c.medium),
      campaign: c.campaign,
      campaignName: decodedName(c.campaign),
      ...metrics(sums),
    })),
    landingPages: landing.map((g) => ({ path: g.cell.landingPath, ...metrics(g.sums) })),
    landingPageCount,
    numberCaveats,
  };
}
