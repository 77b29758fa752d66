import "server-only";
import { prisma } from "../client";

/** A validation check that failed (a run rejected by validation lists them). */
export interface FailedCheck {
  name: string;
  detail: string;
}

export interface RunListItem {
  id: number;
  createdAt: string;
  status: string;
  /** cli | upload | demo | rerun */
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
  /** full | incremental */
  mode: string;
  partitionsAdded: number;
  partitionsReplaced: number;
  partitionsRemoved: number;
  /** The days whose tables the run recomputed: how many, and the first and last of them. */
  recomputedDays: { count: number; first: string | null; last: string | null };
  /** The process that executed the run (pid@host), null when unknown. */
  worker: string | null;
  /** For a failed run: the validation checks that failed (empty when it failed for another reason). */
  failedChecks: FailedCheck[];
}

/** One stored partition (a daily file) of the data set. */
export interface PartitionItem {
  id: number;
  name: string;
  /** YYYY-MM-DD from the file name, null when the name carries none */
  day: string | null;
  /** cli | upload | demo */
  source: string;
  /** sha256, hex */
  hash: string;
  /** The first 12 hex characters of the hash. */
  shortHash: string;
  bytes: number;
  /** Input and loaded rows as counted by the last published run; null until a run read the file. */
  rows: number | null;
  loadedRows: number | null;
  /** When the file was added or last replaced. */
  createdAt: string;
}

/** The data set as a whole: its days and rows (counted over the files a published run has read). */
export interface DataSetSummary {
  files: number;
  days: number;
  firstDay: string | null;
  lastDay: string | null;
  /** Files whose name carries no day. */
  undatedFiles: number;
  rows: number;
  loadedRows: number;
  bytes: number;
  /** Files no published run has read yet (their rows are unknown). */
  unprocessedFiles: number;
}

export interface RunsData {
  runs: RunListItem[];
  /** The run pages currently show. */
  currentRunId: number | null;
  /** Oldest day first; files without a day last (by name). */
  partitions: PartitionItem[];
  dataSet: DataSetSummary;
}

export const SHORT_HASH_LENGTH = 12;

function parseDays(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((d): d is string => typeof d === "string") : [];
  } catch {
    return [];
  }
}

function recomputed(json: string): RunListItem["recomputedDays"] {
  const days = parseDays(json).sort();
  return { count: days.length, first: days[0] ?? null, last: days[days.length - 1] ?? null };
}

export function summarizeDataSet(partitions: PartitionItem[]): DataSetSummary {
  const days = [...new Set(partitions.flatMap((p) => (p.day ? [p.day] : [])))].sort();
  let rows = 0;
  let loadedRows = 0;
  let bytes = 0;
  let unprocessedFiles = 0;
  for (const p of partitions) {
    bytes += p.bytes;
    if (p.rows === null) unprocessedFiles++;
    else rows += p.rows;
    loadedRows += p.loadedRows ?? 0;
  }
  return {
    files: partitions.length,
    days: days.length,
    firstDay: days[0] ?? null,
    lastDay: days[days.length - 1] ?? null,
    undatedFiles: partitions.filter((p) => !p.day).length,
    rows,
    loadedRows,
    bytes,
    unprocessedFiles,
  };
}

export async function getRuns(): Promise<RunsData> {
  const [runs, partitions, current] = await Promise.all([
    // The published run's report and monitoring JSON (the series the pages draw) are not needed here.
    prisma.run.findMany({ orderBy: { id: "desc" }, take: 25, omit: { reportJson: true, monitoringJson: true, partitionsJson: true } }),
    prisma.partition.findMany(),
    prisma.run.findFirst({ where: { status: "succeeded" }, orderBy: { id: "desc" }, select: { id: true } }),
  ]);
  const failedIds = runs.filter((r) => r.status === "failed").map((r) => r.id);
  const failedChecks =
    failedIds.length === 0
      ? []
      : await prisma.validationCheck.findMany({ where: { runId: { in: failedIds }, passed: false }, orderBy: { id: "asc" }, select: { runId: true, name: true, detail: true } });
  const checksByRun = new Map<number, FailedCheck[]>();
  for (const c of failedChecks) {
    const list = checksByRun.get(c.runId) ?? [];
    list.push({ name: c.name, detail: c.detail });
    checksByRun.set(c.runId, list);
  }

  const items: PartitionItem[] = partitions
    .map((p) => ({
      id: p.id,
      name: p.name,
      day: p.day,
      source: p.source,
      hash: p.hash,
      shortHash: p.hash.slice(0, SHORT_HASH_LENGTH),
      bytes: p.bytes,
      rows: p.rows,
      loadedRows: p.loadedRows,
      createdAt: p.createdAt.toISOString(),
    }))
    .sort((a, b) => (a.day === b.day ? a.name.localeCompare(b.name) : a.day === null ? 1 : b.day === null ? -1 : a.day.localeCompare(b.day)));

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
      mode: r.mode,
      partitionsAdded: r.partitionsAdded,
      partitionsReplaced: r.partitionsReplaced,
      partitionsRemoved: r.partitionsRemoved,
      recomputedDays: recomputed(r.recomputedDaysJson),
      worker: r.worker,
      failedChecks: r.status === "failed" ? (checksByRun.get(r.id) ?? []) : [],
    })),
    currentRunId: current?.id ?? null,
    partitions: items,
    dataSet: summarizeDataSet(items),
  };
}
