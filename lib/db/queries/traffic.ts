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

function metrics(r: Raw): TrafficMetrics {
  const sessions = num(r.sessions);
  return {
    sessions,
    bounceRate: ratio(num(r.bounces), sessions),
    pagesPerSession: ratio(num(r.pages), sessions),
    avgDurationSec: ratio(num(r.duration), sessions),
    productViews: num(r.productViews),
    addToCarts: num(r.addToCarts),
    checkouts: num(r.checkouts),
    purchases: num(r.purchases),
    conversionRate: ratio(num(r.purchases), sessions),
    orders: num(r.orders),
    revenue: num(r.cents) / 100,
  };
}

// The funnel steps nest: a session that purchased reached checkout, cart and product view too.
const SELECT_METRICS = `COUNT(*) AS sessions,
  SUM(CASE WHEN s."eventCount" = 1 THEN 1 ELSE 0 END) AS bounces,
  SUM(s."pageViews") AS pages,
  SUM(s."durationSec") AS duration,
  SUM(CASE WHEN s."hasPurchase" OR s."hasCheckoutStarted" OR s."hasAddToCart" OR s."hasProductView" THEN 1 ELSE 0 END) AS productViews,
  SUM(CASE WHEN s."hasPurchase" OR s."hasCheckoutStarted" OR s."hasAddToCart" THEN 1 ELSE 0 END) AS addToCarts,
  SUM(CASE WHEN s."hasPurchase" OR s."hasCheckoutStarted" THEN 1 ELSE 0 END) AS checkouts,
  SUM(CASE WHEN s."hasPurchase" THEN 1 ELSE 0 END) AS purchases,
  COALESCE(SUM(o.orders), 0) AS orders,
  COALESCE(SUM(o.cents), 0) AS cents`;

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
  const visitor = robotsIncluded ? "" : `AND s."botFamily" IS NULL`;
  const inPeriod = `s."runId" = ? AND s."startDate" BETWEEN ? AND ? ${visitor}`;

  const options = await prisma.$queryRawUnsafe<{ kind: string; value: string }[]>(
    `SELECT DISTINCT 'channel' AS kind, s."channel" AS value FROM "Session" s WHERE ${inPeriod}
     UNION SELECT DISTINCT 'device', s."deviceType" FROM "Session" s WHERE ${inPeriod}`,
    runId, from, to, runId, from, to,
  );
  const channelOptions = options.filter((o) => o.kind === "channel").map((o) => o.value).sort();
  const deviceOptions = options.filter((o) => o.kind === "device").map((o) => o.value).sort();
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
  const where = [inPeriod];
  const args: unknown[] = [runId, from, to];
  if (filters.channel !== null) {
    where.push(`s."channel" = ?`);
    args.push(filters.channel);
  }
  if (filters.device !== null) {
    where.push(`s."deviceType" = ?`);
    args.push(filters.device);
  }
  const filterSql = where.slice(1).map((w) => ` AND ${w}`).join("");
  const robots = robotsIncluded
    ? [{ n: 0 }]
    : await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "Session" s WHERE s."runId" = ? AND s."startDate" BETWEEN ? AND ? AND s."botFamily" IS NOT NULL${filterSql}`, ...args);
  // Orders placed in each session (an order without a client id has no session and is not traffic).
  const orders = `LEFT JOIN (SELECT "sessionId", COUNT(*) AS orders, SUM("revenueCents") AS cents FROM "Order" WHERE "runId" = ? AND "sessionId" IS NOT NULL GROUP BY "sessionId") o ON o."sessionId" = s."sessionId"`;
  const grouped = (keys: string, extra = "") =>
    prisma.$queryRawUnsafe<Raw[]>(`SELECT ${keys ? `${keys}, ` : ""}${SELECT_METRICS} FROM "Session" s ${orders} WHERE ${where.join(" AND ")} ${keys ? `GROUP BY ${keys}` : ""} ${extra}`, runId, ...args);

  const [totals, channels, devices, sources, landing, landingCount, numberCaveats] = await Promise.all([
    grouped(""),
    grouped(`s."channel"`, `ORDER BY sessions DESC, s."channel"`),
    grouped(`s."deviceType"`, `ORDER BY sessions DESC, s."deviceType"`),
    grouped(`s."channel", s."source", s."medium", s."campaign"`, `ORDER BY sessions DESC, s."channel", s."source", s."medium", s."campaign" LIMIT ${SOURCE_LIMIT}`),
    grouped(`s."landingPath"`, `ORDER BY sessions DESC, s."landingPath" LIMIT ${LANDING_PAGE_LIMIT}`),
    prisma.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(DISTINCT COALESCE(s."landingPath", '')) AS n FROM "Session" s WHERE ${where.join(" AND ")}`, ...args),
    getRangeCaveats(runId, from, to),
  ]);
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
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
    robotSessionsLeftOut: num(robots[0]?.n),
    totals: metrics(totals[0] ?? {}),
    channels: channels.map((r) => ({ channel: String(r.channel), ...metrics(r) })),
    devices: devices.map((r) => ({ device: String(r.deviceType), ...metrics(r) })),
    sources: sources.map((r) => ({
      channel: String(r.channel),
      source: str(r.source),
      sourceName: decodedName(str(r.source)),
      medium: str(r.medium),
      mediumName: decodedName(str(r.medium)),
      campaign: str(r.campaign),
      campaignName: decodedName(str(r.campaign)),
      ...metrics(r),
    })),
    landingPages: landing.map((r) => ({ path: str(r.landingPath), ...metrics(r) })),
    landingPageCount: num(landingCount[0]?.n),
    numberCaveats,
  };
}
