/**
 * Findings grouped for reading, shared by the Data quality page and its PDF (pure; no React, no
 * I/O). A finding is one check on one file; a group is one code over all its files, with one
 * severity and a sentence built from the group's own totals (never one file's message).
 *
 * Counting rules (docs/finding-codes.md):
 * - within a code, files hold different rows, so a code's counts add up over its files;
 * - across codes they do not: one row can be flagged by several checks (an empty client id, read
 *   through a header alias, with an empty referrer...), and NULL_CLIENT_ID_SPIKE counts the same
 *   rows as that day's NULL_CLIENT_ID. So per severity only the number of findings and codes is
 *   given, never a sum of rows.
 */
import type { Severity } from "@/lib/pipeline/types";
import { formatInt } from "@/lib/reports/format";

export const SEVERITY_ORDER: Severity[] = ["critical", "warning", "info"];
const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** What a finding needs for grouping (a FindingRow of the page's query has it all). */
export interface GroupableFinding {
  code: string;
  severity: Severity;
  file: string | null;
  day: string | null;
  count: number;
}

export interface FindingGroup<F extends GroupableFinding = GroupableFinding> {
  code: string;
  /** The code's one severity (the most severe of its findings, should a stored run disagree). */
  severity: Severity;
  /** Sum of the findings' counts: rows, purchases or transaction ids (see `countUnit`). */
  count: number;
  /** Distinct files (a file can hold two findings of one code, e.g. INVALID_JSON quarantined and kept); run-wide findings have none. */
  files: number;
  /** Distinct days, sorted. */
  days: string[];
  findings: F[];
  /** One sentence over the group's totals. */
  sentence: string;
}

/** What each code's count counts, singular and plural. */
const UNITS: Record<string, [string, string]> = {
  INVALID_PURCHASE: ["purchase", "purchases"],
  REVENUE_ITEMS_MISMATCH: ["purchase", "purchases"],
  INVALID_ITEM_VALUE: ["purchase", "purchases"],
  REVENUE_OUTLIER: ["purchase", "purchases"],
  TRANSACTION_ID_COLLISION: ["transaction id", "transaction ids"],
  NULL_CLIENT_ID: ["loaded row", "loaded rows"],
  NULL_REFERRER: ["loaded row", "loaded rows"],
  NULL_CLIENT_ID_SPIKE: ["event", "events"],
  BOT_TRAFFIC: ["event", "events"],
  ITEM_PRICE_MISSING: ["item", "items"],
};

/** (1, "INVALID_PURCHASE") → "1 purchase"; (10, ...) → "10 purchases"; rows for any other code. */
export function countUnit(code: string, count: number): string {
  const [one, many] = UNITS[code] ?? ["row", "rows"];
  return `${formatInt(count)} ${count === 1 ? one : many}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatInt(n)} ${n === 1 ? one : many}`;
/** Verb agreeing with a count: (1, "is", "are") → "is". */
const verb = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * The sentence of a group, from its totals: (INVALID_PURCHASE, 10, 7 files) → "10 purchases in 7
 * files have no transaction id, revenue <= 0 or no valid item and were quarantined (not orders)."
 */
export function groupSentence(code: string, count: number, files: number, days = 0): string {
  const n = countUnit(code, count);
  // A finding without a file concerns the whole run.
  const where = files > 0 ? `in ${plural(files, "file")}` : "across the run";
  const were = verb(count, "was", "were");
  const have = verb(count, "has", "have");
  const is = verb(count, "is", "are");
  switch (code) {
    case "HEADER_ALIAS":
      return `${n} ${where} ${were} read through a header alias (a column spelled differently, mapped to its name).`;
    case "MISSING_COLUMN":
      return `${files > 0 ? plural(files, "file") : "The files"} ${verb(files, "lacks", "lack")} a column of the export format: ${n} ${verb(count, "carries", "carry")} explicit nulls there.`;
    case "MALFORMED_ROW":
      return `${n} ${where} ${verb(count, "does", "do")} not match the header (field count or broken quoting) and ${were} quarantined.`;
    case "INVALID_VALUE":
      return `${n} ${where} ${verb(count, "holds", "hold")} a value that cannot be stored or would distort a number and ${were} quarantined.`;
    case "INVALID_TIMESTAMP":
      return `${n} ${where} ${have} a timestamp that is not valid ISO 8601 UTC (or outside 2000–2099) and ${were} quarantined.`;
    case "UNKNOWN_EVENT":
      return `${n} ${where} ${have} an event name outside the tracking plan and ${were} quarantined.`;
    case "INVALID_JSON":
      return `${n} ${where} ${have} event_data that does not parse: purchases among them were quarantined, other events kept without their payload.`;
    case "INVALID_PURCHASE":
      return `${n} ${where} ${have} no transaction id, revenue <= 0 or no valid item and ${were} quarantined (not orders).`;
    case "DUPLICATE_ROW":
      return `${n} ${where} ${verb(count, "is an exact copy", "are exact copies")} of an earlier loaded row and ${were} dropped.`;
    case "NULL_CLIENT_ID":
      return `${n} ${where} ${have} no client id: counted, but not sessionized or attributed.`;
    case "NULL_CLIENT_ID_SPIKE": {
      const d = days || files;
      return `${plural(d, "day")} ${verb(d, "has", "have")} an empty client id rate far above the other days: ${n} without a client id (the rows of ${verb(d, "its NULL_CLIENT_ID finding", "their NULL_CLIENT_ID findings")}, not more), so ${verb(d, "its", "their")} sessions and attribution are undercounted.`;
    }
    case "TIMESTAMP_OUTSIDE_PARTITION":
      return `${n} ${where} ${is} timestamped outside the file's day; kept and counted on ${verb(count, "its", "their")} own event date.`;
    case "TRANSACTION_ID_COLLISION":
      return `${n} ${where} ${is} shared by different purchases; every purchase involved is kept as an order and flagged for reconciliation.`;
    case "REVENUE_ITEMS_MISMATCH":
      return `${n} ${where} ${have} revenue that differs from the sum of ${verb(count, "its", "their")} items' price x quantity; ${verb(count, "the order keeps its", "the orders keep their")} revenue.`;
    case "INVALID_ITEM_VALUE":
      return `${n} ${where} ${have} an item quantity or price that is not a usable number; ${verb(count, "the value was dropped and the order keeps its", "the values were dropped and the orders keep their")} revenue.`;
    case "REVENUE_OUTLIER":
      return `${n} ${where} ${verb(count, "exceeds", "exceed")} the revenue outlier threshold; kept, check before reporting.`;
    case "ITEM_PRICE_MISSING":
      return `${n} ${where} ${have} no price (or no quantity): ${verb(count, "its order keeps its", "their orders keep their")} revenue, and ${verb(count, "the item gets", "those items get")} estimated product revenue.`;
    case "BOT_TRAFFIC":
      return `${n} ${where} ${verb(count, "comes", "come")} from crawlers and automation (by user agent): loaded, and their sessions are kept out of the visitor figures unless the data set counts robots.`;
    case "NULL_REFERRER":
      return `${n} ${where} ${have} an empty referrer (direct, or not tracked).`;
    default:
      return `${n} ${where} ${were} flagged.`;
  }
}

/** Findings grouped by code: severity order (critical first), then the largest count. */
/** The id of a finding code's entry on the data-quality page: links to `/data-quality#finding-CODE` open it (a details element opens on its fragment). */
export const findingAnchor = (code: string) => `finding-${code}`;

export function groupFindings<F extends GroupableFinding>(findings: F[]): FindingGroup<F>[] {
  const by = new Map<string, { severity: Severity; count: number; files: Set<string>; days: Set<string>; findings: F[] }>();
  for (const f of findings) {
    let g = by.get(f.code);
    if (!g) by.set(f.code, (g = { severity: f.severity, count: 0, files: new Set(), days: new Set(), findings: [] }));
    if (RANK[f.severity] < RANK[g.severity]) g.severity = f.severity;
    g.count += f.count;
    if (f.file !== null) g.files.add(f.file);
    if (f.day) g.days.add(f.day);
    g.findings.push(f);
  }
  return [...by.entries()]
    .map(([code, g]) => ({
      code,
      severity: g.severity,
      count: g.count,
      files: g.files.size,
      days: [...g.days].sort(),
      findings: g.findings,
      sentence: groupSentence(code, g.count, g.files.size, g.days.size),
    }))
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.count - a.count || a.code.localeCompare(b.code));
}

export interface SeverityTotals {
  severity: Severity;
  /** Codes of this severity. */
  codes: number;
  /** Findings of this severity (one per check and file). */
  findings: number;
}

/** Per severity: how many codes and findings, never a sum of rows (see the module comment). */
export function severityTotals(groups: FindingGroup[]): SeverityTotals[] {
  return SEVERITY_ORDER.map((severity) => {
    const of = groups.filter((g) => g.severity === severity);
    return { severity, codes: of.length, findings: of.reduce((s, g) => s + g.findings.length, 0) };
  });
}

/** "2 codes, 7 findings" (or "none"). */
export function severityTotalsText(t: SeverityTotals): string {
  return t.findings === 0 ? "none" : `${plural(t.codes, "code")}, ${plural(t.findings, "finding")}`;
}

/** Said wherever per-severity figures are shown, so nobody adds rows across checks. */
export const FINDING_COUNT_NOTE =
  "Per severity: the number of codes and of findings (one finding per check and file). Rows are added up only within a code, over its files: one row can be flagged by several checks, so rows are never summed across codes.";
