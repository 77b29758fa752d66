import "server-only";
import { DEFAULT_MONITORING, freshnessCheck, type MonitoringReport, type Status } from "@/lib/pipeline";
import { prisma } from "../client";

export interface MonitoringData {
  runId: number;
  createdAt: string;
  report: MonitoringReport;
  /** Statuses of past successful runs, newest first. */
  history: { runId: number; createdAt: string; status: Status | null; trigger: string; inputRows: number }[];
}

const WORST: Status[] = ["CRITICAL", "WARNING", "PASS"];

/**
 * The current run's stored monitoring report, with freshness re-evaluated against `now` (the age
 * of data grows after the run; nothing else is recomputed), and the history of past runs.
 */
export async function getMonitoring(now: number = clockNow()): Promise<MonitoringData | null> {
  const run = await prisma.run.findFirst({ where: { status: "succeeded" }, orderBy: { id: "desc" } });
  if (!run) return null;
  const stored = JSON.parse(run.monitoringJson) as MonitoringReport;
  if (!stored.checks) return null;
  const freshness = freshnessCheck(stored.newestEventTs, now, stored.options ?? DEFAULT_MONITORING);
  const checks = stored.checks.map((c) => (c.id === "freshness" ? freshness : c));
  const status = WORST.find((s) => checks.some((c) => c.status === s)) ?? "PASS";
  const history = await prisma.run.findMany({
    where: { status: "succeeded" },
    orderBy: { id: "desc" },
    take: 30,
    select: { id: true, createdAt: true, monitoringStatus: true, trigger: true, inputRows: true },
  });
  return {
    runId: run.id,
    createdAt: run.createdAt.toISOString(),
    report: { ...stored, checks, status, evaluatedAt: now },
    history: history.map((h) => ({ runId: h.id, createdAt: h.createdAt.toISOString(), status: h.monitoringStatus as Status | null, trigger: h.trigger, inputRows: h.inputRows })),
  };
}

/** The monitoring clock: MONITORING_NOW (ISO date-time) when set, for reproducible reports; else now. */
export function clockNow(): number {
  const fixed = process.env.MONITORING_NOW;
  const t = fixed ? Date.parse(fixed) : NaN;
  return Number.isNaN(t) ? Date.now() : t;
}
