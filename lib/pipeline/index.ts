/**
 * The analytics engine's public surface. `runPipeline` is the one function the web app, the
 * command line and the tests call, so all three give the same numbers.
 */
import { col } from "./table";
import type { ColumnTable } from "arquero";
import { dailyQuality, type DailyQuality } from "./daily-quality";
import { buildEventsTable, quarantinedRows, type QuarantinedRow } from "./events";
import { analyzeGaps, type GapAnalysis } from "./gaps";
import { ingest, type FileInfo, type SourceFile } from "./ingest";
import { normalize } from "./normalize";
import { runQuality, type QualityResult } from "./quality";
import { attribute, groupTouches } from "./attribution";
import { DEFAULT_LOOKBACK_DAYS, LOOKBACK_DAYS } from "./constants";
import { bootstrapIntervals, type ModelIntervals, type OrderCredits } from "./bootstrap";
import { personId, personTimeline, stitchIdentities } from "./identity";
import { attributeByPerson, type PersonAttribution } from "./person-attribution";
import { UNATTRIBUTED } from "./constants";
import { channelPerformance, clients, dailyMetrics, dailySegments, type DailySegmentRow, engagement, funnel, journeys, type ChannelPerformanceRow, type DailyMetricRow, type EngagementRow, type FunnelRow, type JourneyStats } from "./aggregates";
import { detectStoreDomain } from "./channels";
import { buildOrders } from "./orders";
import { selectSessions, sessionize } from "./sessions";
import { botTraffic, type BotSummary } from "./bot-traffic";
import { taggingConflicts, type TaggingSummary } from "./tagging";
import type { Precedence } from "./channels";
import { validate, type ValidationCheck } from "./validation";
import { monitor, type MonitoringOptions, type MonitoringReport } from "./monitoring";
import { parseTimestamp } from "./normalize";
import { utcDay } from "./day";

export { IngestError, ingest, partitionDay, canonicalHeader } from "./ingest";
export type { FileInfo, SourceFile } from "./ingest";
export { parseCsv, csvField } from "./csv";
export { MAX_FIELD_BYTES, MAX_ORDER_REVENUE, MAX_ITEM_PRICE, MAX_ITEM_QUANTITY, MIN_TIMESTAMP_YEAR, MAX_TIMESTAMP_YEAR } from "./limits";
export { SCORE_RULE } from "./quality";
export type { Accounting, FileQuality, QualityResult } from "./quality";
export type { GapAnalysis } from "./gaps";
export type { DailyQuality } from "./daily-quality";
export type { EventRow, QuarantinedRow } from "./events";
export * from "./types";
export { CHANNELS, CHANNEL_RULES, UNATTRIBUTED, classifyChannel, type Channel } from "./channels";
export { MODELS, MODEL_LABELS, LOOKBACK_DAYS, DEFAULT_LOOKBACK_DAYS, type Model } from "./attribution";
export type { ChannelPerformanceRow, DailyMetricRow, DailySegmentRow, EngagementRow, FunnelRow, JourneyStats, ClientRow } from "./aggregates";
export type { ValidationCheck } from "./validation";
export type { MonitoringCheck, MonitoringReport, MonitoringOptions, MetricSeries, Priority } from "./monitoring";
export { DEFAULT_MONITORING, METRICS, freshnessCheck } from "./monitoring";
export type { ScoredPoint, Status } from "./anomaly";
export type { SessionRow } from "./sessions";
export type { BotSummary } from "./bot-traffic";
export type { TaggingSummary } from "./tagging";
export { PRECEDENCES, type Precedence } from "./channels";
export { botFamily } from "./bots";
export type { OrderRow, OrderItemRow } from "./orders";

export interface PipelineOptions {
  /** Inactivity that starts a new session, minutes (default 30). */
  sessionTimeoutMinutes?: number;
  /** Clock for monitoring freshness (epoch ms; default: now). */
  now?: number;
  monitoring?: Partial<MonitoringOptions>;
  /** Count crawler and automation sessions as visitors (default false: they are left out of visitor metrics and attribution touches). */
  includeBots?: boolean;
  /** Click id vs utm tags when they name different channels (default "utm"; GA4: "click_id"). */
  precedence?: Precedence;
  /** Further domains of the store (besides the one detected from page URLs): a referrer there is not a referral. */
  ownDomains?: string[];
  /** Called before each stage with its name and the share of the work done so far (0..1). */
  onProgress?: (stage: string, done: number) => void;
}

