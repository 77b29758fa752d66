/** Checks on loaded rows: kept in the data, but flagged and quantified. */
import type { Finding } from "../types";
import { example, findingsByFile, MAX_EXAMPLES, pct, type CheckResult, type LoadedContext } from "./context";

const DAY_MS = 86_400_000;

/** Empty client ids per file (rate over loaded rows), and days whose rate jumps against the others. */
export function checkNullClientIds(ctx: LoadedContext, spike = { ratio: 3, minPoints: 0.02 }): CheckResult {
  const perFile = ctx.files.map(() => ({ loaded: 0, nulls: [] as number[] }));
  for (const r of ctx.loaded) {
    const s = perFile[ctx.raw.fileIndex[r]!]!;
    s.loaded++;
    if (ctx.rows.clientId[r] === null) s.nulls.push(r);
  }
  const rate = (s: { loaded: number; nulls: number[] }) => (s.loaded > 0 ? s.nulls.length / s.loaded : 0);
  const findings: Finding[] = [];
  perFile.forEach((s, f) => {
    if (s.nulls.length === 0) return;
    const file = ctx.files[f]!;
    findings.push({
      code: "NULL_CLIENT_ID",
      // One severity per code (docs/finding-codes.md): the rows are lost to sessions and attribution
      // whatever the rate; a day far above the others is NULL_CLIENT_ID_SPIKE (critical).
      severity: "warning",
      file: file.name,
      day: file.day,
      count: s.nulls.length,
      message: `${s.nulls.length} of ${s.loaded} loaded rows (${pct(rate(s))}) have no client id: they are counted but cannot be sessionized or attributed.`,
      examples: s.nulls.slice(0, MAX_EXAMPLES).map((r) => example(ctx, r, `${ctx.raw.columns.event_name[r]} ${ctx.raw.columns.page_url[r] ?? ""}`)),
    });
  });
  // Spike: a file's rate at least `ratio` x the median of the other files and `minPoints` above it.
  perFile.forEach((s, f) => {
    const others = perFile.filter((o, g) => g !== f && o.loaded > 0).map(rate);
    if (others.length < 2 || s.loaded === 0) return;
    const med = median(others);
    const r = rate(s);
    if (r >= spike.ratio * med && r - med >= spike.minPoints) {
      const file = ctx.files[f]!;
      findings.push({
        code: "NULL_CLIENT_ID_SPIKE",
        severity: "critical",
        file: file.name,
        day: file.day,
        count: s.nulls.length,
        message: `Empty client id rate ${pct(r)} against a median of ${pct(med)} on the other days (${(r / Math.max(med, 1e-9)).toFixed(1)}x): this day's sessions and attribution are undercounted.`,
        examples: [],
      });
    }
  });
  return { findings, flagged: perFile.flatMap((s) => s.nulls) };
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Valid timestamps whose UTC date is not the file's partition day (kept: daily metrics use the event date). */
export function checkOutsidePartition(ctx: LoadedContext): CheckResult {
  const rows: number[] = [];
  // Each file's day start, parsed once (not once per row).
  const starts = ctx.files.map((f) => (f.day === null ? null : Date.parse(`${f.day}T00:00:00Z`)));
  for (const r of ctx.loaded) {
    const start = starts[ctx.raw.fileIndex[r]!]!;
    if (start === null) continue;
    const t = ctx.rows.ts[r]!;
    if (t < start || t >= start + DAY_MS) rows.push(r);
  }
  return {
    findings: findingsByFile(ctx, rows, "TIMESTAMP_OUTSIDE_PARTITION", "warning", (r) => ctx.raw.columns.timestamp[r] ?? "", (c, f) =>
      `${c} ${c === 1 ? "row is" : "rows are"} timestamped outside ${f.day}; ${c === 1 ? "it is kept and counted on its" : "they are kept and counted on their"} own event date.`,
    ),
    flagged: rows,
  };
}

/** Loaded purchase rows, for the purchase checks below. */
function purchases(ctx: LoadedContext): number[] {
  const out: number[] = [];
  for (const r of ctx.loaded) if (ctx.rows.purchase[r]) out.push(r);
  return out;
}

/** Purchase identity: a replay with an identical payload is the same purchase. */
export function purchaseSignature(ctx: LoadedContext, r: number): string {
  const p = ctx.rows.purchase[r]!;
  return `${ctx.rows.clientId[r] ?? ""}|${p.revenue}|${JSON.stringify(p.items)}`;
}

/**
 * One transaction id used by different purchases (different client, amount or items). Both stay
 * orders; the finding counts transaction ids and is attributed to the file of the later purchase.
 */
export function checkTransactionIdCollisions(ctx: LoadedContext): CheckResult {
  const byId = new Map<string, number[]>();
  for (const r of purchases(ctx)) {
    const id = ctx.rows.purchase[r]!.transactionId!;
    let list = byId.get(id);
    if (!list) byId.set(id, (list = []));
    list.push(r);
  }
  const reused: number[] = []; // the later purchase of each colliding id
  const flagged: number[] = [];
  const detail = new Map<number, string>();
  for (const [id, rows] of byId) {
    const distinct = new Map<string, number>();
    for (const r of rows) if (!distinct.has(purchaseSignature(ctx, r))) distinct.set(purchaseSignature(ctx, r), r);
    if (distinct.size < 2) continue;
    const ordered = [...distinct.values()].sort((a, b) => ctx.rows.ts[a]! - ctx.rows.ts[b]!);
    const last = ordered[ordered.length - 1]!;
    reused.push(last);
    flagged.push(...ordered);
    detail.set(
      last,
      `${id}: ${ordered.map((r) => `${ctx.rows.clientId[r] ?? "(no client)"} ${ctx.raw.columns.timestamp[r]} $${ctx.rows.purchase[r]!.revenue}`).join(" vs ")}`,
    );
  }
  return {
    findings: findingsByFile(ctx, reused, "TRANSACTION_ID_COLLISION", "critical", (r) => detail.get(r) ?? "", (c) =>
      `${c} transaction ${c === 1 ? "id is" : "ids are"} shared by different purchases (different client, time or amount); both are kept as orders and flagged for reconciliation.`,
    ),
    flagged,
  };
}

/** Revenue differs from the sum of item price x quantity by more than a cent, or items lack a price/quantity. */
export function checkRevenueItemsMismatch(ctx: LoadedContext): CheckResult {
  const rows: number[] = [];
  const detail = new Map<number, string>();
  for (const r of purchases(ctx)) {
    const p = ctx.rows.purchase[r]!;
    const valid = p.items.filter((it) => it.item_id !== null);
    const unpriced = valid.filter((it) => it.item_price === null || it.quantity === null).length;
    const sum = valid.reduce((s, it) => s + (it.item_price ?? 0) * (it.quantity ?? 0), 0);
    if (unpriced > 0 || Math.abs(Math.round(sum * 100) - Math.round((p.revenue ?? 0) * 100)) > 1) {
      rows.push(r);
      detail.set(r, `${p.transactionId}: revenue ${p.revenue} vs items ${sum.toFixed(2)}${unpriced ? ` (${unpriced} items without price or quantity)` : ""}`);
    }
  }
  return {
    findings: findingsByFile(ctx, rows, "REVENUE_ITEMS_MISMATCH", "warning", (r) => detail.get(r) ?? "", (c) =>
      `${c} ${c === 1 ? "purchase has revenue that differs from the sum of its" : "purchases have revenue that differs from the sum of their"} items' price x quantity; the order's revenue stands.`,
    ),
    flagged: rows,
  };
}

/**
 * Purchases with an item quantity or price that is not a usable number (not finite, negative or
 * above MAX_ITEM_QUANTITY / MAX_ITEM_PRICE): normalize read those values as missing, so the order
 * is kept with its revenue (as for an item without a price) and flagged; count = purchases.
 */
export function checkInvalidItemValues(ctx: LoadedContext): CheckResult {
  const rows: number[] = [];
  for (const r of purchases(ctx)) if (ctx.rows.purchase[r]!.droppedItemValues > 0) rows.push(r);
  return {
    findings: findingsByFile(
      ctx,
      rows,
      "INVALID_ITEM_VALUE",
      "warning",
      (r) => {
        const p = ctx.rows.purchase[r]!;
        const more = p.droppedItemValues - 1;
        return `${p.transactionId}: ${p.droppedItemDetail}${more > 0 ? ` (and ${more} more)` : ""}`;
      },
      (c) =>
        `${c} ${c === 1 ? "purchase has" : "purchases have"} an item quantity or price that is not a usable number (not finite, negative or above its ceiling); those values were dropped (read as missing) and the order's revenue stands.`,
    ),
    flagged: rows,
  };
}

/** Revenue above Q3 + 3 x IQR of the run's purchases and above 5x the median: kept, flagged. */
export function checkRevenueOutliers(ctx: LoadedContext): CheckResult & { threshold: number | null } {
  const rows = purchases(ctx);
  const values = rows.map((r) => ctx.rows.purchase[r]!.revenue ?? 0).filter((v) => v > 0).sort((a, b) => a - b);
  if (values.length < 8) return { findings: [], threshold: null };
  const q1 = quantile(values, 0.25);
  const q3 = quantile(values, 0.75);
  const threshold = Math.max(q3 + 3 * (q3 - q1), 5 * quantile(values, 0.5));
  const outliers = rows.filter((r) => (ctx.rows.purchase[r]!.revenue ?? 0) > threshold);
  return {
    findings: findingsByFile(
      ctx,
      outliers,
      "REVENUE_OUTLIER",
      "warning",
      (r) => `${ctx.rows.purchase[r]!.transactionId}: $${ctx.rows.purchase[r]!.revenue}`,
      (c) => `${c} ${c === 1 ? "purchase exceeds" : "purchases exceed"} the outlier threshold of $${threshold.toFixed(2)} (Q3 + 3 x IQR, at least 5x the median); kept, check before reporting.`,
    ),
    flagged: outliers,
    threshold,
  };
}

/** Share of loaded rows without a referrer, per file (information: direct traffic is normal). */
export function checkNullReferrer(ctx: LoadedContext): CheckResult {
  const stats = ctx.files.map(() => ({ loaded: 0, nulls: 0, first: -1 }));
  for (const r of ctx.loaded) {
    const s = stats[ctx.raw.fileIndex[r]!]!;
    s.loaded++;
    if (!ctx.raw.columns.referrer[r]) {
      s.nulls++;
      if (s.first < 0) s.first = r;
    }
  }
  const findings: Finding[] = [];
  stats.forEach((s, f) => {
    const file = ctx.files[f]!;
    if (s.nulls === 0 || file.missingColumns.includes("referrer")) return;
    findings.push({
      code: "NULL_REFERRER",
      severity: "info",
      file: file.name,
      day: file.day,
      count: s.nulls,
      message: `${s.nulls} of ${s.loaded} loaded rows (${pct(s.nulls / Math.max(s.loaded, 1))}) have an empty referrer (direct, or not tracked).`,
      examples: s.first >= 0 ? [example(ctx, s.first, ctx.raw.columns.page_url[s.first] ?? "")] : [],
    });
  });
  return { findings };
}
