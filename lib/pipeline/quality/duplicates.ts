/**
 * Exact duplicate rows: a row whose seven export values equal those of an earlier loaded row
 * (in any file of the run) is dropped as a duplicate. Only rows that passed the row checks take
 * part: a copy of a quarantined row is quarantined with it.
 */
import { CANONICAL_COLUMNS } from "../types";
import { findingsByFile, type CheckContext, type CheckResult } from "./context";

export function rowKey(ctx: CheckContext, row: number): string {
  let key = "";
  for (const c of CANONICAL_COLUMNS) key += `${ctx.raw.columns[c][row] ?? "\u0000"}\u0001`;
  return key;
}

export function findDuplicates(ctx: CheckContext, candidates: Iterable<number>): CheckResult & { duplicates: Set<number> } {
  const seen = new Map<string, number>();
  const duplicates = new Set<number>();
  const firstOf = new Map<number, number>();
  for (const r of candidates) {
    const key = rowKey(ctx, r);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, r);
    else {
      duplicates.add(r);
      firstOf.set(r, first);
    }
  }
  const rows = [...duplicates];
  const findings = findingsByFile(
    ctx,
    rows,
    "DUPLICATE_ROW",
    "warning",
    (r) => {
      const first = firstOf.get(r)!;
      const f = ctx.files[ctx.raw.fileIndex[first]!]!;
      return `copy of ${f.name} line ${ctx.raw.line[first]}: ${ctx.raw.columns.event_name[r] ?? ""} ${ctx.raw.columns.timestamp[r] ?? ""}`;
    },
    (c) => `${c} rows are exact copies of an earlier row and were dropped (counted once).`,
  );
  return { findings, duplicates };
}
