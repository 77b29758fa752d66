/**
 * What every quality check sees: the files, the raw rows with lineage, the normalized columns,
 * and (for checks that run after quarantine and de-duplication) which rows are loaded.
 */
import type { FileInfo, RawRows } from "../ingest";
import { MAX_DETAIL_CHARS, storableText } from "../limits";
import type { NormalizedRows } from "../normalize";
import type { Finding, FindingCode, FindingExample, QuarantineReason, Severity } from "../types";

export interface CheckContext {
  files: FileInfo[];
  raw: RawRows;
  rows: NormalizedRows;
}

export interface LoadedContext extends CheckContext {
  /** Row indexes that are loaded (neither quarantined nor duplicates), in input order. */
  loaded: Int32Array;
}

export interface CheckResult {
  findings: Finding[];
  /** Rows this check quarantines, with the reason. */
  quarantine?: { row: number; reason: QuarantineReason }[];
  /** Rows this check flags (kept, but not clean): used by the quality score. */
  flagged?: number[];
}

export const MAX_EXAMPLES = 5;

export function example(ctx: CheckContext, row: number, value: string): FindingExample {
  const file = ctx.files[ctx.raw.fileIndex[row]!]!;
  return { file: file.name, line: ctx.raw.line[row]!, value: storableText(value, MAX_DETAIL_CHARS) };
}

/**
 * Groups flagged rows by file and makes one finding per file: the common shape of row-level checks.
 * `describe(count, file)` builds the message from the numbers.
 */
export function findingsByFile(
  ctx: CheckContext,
  rows: number[],
  code: FindingCode,
  severity: Severity,
  valueOf: (row: number) => string,
  describe: (count: number, file: FileInfo) => string,
): Finding[] {
  const byFile = new Map<number, number[]>();
  for (const r of rows) {
    const f = ctx.raw.fileIndex[r]!;
    let list = byFile.get(f);
    if (!list) byFile.set(f, (list = []));
    list.push(r);
  }
  return [...byFile.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([f, list]) => {
      const file = ctx.files[f]!;
      return {
        code,
        severity,
        file: file.name,
        day: file.day,
        count: list.length,
        message: describe(list.length, file),
        examples: list.slice(0, MAX_EXAMPLES).map((r) => example(ctx, r, valueOf(r))),
      };
    });
}

export const pct = (x: number): string => `${(x * 100).toFixed(x < 0.01 && x > 0 ? 2 : 1)}%`;
