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

/** All seven values as one key (for the rare time shared by many distinct rows). */
function fullKey(ctx: CheckContext, row: number): string {
  let key = "";
  for (const c of CANONICAL_COLUMNS) key += `${ctx.raw.columns[c][row] ?? "\u0000"}\u0001`;
  return key;
}

/** Distinct rows compared one by one within a time bucket before the bucket switches to full keys. */
const SCAN_LIMIT = 16;

export function findDuplicates(ctx: CheckContext, candidates: Iterable<number>): CheckResult & { duplicates: Set<number> } {
  // Rows are bucketed by their parsed time (a number: no key to build) and compared column by
  // column within a bucket: the same result as keying on all seven values, which only a bucket
  // of many distinct rows (a time shared by more than SCAN_LIMIT rows) falls back to. Exact
  // copies share the time text, so they share the bucket; loaded rows always have a valid time,
  // the raw text only keys a row that does not.
  const { timestamp } = ctx.raw.columns;
  const parsed = ctx.rows.ts;
  const seen = new Map<number | string, number | number[] | Map<string, number>>();
  const duplicates = new Set<number>();
  const firstOf = new Map<number, number>();
  // Times are keyed relative to the first one: epoch milliseconds are beyond V8's small integers
  // (each key a boxed number, hashed as such), offsets within a few weeks are not. Equal times give
  // equal keys, which is all a bucket needs (rows in a bucket are compared value by value).
  let base = NaN;
  for (const r of candidates) {
    const t = parsed[r]!;
    if (base !== base) base = t;
    const key = Number.isNaN(t) ? `raw:${timestamp[r] ?? ""}` : t - base;
    const prior = seen.get(key);
    if (prior === undefined) {
      seen.set(key, r);
      continue;
    }
    let first: number | undefined;
    if (prior instanceof Map) {
      const full = fullKey(ctx, r);
      first = prior.get(full);
      if (first === undefined) prior.set(full, r);
    } else {
      const earlier = typeof prior === "number" ? [prior] : prior;
      first = earlier.find((p) => sameRow(ctx, p, r));
      if (first === undefined) {
        if (typeof prior === "number") seen.set(key, [prior, r]);
        else if (prior.length < SCAN_LIMIT) prior.push(r);
        else seen.set(key, new Map([...prior, r].map((p) => [fullKey(ctx, p), p])));
      }
    }
    if (first !== undefined) {
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
    (c) => `${c} ${c === 1 ? "row is an exact copy" : "rows are exact copies"} of an earlier row and ${c === 1 ? "was" : "were"} dropped (counted once).`,
  );
  return { findings, duplicates };
}
