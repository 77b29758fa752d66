/**
 * Row validity checks. Each quarantines the rows it cannot trust, with its reason code; a row is
 * quarantined for the first reason that applies, in the order of ROW_RULES. The detail kept with
 * a quarantined row is storable: NUL characters shown as ␀, cut at MAX_DETAIL_CHARS.
 */
import { MAX_DETAIL_CHARS, MAX_TIMESTAMP_YEAR, MIN_TIMESTAMP_YEAR, storableText } from "../limits";
import { DATA_INVALID } from "../normalize";
import type { QuarantineReason, Severity } from "../types";
import { findingsByFile, type CheckContext, type CheckResult } from "./context";

export interface RowRule {
  reason: QuarantineReason;
  severity: Severity;
  /** Why the row is not usable; null when it is fine. */
  test: (ctx: CheckContext, row: number) => string | null;
  describe: (count: number) => string;
}

const field = (ctx: CheckContext, row: number, col: keyof CheckContext["raw"]["columns"]) => ctx.raw.columns[col][row] ?? "";

export const ROW_RULES: RowRule[] = [
  {
    reason: "MALFORMED_ROW",
    severity: "critical",
    test: (ctx, r) =>
      ctx.raw.malformed[r] ? `${ctx.raw.fieldCount[r]} fields; header has ${ctx.files[ctx.raw.fileIndex[r]!]!.header.length}` : null,
    describe: (n) => `${n} ${n === 1 ? "row does" : "rows do"} not match the header (field count or broken quoting) and ${n === 1 ? "was" : "were"} quarantined.`,
  },
  {
    // Before the rules that read the values: a value that cannot be stored, or a purchase value
    // that would distort a number, is the row's first problem.
    reason: "INVALID_VALUE",
    severity: "critical",
    test: (ctx, r) => {
      const text = ctx.raw.unstorable.size > 0 ? ctx.raw.unstorable.get(r) : undefined;
      if (text !== undefined) return text;
      const invalid = ctx.rows.purchase[r]?.invalid;
      return invalid ? `${ctx.rows.purchase[r]!.transactionId ?? "?"}: ${invalid}` : null;
    },
    describe: (n) =>
      `${n} ${n === 1 ? "row holds" : "rows hold"} a value that cannot be stored or would distort a number (a NUL character, a field over 1 MiB, revenue that is not finite or above the per-order ceiling, an id past 2^53) and ${n === 1 ? "was" : "were"} quarantined.`,
  },
  {
    reason: "INVALID_TIMESTAMP",
    severity: "warning",
    test: (ctx, r) => (Number.isNaN(ctx.rows.ts[r]) ? timestampDetail(field(ctx, r, "timestamp")) : null),
    describe: (n) => `${n} ${n === 1 ? "row has" : "rows have"} a timestamp that is not valid ISO 8601 UTC (or not in ${MIN_TIMESTAMP_YEAR}–${MAX_TIMESTAMP_YEAR}) and ${n === 1 ? "was" : "were"} quarantined.`,
  },
  {
    reason: "UNKNOWN_EVENT",
    severity: "warning",
    test: (ctx, r) => (ctx.rows.eventName[r] === null ? field(ctx, r, "event_name") || "(empty)" : null),
    describe: (n) => `${n} ${n === 1 ? "row has" : "rows have"} an event name outside the tracking plan and ${n === 1 ? "was" : "were"} quarantined.`,
  },
  {
    reason: "INVALID_JSON",
    severity: "warning",
    test: (ctx, r) =>
      ctx.rows.dataStatus[r] === DATA_INVALID && ctx.rows.eventName[r] === "checkout_completed" ? field(ctx, r, "event_data") : null,
    describe: (n) => `${n} purchase ${n === 1 ? "row has" : "rows have"} event_data that does not parse as JSON and ${n === 1 ? "was" : "were"} quarantined.`,
  },
  {
    reason: "INVALID_PURCHASE",
    severity: "critical",
    test: (ctx, r) => {
      const p = ctx.rows.purchase[r];
      if (!p) return null;
      const problems: string[] = [];
      if (!p.transactionId) problems.push("no transaction_id");
      if (p.revenue === null || p.revenue <= 0) problems.push(`revenue ${p.revenue ?? "missing"}`);
      if (!p.items.some((it) => it.item_id !== null)) problems.push("no item with an item_id");
      return problems.length > 0 ? `${p.transactionId ?? "?"}: ${problems.join(", ")}` : null;
    },
    describe: (n) =>
      `${n} ${n === 1 ? "purchase has" : "purchases have"} no transaction id, revenue <= 0 or no valid item and ${n === 1 ? "was quarantined (it is not an order)" : "were quarantined (they are not orders)"}.`,
  },
];

/** The timestamp as written, saying so when it is well-formed but outside the accepted years. */
function timestampDetail(text: string): string {
  if (text === "") return "(empty)";
  const year = /^\d{4}-/.test(text) ? Number(text.slice(0, 4)) : NaN;
  return year < MIN_TIMESTAMP_YEAR || year > MAX_TIMESTAMP_YEAR ? `${text} (year outside ${MIN_TIMESTAMP_YEAR}–${MAX_TIMESTAMP_YEAR})` : text;
}

/** Runs the row rules; returns the quarantine decision for every row plus one finding per reason and file. */
export function checkRows(
  ctx: CheckContext,
): CheckResult & { reasons: (QuarantineReason | null)[]; details: (string | null)[] } {
  const n = ctx.raw.length;
  const reasons: (QuarantineReason | null)[] = new Array(n).fill(null);
  const details: (string | null)[] = new Array(n).fill(null);
  const hits = new Map<QuarantineReason, { rows: number[]; values: Map<number, string> }>();
  for (let r = 0; r < n; r++) {
    for (const rule of ROW_RULES) {
      const test = rule.test(ctx, r);
      if (test === null) continue;
      const why = storableText(test, MAX_DETAIL_CHARS);
      reasons[r] = rule.reason;
      details[r] = why;
      let h = hits.get(rule.reason);
      if (!h) hits.set(rule.reason, (h = { rows: [], values: new Map() }));
      h.rows.push(r);
      h.values.set(r, why);
      break;
    }
  }
  const findings = ROW_RULES.flatMap((rule) => {
    const h = hits.get(rule.reason);
    if (!h) return [];
    return findingsByFile(ctx, h.rows, rule.reason, rule.severity, (r) => h.values.get(r) ?? "", (c) => rule.describe(c));
  });
  const quarantine = [...hits.entries()].flatMap(([reason, h]) => h.rows.map((row) => ({ row, reason })));
  return { findings, quarantine, reasons, details };
}

/** Non-purchase rows whose event_data does not parse: kept (the event happened), payload discarded, flagged. */
export function checkInvalidJsonKept(ctx: CheckContext, loaded: Int32Array): CheckResult {
  const rows: number[] = [];
  for (const r of loaded) if (ctx.rows.dataStatus[r] === DATA_INVALID) rows.push(r);
  return {
    findings: findingsByFile(ctx, rows, "INVALID_JSON", "warning", (r) => field(ctx, r, "event_data"), (c) =>
      `${c} non-purchase ${c === 1 ? "row has" : "rows have"} event_data that does not parse; ${c === 1 ? "the event is kept, its" : "the events are kept, their"} payload is discarded.`,
    ),
    flagged: rows,
  };
}