/** Stages in order with their rough share of the run's time (for progress bars). */
export const STAGES: { name: string; weight: number }[] = [
  { name: "ingest", weight: 0.15 },
  { name: "normalize", weight: 0.2 },
  { name: "quality", weight: 0.1 },
  { name: "events", weight: 0.05 },
  { name: "daily", weight: 0.01 },
  { name: "sessions", weight: 0.18 },
  { name: "gaps", weight: 0.01 },
  { name: "orders", weight: 0.02 },
  { name: "attribution", weight: 0.08 },
  { name: "intervals", weight: 0.02 },
  { name: "identity", weight: 0.03 },
  { name: "aggregates", weight: 0.12 },
  { name: "validation", weight: 0.06 },
  { name: "monitoring", weight: 0.02 },
];

export interface PipelineResult {
  files: FileInfo[];
  quality: Omit<QualityResult, "fate" | "reasons" | "details" | "loaded">;
  /** Loaded events with their session id (null without a client id). */
  events: ColumnTable;
  quarantined: QuarantinedRow[];
  gaps: GapAnalysis;
  daily: DailyQuality[];
  storeDomain: string | null;
  /** The store's further domains the run was given (the data set's setting). */
  ownDomains: string[];
  sessionTimeoutMinutes: number;
  sessions: ColumnTable;
  noClientEvents: number;
  orders: ColumnTable;
  orderItems: ColumnTable;
  touchpoints: ColumnTable;
  clients: ColumnTable;
  /** Attribution credits per order, model and lookback window. */
  credits: ColumnTable;
  /** 90% bootstrap intervals of each channel's credited revenue and share, per model, default lookback (lib/pipeline/bootstrap.ts). */
  intervals: Record<string, ModelIntervals>;
  /** People across devices (lib/pipeline/identity.ts): counts. */
  identity: { clients: number; persons: number; multiDevicePersons: number; multiDeviceBuyers: number };
  /** Attribution per person: credit per model, lookback and channel, and the orders whose channel changes. */
  attributionByPerson: PersonAttribution;
  channelPerformance: ChannelPerformanceRow[];
  funnel: FunnelRow[];
  engagement: EngagementRow[];
  dailyMetrics: DailyMetricRow[];
  dailySegments: DailySegmentRow[];
  /** Time to purchase and conversion paths for each offered lookback window. */
  journeys: JourneyStats[];
  /** Crawler and automation traffic: what was recognised and what the visitor metrics left out. */
  bots: BotSummary;
  /** Click id vs utm conflicts and the credit the other reading would move. */
  tagging: TaggingSummary;
  validation: ValidationCheck[];
  monitoring: MonitoringReport;
  timingsMs: Record<string, number>;
}

export const DEFAULT_SESSION_TIMEOUT_MINUTES = 30;

/** Each order's credited cents per channel under every model at the default lookback, then the bootstrap over orders. */
function creditIntervals(orders: ColumnTable, credits: ColumnTable): Record<string, ModelIntervals> {
  const ids = col<string>(orders, "order_id");
  const index = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i]!, i);
  const byModel: Record<string, Map<string, number>[]> = {};
  const order = col<string>(credits, "order_id");
  const model = col<string>(credits, "model");
  const lookback = col<number>(credits, "lookback_days");
  const channel = col<string>(credits, "channel");
  const cents = col<number>(credits, "revenue_cents");
  for (let k = 0; k < order.length; k++) {
    if (lookback[k] !== DEFAULT_LOOKBACK_DAYS) continue;
    const list = (byModel[model[k]!] ??= Array.from({ length: ids.length }, () => new Map<string, number>()));
    const credit = list[index.get(order[k]!)!]!;
    credit.set(channel[k]!, (credit.get(channel[k]!) ?? 0) + cents[k]!);
  }
  return bootstrapIntervals(byModel as Record<string, OrderCredits[]>, { notRanked: new Set([UNATTRIBUTED]) });
}

/** The days the loaded files cover (null when a file name carries no day: then no day is partial). */
function partitionDays(files: FileInfo[]): Set<string> | null {
  return files.every((f) => f.day !== null) ? new Set(files.map((f) => f.day!)) : null;
}

