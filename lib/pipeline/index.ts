/**
 * The analytics engine's public surface. `runPipeline` is the one function the web app, the
 * command line and the tests call, so all three give the same numbers.
 */
import type { ColumnTable } from "arquero";
import { dailyQuality, type DailyQuality } from "./daily-quality";
import { buildEventsTable, quarantinedRows, type QuarantinedRow } from "./events";
import { analyzeGaps, type GapAnalysis } from "./gaps";
import { ingest, type FileInfo, type SourceFile } from "./ingest";
import { normalize } from "./normalize";
import { runQuality, type QualityResult } from "./quality";

export { IngestError, ingest, partitionDay, canonicalHeader } from "./ingest";
export type { FileInfo, SourceFile } from "./ingest";
export { parseCsv, csvField } from "./csv";
export { SCORE_RULE } from "./quality";
export type { Accounting, FileQuality, QualityResult } from "./quality";
export type { GapAnalysis } from "./gaps";
export type { DailyQuality } from "./daily-quality";
export type { EventRow, QuarantinedRow } from "./events";
export * from "./types";

export interface PipelineOptions {
  /** Inactivity that starts a new session, minutes (default 30). */
  sessionTimeoutMinutes?: number;
}

export interface PipelineResult {
  files: FileInfo[];
  quality: Omit<QualityResult, "fate" | "reasons" | "details" | "loaded">;
  events: ColumnTable;
  quarantined: QuarantinedRow[];
  gaps: GapAnalysis;
  daily: DailyQuality[];
  timingsMs: Record<string, number>;
}

export const DEFAULT_SESSION_TIMEOUT_MINUTES = 30;

export function runPipeline(sources: SourceFile[], options: PipelineOptions = {}): PipelineResult {
  const timeout = options.sessionTimeoutMinutes ?? DEFAULT_SESSION_TIMEOUT_MINUTES;
  const timingsMs: Record<string, number> = {};
  const time = <T>(stage: string, fn: () => T): T => {
    const start = performance.now();
    const out = fn();
    timingsMs[stage] = Math.round((performance.now() - start) * 10) / 10;
    return out;
  };
  const ingested = time("ingest", () => ingest(sources));
  const rows = time("normalize", () => normalize(ingested.rows));
  const quality = time("quality", () => runQuality(ingested.files, ingested.rows, rows));
  const events = time("events", () => buildEventsTable(ingested.files, ingested.rows, rows, quality.loaded));
  const quarantined = quarantinedRows(ingested.files, ingested.rows, quality);
  const gaps = time("gaps", () => analyzeGaps(events, timeout));
  const daily = time("daily", () => dailyQuality(events));
  const { fate: _f, reasons: _r, details: _d, loaded: _l, ...qualitySummary } = quality;
  return { files: ingested.files, quality: qualitySummary, events, quarantined, gaps, daily, timingsMs };
}
export { buildSummary, type RunSummary } from "./summary";
