/**
 * The machine-readable run summary written by `npm run pipeline -- --json`. Its shape is
 * documented in docs/json-summary.md and kept stable: later stages add keys, never rename.
 */
import { DEFAULT_LOOKBACK_DAYS, MODELS } from "./constants";
import type { PipelineResult } from "./index";
import { productRevenueTotals } from "./product-revenue";
import { col } from "./table";

/** What the run did to the data set (the same fields the Runs page shows). */
export interface RunSummaryRun {
  id: number;
  mode: "full" | "incremental";
  partitionsAdded: number;
  partitionsReplaced: number;
  partitionsRemoved: number;
  recomputedDays: string[];
}

export interface RunSummary {
  runId: number;
  run: RunSummaryRun;
  files: { name: string; rows: number; headerVariant: string; missingColumns: string[] }[];
  accounting: { inputRows: number; loadedRows: number; quarantinedRows: number; duplicateRows: number };
  findings: { code: string; severity: string; file: string | null; day: string | null; count: number }[];
  /** Every session, robots' too. */
  sessions: number;
  /** Sessions started by crawlers and automation (left out of visitor metrics unless `bots.included`). */
  botSessions: number;
  /** Robot traffic: events, sessions, clients, flagged orders, by agent family and by day. */
  bots: { included: boolean; events: number; sessions: number; clients: number; orders: number; families: { family: string; events: number; sessions: number; clients: number }[]; byDay: { day: string; events: number; sessions: number }[] };
  /** Click id vs utm conflicts (TAGGING_CONFLICT): the precedence used, sessions by pair, and the credit the other reading moves. */
  tagging: { precedence: string; conflicts: number; pairs: { channel: string; other: string; sessions: number }[]; moves: { model: string; channel: string; revenue: number; otherRevenue: number }[] };
  orders: number;
  /** Total order revenue, rounded to the cent. */
  revenue: number;
  /** Product revenue (docs/metrics.md): priced items' price x quantity and the estimates of items without a price, against order revenue. */
  productRevenue: { priced: number; estimated: number; orderRevenue: number };
  /** Per model (default 7-day lookback): credited orders and revenue per channel. */
  attribution: Record<string, Record<string, { orders: number; revenue: number }>>;
  /** Per model (default 7-day lookback): each channel's 90% bootstrap interval of credited revenue (1,000 resamples of the orders, fixed seed). */
  intervals: Record<string, Record<string, { revenueLow: number; revenueHigh: number }>>;
  /** People across devices: client ids, persons (clients joined through a shared user_email), persons with several client ids, and those of them with an order. */
  identity: { clients: number; persons: number; multiDevicePersons: number; multiDeviceBuyers: number };
  /** As `attribution`, with each order credited over all devices of its person. */
  attributionByPerson: Record<string, Record<string, { orders: number; revenue: number }>>;
  validation: { name: string; passed: boolean; detail: string }[];
  monitoring: { status: string; checks: { id: string; priority: string; status: string; value: number | null; threshold: string; flaggedDays: string[]; explanation: string }[] };
  timingsMs: Record<string, number>;
}

export function buildSummary(runId: number, result: PipelineResult, meta?: Omit<RunSummaryRun, "id">): RunSummary {
  const { inputRows, loadedRows, quarantinedRows, duplicateRows } = result.quality.accounting;
  const run = meta ?? { mode: "full" as const, partitionsAdded: 0, partitionsReplaced: 0, partitionsRemoved: 0, recomputedDays: result.dailyMetrics.map((d) => d.day) };
  return {
    runId,
    run: { id: runId, mode: run.mode, partitionsAdded: run.partitionsAdded, partitionsReplaced: run.partitionsReplaced, partitionsRemoved: run.partitionsRemoved, recomputedDays: run.recomputedDays },
    files: result.files.map((f) => ({ name: f.name, rows: f.rows, headerVariant: f.headerVariant, missingColumns: f.missingColumns })),
    accounting: { inputRows, loadedRows, quarantinedRows, duplicateRows },
    findings: result.quality.findings.map(({ code, severity, file, day, count }) => ({ code, severity, file, day, count })),
    sessions: result.sessions.numRows(),
    botSessions: result.bots.sessions,
    bots: { included: result.bots.included, events: result.bots.events, sessions: result.bots.sessions, clients: result.bots.clients, orders: result.bots.orders, families: result.bots.families, byDay: result.bots.byDay },
    tagging: result.tagging,
    orders: result.orders.numRows(),
    revenue: col<number>(result.orders, "revenue_cents").reduce((a, b) => a + b, 0) / 100,
    productRevenue: productRevenueTotals(
      { revenue_cents: col<number>(result.orderItems, "revenue_cents"), revenue_estimated: col<boolean>(result.orderItems, "revenue_estimated") },
      col<number>(result.orders, "revenue_cents").reduce((a, b) => a + b, 0),
    ),
    attribution: Object.fromEntries(
      MODELS.map((model) => [
        model,
        Object.fromEntries(
          result.channelPerformance
            .filter((c) => c.model === model && c.lookback_days === DEFAULT_LOOKBACK_DAYS && (c.orders > 0 || c.revenue > 0))
            .map((c) => [c.channel, { orders: c.orders, revenue: c.revenue }]),
        ),
      ]),
    ),
    intervals: Object.fromEntries(
      Object.entries(result.intervals).map(([model, m]) => [
        model,
        Object.fromEntries(Object.entries(m.channels).map(([channel, c]) => [channel, { revenueLow: c.revenueLow, revenueHigh: c.revenueHigh }])),
      ]),
    ),
    identity: result.identity,
    attributionByPerson: Object.fromEntries(
      MODELS.map((model) => [
        model,
        Object.fromEntries(
          Object.entries(result.attributionByPerson.byModel[model]?.[DEFAULT_LOOKBACK_DAYS] ?? {})
            .filter(([, c]) => c.orders > 0 || c.revenue > 0)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([channel, c]) => [channel, { orders: Math.round(c.orders * 100) / 100, revenue: Math.round(c.revenue * 100) / 100 }]),
        ),
      ]),
    ),
    validation: result.validation.map(({ name, passed, detail }) => ({ name, passed, detail })),
    monitoring: {
      status: result.monitoring.status,
      checks: result.monitoring.checks.map(({ id, priority, status, value, threshold, explanation, days }) => ({ id, priority, status, value, threshold, flaggedDays: days ?? [], explanation })),
    },
    timingsMs: result.timingsMs,
  };
}