export function runPipeline(sources: SourceFile[], options: PipelineOptions = {}): PipelineResult {
  const timeout = options.sessionTimeoutMinutes ?? DEFAULT_SESSION_TIMEOUT_MINUTES;
  const timingsMs: Record<string, number> = {};
  const time = <T>(stage: string, fn: () => T): T => {
    if (options.onProgress) {
      const index = STAGES.findIndex((s) => s.name === stage);
      options.onProgress(stage, STAGES.slice(0, Math.max(index, 0)).reduce((a, s) => a + s.weight, 0));
    }
    const start = performance.now();
    const out = fn();
    timingsMs[stage] = Math.round((performance.now() - start) * 10) / 10;
    return out;
  };
  // The raw and normalized row columns live only inside the inner block: once the events table
  // and the quarantine are built they are garbage, which keeps peak memory down on large inputs.
  // Likewise the events table as built (with its parsed query parameters) lives only in the outer
  // block: after sessionization only the sessionized events are kept.
  const { files, quality, quarantined, daily, storeDomain, sessionized, emailPairs } = (() => {
    const { files, quality, events, quarantined, emailPairs } = (() => {
      const ingested = time("ingest", () => ingest(sources));
      const rows = time("normalize", () => normalize(ingested.rows));
      const q = time("quality", () => runQuality(ingested.files, ingested.rows, rows));
      const ev = time("events", () => buildEventsTable(ingested.files, ingested.rows, rows, q.loaded));
      // Which client was seen with which email (purchases and email captures of loaded rows): the identity graph.
      const emailPairs: [string, string][] = [];
      for (const r of q.loaded) {
        const c = rows.clientId[r];
        const e = rows.email[r];
        if (c && e) emailPairs.push([c, e]);
      }
      return { files: ingested.files, quality: q, events: ev, quarantined: quarantinedRows(ingested.files, ingested.rows, q), emailPairs };
    })();
    const daily = time("daily", () => dailyQuality(events));
    const storeDomain = detectStoreDomain(col<string | null>(events, "page_host"));
    const sessionized = time("sessions", () => sessionize(events, { timeoutMinutes: timeout, storeDomain, precedence: options.precedence ?? "utm", ownDomains: options.ownDomains ?? [] }));
    return { files, quality, quarantined, daily, storeDomain, sessionized, emailPairs };
  })();
  const { fate: _f, reasons: _r, details: _d, loaded: _l, ...qualitySummary } = quality;

  const gaps = time("gaps", () => analyzeGaps(sessionized.gapsMs, timeout));
  const built = time("orders", () =>
    buildOrders(sessionized.events, (row) => {
      // A client's sessions are adjacent and numbered from 1, so its first one is `number - 1` rows up.
      const s = sessionized.eventSession[row]!;
      if (s < 0) return null;
      const { session_number: number, start_ts: start } = sessionized.columns;
      return { number: number[s]!, clientFirstSeen: start[s - number[s]! + 1]! };
    }),
  );
  const { items: orderItems, purchaseEvents } = built;
  const touchpoints = sessionized.sessions.select("session_id", "client_id", { start_ts: "ts" }, "channel");
  // Visitors: sessions of people, unless the data set counts robots too (lib/pipeline/bots.ts).
  // Every visitor metric, gold table and attribution touch reads these; silver tables keep all.
  const includeBots = options.includeBots ?? false;
  const all = sessionized.columns;
  const visitors = includeBots ? all : selectSessions(all, (i) => all.bot_family[i] === null);
  const bots = botTraffic(sessionized.events, all, built.orders, includeBots);
  const orders = built.orders.assign({ bot_agent: bots.orderBot });
  // Touches count only for clients with an order, so only their visitor sessions are collected
  // (hashing every session id of a million events costs more than the attribution itself).
  const orderClients = new Set(col<string | null>(orders, "client_id"));
  let visitorSessions: Set<string> | undefined;
  if (!includeBots) {
    visitorSessions = new Set();
    for (let i = 0; i < visitors.length; i++) if (orderClients.has(visitors.client_id[i]!)) visitorSessions.add(visitors.session_id[i]!);
  }
  const touchesByClient = groupTouches(touchpoints, orderClients, visitorSessions);
  // Visitor sessions: the data-driven models' non-converting journeys (clients without an order).
  const credits = time("attribution", () => attribute(orders, touchesByClient, LOOKBACK_DAYS, visitors));
  const intervals = time("intervals", () => creditIntervals(orders, credits));
  // People across devices: clients joined through a shared email, and attribution over all their devices.
  const identity = stitchIdentities(all.client_id, emailPairs, orderClients);
  const { byPerson, personOrders, personReturning } = time("identity", () => {
    const byPerson = attributeByPerson(identity, orders, visitors, credits);
    // Per person: the order's session among all the person's sessions, the person's first visit, and
    // whether a visitor session had an earlier one on any of the person's devices (executive summary per person).
    const timeline = personTimeline(identity, all);
    const linked = new Set([...identity.personOf.keys(), ...identity.personOf.values()]);
    const startOf = new Map<string, number>();
    for (let i = 0; i < all.length; i++) if (linked.has(all.client_id[i]!)) startOf.set(all.session_id[i]!, all.start_ts[i]!);
    const client = col<string | null>(orders, "client_id");
    const session = col<string | null>(orders, "session_id");
    const number = col<number | null>(orders, "session_number");
    const first = col<number | null>(orders, "client_first_seen");
    const personOrders = orders.assign({
      person_id: client.map((c) => (c ? personId(identity, c) : null)),
      person_devices: client.map((c) => (c ? timeline.devices(c) : null)),
      person_session_number: client.map((c, k) => (c && number[k] != null ? timeline.sessionNumber(c, number[k]!, startOf.get(session[k]!) ?? Number.NaN) : null)),
      person_first_seen: client.map((c, k) => (c && first[k] != null ? timeline.firstSeen(c, first[k]!) : null)),
    });
    const personReturning = visitors.client_id.map((c, i) => timeline.isReturning(c, visitors.is_returning[i]!, visitors.start_ts[i]!));
    return { byPerson, personOrders, personReturning };
  });
  const tagging = taggingConflicts(visitors, orders, credits, options.precedence ?? "utm");
  const invalidPurchaseDays = quarantined
    .filter((q) => q.reason === "INVALID_PURCHASE")
    .map((q) => parseTimestamp(q.values.timestamp ?? null))
    .filter((t) => !Number.isNaN(t))
    .map(utcDay);
  const gold = time("aggregates", () => ({
    channelPerformance: channelPerformance(visitors, credits),
    funnel: funnel(visitors),
    engagement: engagement(visitors),
    dailyMetrics: dailyMetrics(sessionized.events, visitors, orders, invalidPurchaseDays, partitionDays(files), all),
    journeys: LOOKBACK_DAYS.map((lb) => journeys(orders, touchesByClient, lb, visitors)),
    clients: (() => {
      const t = clients(all, orders);
      return t.assign({ person_id: col<string>(t, "client_id").map((c) => personId(identity, c)) });
    })(),
    dailySegments: dailySegments(visitors, orders, personReturning),
  }));
  const validation = time("validation", () =>
    validate({
      accounting: quality.accounting,
      events: sessionized.events,
      sessions: sessionized.columns,
      visitorSessions: visitors.length,
      eventSession: sessionized.eventSession,
      noClientEvents: sessionized.noClientEvents,
      orders,
      items: orderItems,
      touchpoints,
      credits,
      clients: gold.clients,
      channelPerformance: gold.channelPerformance,
      funnel: gold.funnel,
      daily: gold.dailyMetrics,
      timeoutMinutes: timeout,
      personCreditedCents: byPerson.creditedCents,
      personCredits: byPerson.orderCredits,
    }),
  );
  const tsValues = col<number>(sessionized.events, "ts");
  let newest: number | null = null;
  for (const t of tsValues) if (newest === null || t > newest) newest = t;
  const monitoring = time("monitoring", () =>
    monitor(
      {
        daily: gold.dailyMetrics,
        validation,
        accounting: quality.accounting,
        timingsMs,
        newestEventTs: newest,
        sessionizedEvents: quality.accounting.loadedRows - sessionized.noClientEvents,
        orders: orders.numRows(),
        purchaseEvents,
        files,
        segments: gold.dailySegments,
      },
      options.now ?? Date.now(),
      options.monitoring,
    ),
  );
  if (bots.finding) qualitySummary.findings.push(bots.finding);
  if (tagging.finding) qualitySummary.findings.push(tagging.finding);
  return {
    files,
    quality: qualitySummary,
    bots: bots.summary,
    tagging: tagging.summary,
    events: sessionized.events,
    quarantined,
    gaps,
    daily,
    storeDomain,
    ownDomains: options.ownDomains ?? [],
    sessionTimeoutMinutes: timeout,
    sessions: sessionized.sessions,
    noClientEvents: sessionized.noClientEvents,
    orders: personOrders,
    orderItems,
    touchpoints,
    credits,
    intervals,
    identity: { clients: identity.clients, persons: identity.persons, multiDevicePersons: identity.multiDevicePersons, multiDeviceBuyers: identity.multiDeviceBuyers },
    attributionByPerson: byPerson,
    ...gold,
    validation,
    monitoring,
    timingsMs,
  };
}
export { buildSummary, type RunSummary } from "./summary";
