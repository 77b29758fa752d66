import "server-only";
import { cachedForRun } from "./run-cache";
import type { FindingExample, Severity } from "@/lib/pipeline";
import { SCORE_RULE } from "@/lib/pipeline/quality";
import { prisma } from "../client";
import { getCurrentRun, type RunInfo } from "./current-run";

export interface FileRow {
  name: string;
  day: string | null;
  rows: number;
  headerVariant: string;
  missingColumns: string[];
  loadedRows: number;
  quarantinedRows: number;
  duplicateRows: number;
  nullClientIdRate: number;
  nullReferrerRate: number | null;
  score: number;
}

export interface FindingRow {
  id: number;
  code: string;
  severity: Severity;
  file: string | null;
  day: string | null;
  count: number;
  message: string;
  examples: FindingExample[];
}

export interface DataQualityData {
  run: RunInfo;
  files: FileRow[];
  findings: FindingRow[];
  quarantineByReason: { reason: string; count: number }[];
  scoreRule: string;
}

export function getDataQuality(): Promise<DataQualityData | null> {
  return cachedForRun("data-quality", "", () => loadDataQuality());
}

async function loadDataQuality(): Promise<DataQualityData | null> {
  const run = await getCurrentRun();
  if (!run) return null;
  const [files, findings, reasons] = await Promise.all([
    prisma.sourceFile.findMany({ where: { runId: run.id }, orderBy: [{ day: "asc" }, { name: "asc" }] }),
    prisma.finding.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } }),
    prisma.quarantinedRow.groupBy({ by: ["reason"], where: { runId: run.id }, _count: { _all: true } }),
  ]);
  return {
    run,
    files: files.map((f) => ({
      name: f.name,
      day: f.day,
      rows: f.rows,
      headerVariant: f.headerVariant,
      missingColumns: JSON.parse(f.missingColumns) as string[],
      loadedRows: f.loadedRows,
      quarantinedRows: f.quarantinedRows,
      duplicateRows: f.duplicateRows,
      nullClientIdRate: f.nullClientIdRate,
      nullReferrerRate: f.nullReferrerRate,
      score: f.score,
    })),
    findings: findings.map((f) => ({
      id: f.id,
      code: f.code,
      severity: f.severity as Severity,
      file: f.file,
      day: f.day,
      count: f.count,
      message: f.message,
      examples: JSON.parse(f.examplesJson) as FindingExample[],
    })),
    quarantineByReason: reasons.map((r) => ({ reason: r.reason, count: r._count._all })).sort((a, b) => b.count - a.count),
    scoreRule: SCORE_RULE,
  };
}
