import "server-only";
import { cachedForRun } from "./run-cache";
import { prisma } from "../client";
import type { RunReport } from "../save-run";

export interface RunInfo {
  id: number;
  createdAt: string;
  finishedAtMs: number | null;
  trigger: string;
  inputRows: number;
  loadedRows: number;
  quarantinedRows: number;
  duplicateRows: number;
  timingsMs: Record<string, number>;
  report: RunReport;
}

/** The run pages show: the newest successful one (null before the first run). */
export function getCurrentRun(): Promise<RunInfo | null> {
  return cachedForRun("current-run", "", () => loadCurrentRun());
}

async function loadCurrentRun(): Promise<RunInfo | null> {
  const run = await prisma.run.findFirst({ where: { status: "succeeded" }, orderBy: { id: "desc" } });
  if (!run) return null;
  return {
    id: run.id,
    createdAt: run.createdAt.toISOString(),
    finishedAtMs: run.finishedAtMs,
    trigger: run.trigger,
    inputRows: run.inputRows,
    loadedRows: run.loadedRows,
    quarantinedRows: run.quarantinedRows,
    duplicateRows: run.duplicateRows,
    timingsMs: JSON.parse(run.timingsJson) as Record<string, number>,
    report: JSON.parse(run.reportJson) as RunReport,
  };
}
