import "server-only";
import { cachedForRun } from "./run-cache";
import { CHANNEL_RULES, DEFAULT_LOOKBACK_DAYS, LOOKBACK_DAYS, MODEL_LABELS, MODELS, type JourneyStats, type Model } from "@/lib/pipeline";
import type { ModelIntervals } from "@/lib/pipeline/bootstrap";
import { prisma } from "../client";
import type { NumberCaveats } from "@/lib/views/caveats";
import { getRunCaveats } from "./caveats";
import { getCurrentRun } from "./current-run";

export interface AttributionChannelRow {
  channel: string;
  sessions: number;
  orders: number;
  revenue: number;
  conversionRate: number | null;
  aov: number | null;
  revenuePerSession: number | null;
}

export interface AttributionData {
  runId: number;
  createdAt: string;
  lookbackDays: number;
  lookbackOptions: number[];
  models: { id: Model; label: string }[];
  /** Channel rows per model, revenue descending. */
  byModel: Record<Model, AttributionChannelRow[]>;
  totals: { orders: number; revenue: number; sessions: number };
  journeys: JourneyStats | null;
  channelRules: { channel: string; description: string }[];
  /** Caveats of the whole data beside the channel numbers (lib/views/caveats.ts). */
  caveats: NumberCaveats;
  /** 90% bootstrap intervals per model (lib/pipeline/bootstrap.ts), for the default lookback only; null for another window or a run stored before them. */
  intervals: Partial<Record<Model, ModelIntervals>> | null;
  /** Attribution per person for this lookback: model → channel → credit; null for a run stored before it. */
  byPerson: Partial<Record<Model, Record<string, { orders: number; revenue: number }>>> | null;
  /** People across devices and the orders whose channel changes per person; null for a run stored before it. */
  identity: { clients: number; persons: number; multiDevicePersons: number; multiDeviceBuyers: number; changedOrders: { first_click: number; last_click: number } } | null;
}

interface PersonReport {
  identity?: { clients: number; persons: number; multiDevicePersons: number; multiDeviceBuyers: number };
  attributionByPerson?: { byModel: Record<string, Record<string, Record<string, { orders: number; revenue: number }>>>; changedOrders: { first_click: number; last_click: number } };
}

function personView(report: PersonReport, lookbackDays: number): Pick<AttributionData, "byPerson" | "identity"> {
  const p = report.attributionByPerson;
  if (!p || !report.identity) return { byPerson: null, identity: null };
  return {
    byPerson: Object.fromEntries(Object.entries(p.byModel).map(([model, byLookback]) => [model, byLookback[String(lookbackDays)] ?? {}])) as AttributionData["byPerson"],
    identity: { ...report.identity, changedOrders: p.changedOrders },
  };
}

/** The attribution views of the current run for one lookback window (all precomputed at save time). */
export function getAttribution(lookbackDays: number): Promise<AttributionData | null> {
  return cachedForRun("attribution", String(lookbackDays), () => loadAttribution(lookbackDays));
}

async function loadAttribution(lookbackDays: number): Promise<AttributionData | null> {
  const run = await getCurrentRun();
  if (!run) return null;
  const [rows, orders, caveats] = await Promise.all([
    prisma.channelPerformance.findMany({ where: { runId: run.id, lookbackDays }, orderBy: { revenue: "desc" } }),
    prisma.order.aggregate({ where: { runId: run.id }, _count: { _all: true }, _sum: { revenueCents: true } }),
    getRunCaveats(run.id),
  ]);
  const byModel = Object.fromEntries(MODELS.map((m) => [m, [] as AttributionChannelRow[]])) as Record<Model, AttributionChannelRow[]>;
  for (const r of rows) {
    byModel[r.model as Model]?.push({
      channel: r.channel,
      sessions: r.sessions,
      orders: r.orders,
      revenue: r.revenue,
      conversionRate: r.conversionRate,
      aov: r.aov,
      revenuePerSession: r.revenuePerSession,
    });
  }
  const sessions = (byModel.last_click ?? []).reduce((s, r) => s + r.sessions, 0);
  return {
    runId: run.id,
    createdAt: run.createdAt,
    lookbackDays,
    lookbackOptions: [...LOOKBACK_DAYS],
    models: MODELS.map((id) => ({ id, label: MODEL_LABELS[id] })),
    byModel,
    totals: { orders: orders._count._all, revenue: (orders._sum.revenueCents ?? 0) / 100, sessions },
    journeys: run.report.journeys?.find((j) => j.lookback_days === lookbackDays) ?? null,
    channelRules: CHANNEL_RULES.map((r) => ({ channel: r.channel, description: r.description })),
    caveats,
    ...personView(run.report as PersonReport, lookbackDays),
    intervals: lookbackDays === DEFAULT_LOOKBACK_DAYS ? ((run.report as { intervals?: Partial<Record<Model, ModelIntervals>> }).intervals ?? null) : null,
  };
}
