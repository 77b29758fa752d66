/**
 * The machine-readable run summary written by `npm run pipeline -- --json`. Its shape is
 * documented in docs/json-summary.md and kept stable: later stages add keys, never rename.
 */
import type { PipelineResult } from "./index";

export interface RunSummary {
  runId: number;
  files: { name: string; rows: number; headerVariant: string; missingColumns: string[] }[];
  accounting: { inputRows: number; loadedRows: number; quarantinedRows: number; duplicateRows: number };
  findings: { code: string; severity: string; file: string | null; day: string | null; count: number }[];
  timingsMs: Record<string, number>;
}

export function buildSummary(runId: number, result: PipelineResult): RunSummary {
  const { inputRows, loadedRows, quarantinedRows, duplicateRows } = result.quality.accounting;
  return {
    runId,
    files: result.files.map((f) => ({ name: f.name, rows: f.rows, headerVariant: f.headerVariant, missingColumns: f.missingColumns })),
    accounting: { inputRows, loadedRows, quarantinedRows, duplicateRows },
    findings: result.quality.findings.map(({ code, severity, file, day, count }) => ({ code, severity, file, day, count })),
    timingsMs: result.timingsMs,
  };
}
