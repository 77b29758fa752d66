/**
 * Persists a PipelineResult. `createRun` records a run as queued/running; `saveRunResult` writes
 * every table of the run and marks it succeeded in ONE transaction, so a failure part-way leaves
 * the previous run as the current one; `failRun` records the error.
 */
import type { ColumnTable } from "arquero";
import type { PipelineResult } from "@/lib/pipeline";
import type { Sqlite } from "./sqlite";
import { col } from "@/lib/pipeline/table";

export type RunTrigger = "cli" | "upload" | "demo" | "rerun";

export function createRun(db: Sqlite, trigger: RunTrigger, status: "queued" | "running" = "running"): number {
  const info = db
    .prepare(`INSERT INTO "Run" ("status", "trigger", "startedAtMs", "createdAt") VALUES (?, ?, ?, ?)`)
    .run(status, trigger, status === "running" ? Date.now() : null, new Date().toISOString());
  return Number(info.lastInsertRowid);
}

export function updateRunProgress(db: Sqlite, runId: number, stage: string, progress: number): void {
  db.prepare(`UPDATE "Run" SET "stage" = ?, "progress" = ? WHERE "id" = ?`).run(stage, progress, runId);
}

export function failRun(db: Sqlite, runId: number, error: string): void {
  db.prepare(`UPDATE "Run" SET "status" = 'failed', "error" = ?, "finishedAtMs" = ? WHERE "id" = ?`).run(error, Date.now(), runId);
}

/** The report stored as JSON on the run: the parts of the result that pages show as they are. */
export function runReport(result: PipelineResult) {
  return {
    gaps: result.gaps,
    daily: result.daily,
    revenueOutlierThreshold: result.quality.revenueOutlierThreshold,
    storeDomain: result.storeDomain,
    sessionTimeoutMinutes: result.sessionTimeoutMinutes,
    noClientEvents: result.noClientEvents,
    journeys: result.journeys,
  };
}
export type RunReport = ReturnType<typeof runReport>;

/** Hook for tests: called after each table is written, to prove a failure mid-way rolls everything back. */
export interface SaveHooks {
  afterTable?: (table: string) => void;
  /** Runs inside the save transaction before it commits; throwing aborts the save (the lease fence). */
  beforeCommit?: () => void;
}

type Value = string | number | null;

const SAVE_CACHE_KIB = 65_536;

/** Rows per INSERT statement: multi-row inserts cut the per-statement cost several times over. */
const BATCH = 100;

/**
 * Inserts every row of an Arquero table; `mapping` gives each database column its source column.
 * Values are read straight from the column arrays (no per-cell getter or closure): on a million
 * events the binding into SQLite is then most of the cost.
 */
export function insertTable(db: Sqlite, runId: number, table: string, source: ColumnTable, mapping: Record<string, string>): void {
  const columns = Object.keys(mapping);
  const head = `INSERT INTO "${table}" ("runId",${columns.map((c) => `"${c}"`).join(",")}) VALUES `;
  const tuple = `(?${",?".repeat(columns.length)})`;
  const one = db.prepare(head + tuple);
  const many = db.prepare(head + Array.from({ length: BATCH }, () => tuple).join(","));
  const arrays = columns.map((c) => col<unknown>(source, mapping[c]!));
  const width = columns.length + 1;
  const fill = (values: Value[], offset: number, r: number) => {
    values[offset] = runId;
    for (let c = 0; c < arrays.length; c++) {
      const v = arrays[c]![r];
      values[offset + c + 1] = typeof v === "string" ? v : normalizeValue(v);
    }
  };
  const n = source.numRows();
  const batchValues = new Array<Value>(width * BATCH);
  let r = 0;
  for (; r + BATCH <= n; r += BATCH) {
    for (let k = 0; k < BATCH; k++) fill(batchValues, k * width, r + k);
    many.run(batchValues);
  }
  const single = new Array<Value>(width);
  for (; r < n; r++) {
    fill(single, 0, r);
    one.run(single);
  }
}

function normalizeValue(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  return String(v);
}

