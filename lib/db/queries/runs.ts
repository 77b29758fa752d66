import "server-only";
import { prisma } from "../client";

export interface RunListItem {
  id: number;
  createdAt: string;
  status: string;
  trigger: string;
  stage: string | null;
  progress: number;
  error: string | null;
  durationMs: number | null;
  inputRows: number;
  loadedRows: number;
  quarantinedRows: number;
  duplicateRows: number;
  monitoringStatus: string | null;
}

export interface RunsData {
  runs: RunListItem[];
  /** The run pages currently show. */
  currentRunId: number | null;
  partitions: { id: number; name: string; bytes: number; createdAt: string }[];
}

export async function getRuns(): Promise<RunsData> {
  const [runs, partitions, current] = await Promise.all([
    prisma.run.findMany({ orderBy: { id: "desc" }, take: 25 }),
    prisma.partition.findMany({ orderBy: { name: "asc" } }),
    prisma.run.findFirst({ where: { status: "succeeded" }, orderBy: { id: "desc" }, select: { id: true } }),
  ]);
  return {
    runs: runs.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      status: r.status,
      trigger: r.trigger,
      stage: r.stage,
      progress: r.progress,
      error: r.error,
      durationMs: r.startedAtMs && r.finishedAtMs ? r.finishedAtMs - r.startedAtMs : null,
      inputRows: r.inputRows,
      loadedRows: r.loadedRows,
      quarantinedRows: r.quarantinedRows,
      duplicateRows: r.duplicateRows,
      monitoringStatus: r.monitoringStatus,
    })),
    currentRunId: current?.id ?? null,
    partitions: partitions.map((p) => ({ id: p.id, name: p.name, bytes: p.bytes, createdAt: p.createdAt.toISOString() })),
  };
}
