/**
 * Exact duplicate rows: a row whose seven export values equal those of an earlier loaded row
 * (in any file of the run) is dropped as a duplicate. Only rows that passed the row checks take
 * part: a copy of a quarantined row is quarantined with it.
 */
import { CANONICAL_COLUMNS } from "../types";
import { findingsByFile, type CheckContext, type CheckResult } from "./context";

/** Same value in every export column (null and empty text differ, as they do in the file). */
function sameRow(ctx: CheckContext, a: number, b: number): boolean {
  for (const c of CANONICAL_COLUMNS) if (ctx.raw.columns[c][a] !== ctx.raw.columns[c][b]) return false;
  return true;
}

export function findDuplicates(ctx: CheckContext, candidates: Iterable<number>): CheckResult & { duplicates: Set<number> } {
  // Rows are bucketed by a short fingerprint (time, client, event) and compared column by column
  // only within a bucket: the same result as keying on all seven values, without building and
  // hashing a long key for every row.
  const { timestamp, client_id: client, event_name: name } = ctx.raw.columns;
  const seen = new Map<string, number | number[]>();
  const duplicates = new Set<number>();
  const firstOf = new Map<number, number>();
  for (const r of candidates) {
    const key = `${timestamp[r] ?? "\u0000"}\u0001${client[r] ?? "\u0000"}\u0001${name[r] ?? "\u0000"}`;
    const prior = seen.get(key);
    if (prior === undefined) {
      seen.set(key, r);
      continue;
    }
    const earlier = typeof prior === "number" ? [prior] : prior;
    const first = earlier.find((p) => sameRow(ctx, p, r));
    if (first !== undefined) {
      duplicates.add(r);
      firstOf.set(r, first);
    } else if (typeof prior === "number") seen.set(key, [prior, r]);
    else prior.push(r);
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