function insertObjects<T extends object>(db: Sqlite, runId: number, table: string, rows: T[], mapping: Record<string, (row: T) => Value>): void {
  const columns = Object.keys(mapping);
  const stmt = db.prepare(`INSERT INTO "${table}" ("runId",${columns.map((c) => `"${c}"`).join(",")}) VALUES (?${",?".repeat(columns.length)})`);
  for (const row of rows) stmt.run(runId, ...columns.map((c) => normalizeValue(mapping[c]!(row))));
}

/**
 * Writes the run in one transaction. The stored timings carry the save up to its last statement
 * (the commit follows); the returned duration includes the commit.
 * @returns the save's duration in ms
 */
export function saveRunResult(db: Sqlite, runId: number, result: PipelineResult, hooks: SaveHooks = {}): number {
  const start = performance.now();
  const acc = result.quality.accounting;
  const done = (table: string) => hooks.afterTable?.(table);
  const write = db.transaction(() => {
    insertObjects(db, runId, "SourceFile", result.quality.files.map((q, i) => ({ q, bytes: result.files[i]!.bytes })), {
      name: ({ q }) => q.file, day: ({ q }) => q.day, rows: ({ q }) => q.inputRows, bytes: ({ bytes }) => bytes, headerVariant: ({ q }) => q.headerVariant,
      missingColumns: ({ q }) => JSON.stringify(q.missingColumns), loadedRows: ({ q }) => q.loadedRows, quarantinedRows: ({ q }) => q.quarantinedRows,
      duplicateRows: ({ q }) => q.duplicateRows, nullClientIdRows: ({ q }) => q.nullClientIdRows, nullClientIdRate: ({ q }) => q.nullClientIdRate,
      nullReferrerRate: ({ q }) => q.nullReferrerRate, cleanRows: ({ q }) => q.cleanRows, score: ({ q }) => q.score,
    });
    done("SourceFile");
    insertObjects(db, runId, "Finding", result.quality.findings, {
      code: (f) => f.code, severity: (f) => f.severity, file: (f) => f.file, day: (f) => f.day, count: (f) => f.count, message: (f) => f.message, examplesJson: (f) => JSON.stringify(f.examples),
    });
    done("Finding");
    insertObjects(db, runId, "QuarantinedRow", result.quarantined, {
      file: (q) => q.file, line: (q) => q.line, reason: (q) => q.reason, detail: (q) => q.detail, valuesJson: (q) => JSON.stringify(q.values),
    });
    done("QuarantinedRow");
    insertTable(db, runId, "Event", result.events, {
      eventId: "event_id", file: "file", line: "line", clientId: "client_id", sessionId: "session_id", tsMs: "ts", eventDate: "event_date", eventName: "event_name",
      pageUrl: "page_url", pagePath: "page_path", referrer: "referrer", referrerDomain: "referrer_domain", deviceType: "device_type", os: "os", browser: "browser",
      transactionId: "transaction_id", revenue: "revenue", itemsJson: "items",
    });
    done("Event");
    insertTable(db, runId, "Session", result.sessions, {
      sessionId: "session_id", clientId: "client_id", sessionNumber: "session_number", startMs: "start_ts", endMs: "end_ts", startDate: "start_date",
      durationSec: "duration_sec", eventCount: "event_count", pageViews: "page_views", landingPage: "landing_page", landingPath: "landing_path", channel: "channel",
      deviceType: "device_type", os: "os", browser: "browser", hasProductView: "has_product_view", hasAddToCart: "has_add_to_cart",
      hasCheckoutStarted: "has_checkout_started", hasPurchase: "has_purchase", isReturning: "is_returning",
    });
    done("Session");
    insertTable(db, runId, "Order", result.orders, {
      orderId: "order_id", transactionId: "transaction_id", clientId: "client_id", sessionId: "session_id", sessionNumber: "session_number", clientFirstSeenMs: "client_first_seen", tsMs: "ts", orderDate: "order_date",
      revenueCents: "revenue_cents", itemCount: "item_count", units: "units", collision: "collision", itemsMismatch: "items_mismatch", replays: "replays",
    });
    insertTable(db, runId, "OrderItem", result.orderItems, {
      orderId: "order_id", itemId: "item_id", itemName: "item_name", itemVariant: "item_variant", quantity: "quantity", itemPrice: "item_price", lineRevenue: "line_revenue",
    });
    insertTable(db, runId, "Client", result.clients, {
      clientId: "client_id", firstSeenMs: "first_seen", lastSeenMs: "last_seen", sessions: "sessions", orders: "orders", revenue: "revenue", isReturning: "is_returning",
    });
    done("Order");
    insertTable(db, runId, "AttributionCredit", result.credits, {
      orderId: "order_id", model: "model", lookbackDays: "lookback_days", touchIndex: "touch_index", sessionId: "session_id", channel: "channel", credit: "credit", revenueCents: "revenue_cents",
    });
    done("AttributionCredit");
    insertObjects(db, runId, "ChannelPerformance", result.channelPerformance, {
      model: (c) => c.model, lookbackDays: (c) => c.lookback_days, channel: (c) => c.channel, sessions: (c) => c.sessions, orders: (c) => c.orders, revenue: (c) => c.revenue,
      conversionRate: (c) => c.conversion_rate, aov: (c) => c.aov, revenuePerSession: (c) => c.revenue_per_session,
    });
    insertObjects(db, runId, "FunnelStep", result.funnel, {
      dimension: (f) => f.dimension, value: (f) => f.value, sessions: (f) => f.sessions, productView: (f) => f.product_view, addToCart: (f) => f.add_to_cart,
      checkoutStarted: (f) => f.checkout_started, purchased: (f) => f.purchased,
    });
    insertObjects(db, runId, "Engagement", result.engagement, {
      dimension: (e) => e.dimension, value: (e) => e.value, sessions: (e) => e.sessions, clients: (e) => e.clients, sessionsPerClient: (e) => e.sessions_per_client,
      pagesPerSession: (e) => e.pages_per_session, avgDurationSec: (e) => e.avg_duration_sec, bounceRate: (e) => e.bounce_rate, returningShare: (e) => e.returning_share,
    });
    insertObjects(db, runId, "DailyMetric", result.dailyMetrics, {
      day: (d) => d.day, events: (d) => d.events, sessions: (d) => d.sessions, orders: (d) => d.orders, revenue: (d) => d.revenue, conversionRate: (d) => d.conversion_rate,
      aov: (d) => d.aov, revenuePerSession: (d) => d.revenue_per_session, nullClientIdRate: (d) => d.null_client_id_rate, nullReferrerRate: (d) => d.null_referrer_rate,
      invalidPurchases: (d) => d.invalid_purchases, partial: (d) => (d.partial ? 1 : 0),
    });
    insertObjects(db, runId, "DailySegment", result.dailySegments, {
      day: (d) => d.day, dimension: (d) => d.dimension, value: (d) => d.value, sessions: (d) => d.sessions, orders: (d) => d.orders, revenue: (d) => d.revenue,
    });
    insertObjects(db, runId, "ValidationCheck", result.validation, { name: (v) => v.name, passed: (v) => (v.passed ? 1 : 0), detail: (v) => v.detail });
    done("gold");
    hooks.beforeCommit?.();

    db.prepare(
      `UPDATE "Run" SET "status"='succeeded', "stage"='done', "progress"=1, "finishedAtMs"=?, "inputRows"=?, "loadedRows"=?, "quarantinedRows"=?, "duplicateRows"=?, "timingsJson"=?, "reportJson"=?, "monitoringStatus"=?, "monitoringJson"=? WHERE "id"=?`,
    ).run(Date.now(), acc.inputRows, acc.loadedRows, acc.quarantinedRows, acc.duplicateRows, JSON.stringify({ ...result.timingsMs, save: Math.round(performance.now() - start) }), JSON.stringify(runReport(result)), result.monitoring.status, JSON.stringify(result.monitoring), runId);
  });
  // A run writes hundreds of megabytes: a 64 MiB page cache (SQLite's default is 2 MiB) keeps the
  // B-tree pages being appended to in memory instead of re-reading them from the WAL.
  const cacheSize = db.pragma("cache_size", { simple: true }) as number;
  db.pragma(`cache_size = -${SAVE_CACHE_KIB}`);
  try {
    write();
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
  return Math.round((performance.now() - start) * 10) / 10;
}
