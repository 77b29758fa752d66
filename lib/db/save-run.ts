/**
 * Persists a PipelineResult. `createRun` records a run as queued/running; `saveRunResult` publishes
 * it: in ONE transaction it replaces the data set's tables with the run's and marks it succeeded,
 * so a failure part-way leaves the previous run current. The data set is stored once: the data
 * tables hold only the published run's rows; every run keeps its own record (files, findings,
 * validation checks, report and monitoring JSON). A run whose validation fails is recorded with
 * its checks and rejected (`RunRejected`), never published. `failRun` records an error.
 */
import type { ColumnTable } from "arquero";
import type { PipelineResult } from "@/lib/pipeline";
import { normalizeValue, type Sqlite, type Value } from "./sqlite";
import { col } from "@/lib/pipeline/table";
import { EventValueError, insertEventChunks } from "./event-chunks";

export type RunTrigger = "cli" | "upload" | "demo" | "rerun";

/** What a run did to the data set (stored on the run, shown on the Runs page and in the JSON summary). */
export interface RunMeta {
  mode: "full" | "incremental";
  partitionsAdded: number;
  partitionsReplaced: number;
  partitionsRemoved: number;
  recomputedDays: string[];
  /** The partitions the run read: the next run diffs against them. */
  partitions: { name: string; hash: string; day: string | null }[];
}

/** A full run over the given partitions with no diff information (tests and the bench). */
export function fullRunMeta(result: PipelineResult): RunMeta {
  return { mode: "full", partitionsAdded: 0, partitionsReplaced: 0, partitionsRemoved: 0, recomputedDays: result.dailyMetrics.map((d) => d.day), partitions: [] };
}

/** The run's validation failed: it was recorded with its checks and not published. */
export class RunRejected extends Error {
  override name = "RunRejected";
  constructor(readonly failed: { name: string; detail: string }[], total: number) {
    super(
      `Validation failed (${failed.length} of ${total} checks: ${failed.map((f) => f.name).join(", ")}); this run was not published and the previous results stay current.`,
    );
  }
}

/** Tables that hold the data set (only the published run's rows are kept). */
export const DATA_TABLES = ["EventChunk", "Session", "Order", "OrderItem", "Client", "AttributionCredit", "PersonCredit", "QuarantinedRow", "ChannelPerformance", "FunnelStep", "Engagement", "DailyMetric", "DailySegment"] as const;

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
    ownDomains: result.ownDomains,
    sessionTimeoutMinutes: result.sessionTimeoutMinutes,
    noClientEvents: result.noClientEvents,
    journeys: result.journeys,
    bots: result.bots,
    tagging: result.tagging,
    intervals: result.intervals,
    identity: result.identity,
    attributionByPerson: { byModel: result.attributionByPerson.byModel, changedOrders: result.attributionByPerson.changedOrders },
  };
}
export type RunReport = ReturnType<typeof runReport>;

/**
 * What the record of a run that is no longer published drops (at the publish of the next one):
 * the parts of its report and monitoring JSON that copy its result (daily series, gap histogram,
 * journeys, intervals, per-person credit, robot counts, the scored daily metrics) and the example
 * rows of its findings. It keeps what makes it a record: status, trigger, mode and partition
 * changes, timings, accounting, settings, its findings (code, file, day, count, message), its
 * validation checks and its monitoring checks and status. So the run history grows by a few
 * kilobytes per run, not by a copy of the data set's series per run.
 */
export const SUPERSEDED_REPORT_KEYS = ["gaps", "daily", "journeys", "bots", "intervals", "attributionByPerson"] as const;
export const SUPERSEDED_MONITORING_KEYS = ["series"] as const;

function compactSupersededRuns(db: Sqlite, publishedId: number): void {
  const has = (column: string, keys: readonly string[]) => keys.map((k) => `json_type("${column}", '$.${k}') IS NOT NULL`);
  const ids = db
    .prepare(`SELECT "id" FROM "Run" WHERE "id" <> ? AND (${[...has("reportJson", SUPERSEDED_REPORT_KEYS), ...has("monitoringJson", SUPERSEDED_MONITORING_KEYS)].join(" OR ")})`)
    .pluck()
    .all(publishedId) as number[];
  const paths = (keys: readonly string[]) => keys.map((k) => `'$.${k}'`).join(", ");
  const record = db.prepare(`UPDATE "Run" SET "reportJson" = json_remove("reportJson", ${paths(SUPERSEDED_REPORT_KEYS)}), "monitoringJson" = json_remove("monitoringJson", ${paths(SUPERSEDED_MONITORING_KEYS)}) WHERE "id" = ?`);
  const examples = db.prepare(`UPDATE "Finding" SET "examplesJson" = '[]' WHERE "runId" = ? AND "examplesJson" <> '[]'`);
  for (const id of ids) {
    record.run(id);
    examples.run(id);
  }
}

/** Hook for tests: called after each table is written, to prove a failure mid-way rolls everything back. */
export interface SaveHooks {
  /** Called with each data table's name once written (`gold` for the small aggregate tables), then with `indexes` once the dropped indexes are rebuilt. */
  afterTable?: (table: string) => void;
  /** Runs inside the save transaction before it commits; throwing aborts the save (the lease fence). */
  beforeCommit?: () => void;
}

const SAVE_CACHE_KIB = 65_536;

/** Rows per INSERT statement: multi-row inserts cut the per-statement cost several times over. */
const BATCH = 100;

/** How a column's values become SQLite values: a typed array of integers as they are, of floats with NaN/±Infinity as null, anything else by `normalizeValue`. */
type ColumnKind = "int" | "float" | "any";

function columnKind(values: ArrayLike<unknown>): ColumnKind {
  if (values instanceof Float64Array || values instanceof Float32Array) return "float";
  if (ArrayBuffer.isView(values) && !(values instanceof BigInt64Array || values instanceof BigUint64Array)) return "int";
  return "any";
}

/** Columns of `table` that a column left out of an INSERT leaves NULL: nullable and without a default. */
function nullDefaultColumns(db: Sqlite, table: string): Set<string> {
  const info = db.prepare(`SELECT "name", "notnull", "dflt_value" FROM pragma_table_info(?)`).all(table) as { name: string; notnull: number; dflt_value: string | null }[];
  return new Set(info.filter((c) => c.notnull === 0 && c.dflt_value === null).map((c) => c.name));
}

function allNull(values: ArrayLike<unknown>, kind: ColumnKind): boolean {
  if (kind !== "any") return false;
  for (let i = 0; i < values.length; i++) if (normalizeValue(values[i]) !== null) return false;
  return true;
}

/**
 * Inserts every row of an Arquero table; `mapping` gives each database column its source column.
 * Values are read straight from the column arrays, column by column (one conversion per column
 * kind, not a type test per value), and handed to SQLite as the statement's arguments
 * (`run(...values)`): better-sqlite3 then reads each off the call instead of through an array
 * lookup, a third of the binding cost on a million events. A column that is NULL in every row,
 * and that a column left out leaves NULL, is not bound at all.
 */
export function insertTable(db: Sqlite, runId: number, table: string, source: ColumnTable, mapping: Record<string, string>, where?: (row: number) => string): void {
  const n = source.numRows();
  if (n === 0) return;
  const omittable = nullDefaultColumns(db, table);
  const columns = Object.keys(mapping)
    .map((name) => {
      const values = col<unknown>(source, mapping[name]!);
      return { name, values, kind: columnKind(values) };
    })
    .filter((c) => !(omittable.has(c.name) && allNull(c.values, c.kind)));
  const head = `INSERT INTO "${table}" ("runId"${columns.map((c) => `,"${c.name}"`).join("")}) VALUES `;
  const tuple = `(?${",?".repeat(columns.length)})`;
  const width = columns.length + 1;
  /** Writes rows from..from+rows-1 into `values`, row after row. */
  const fill = (values: Value[], from: number, rows: number) => {
    for (let k = 0; k < rows; k++) values[k * width] = runId;
    for (let c = 0; c < columns.length; c++) {
      const { values: source, kind } = columns[c]!;
      const end = from + rows;
      let at = c + 1;
      if (kind === "int") {
        for (let r = from; r < end; r++, at += width) values[at] = source[r] as number;
      } else if (kind === "float") {
        for (let r = from; r < end; r++, at += width) {
          const v = source[r] as number;
          values[at] = v - v === 0 ? v : null; // NaN and ±Infinity give NaN
        }
      } else {
        for (let r = from; r < end; r++, at += width) {
          const v = source[r];
          values[at] = typeof v === "string" ? v : normalizeValue(v);
        }
      }
    }
  };
  const one = db.prepare(head + tuple);
  const single: Value[] = Array.from({ length: width }, () => null);
  const runOne = (row: number) => {
    fill(single, row, 1);
    try {
      one.run(...single);
    } catch (e) {
      throw new SaveError(table, where ? where(row) : `row ${row + 1}`, e);
    }
  };
  let r = 0;
  if (n >= BATCH) {
    const many = db.prepare(head + Array.from({ length: BATCH }, () => tuple).join(","));
    const batch: Value[] = Array.from({ length: width * BATCH }, () => null);
    for (; r + BATCH <= n; r += BATCH) {
      fill(batch, r, BATCH);
      try {
        many.run(...batch);
      } catch (e) {
        // Find the row that failed (the batch was not written), to name it in the message.
        for (let k = 0; k < BATCH; k++) runOne(r + k);
        throw e;
      }
    }
  }
  for (; r < n; r++) runOne(r);
}

/** A value the database refused, named by where it came from (file and line when known). */
export class SaveError extends Error {
  override name = "SaveError";
  constructor(table: string, where: string, cause: unknown) {
    super(`Could not store a ${table} row from ${where}: ${cause instanceof Error ? cause.message : String(cause)}. Nothing was published; the previous results stay current.`);
  }
}

/** "file line N" of an event row, for messages about rows derived from it. */
function eventLineage(events: ColumnTable): (eventId: number) => string {
  const ids = col<number>(events, "event_id");
  const files = col<string>(events, "file");
  const lines = col<number>(events, "line");
  let index: Map<number, number> | null = null;
  return (eventId) => {
    index ??= new Map(Array.from(ids, (id, i) => [id, i]));
    const i = index.get(eventId);
    return i === undefined ? `event ${eventId}` : `${files[i]} line ${lines[i]}`;
  };
}

function insertObjects<T extends object>(db: Sqlite, runId: number, table: string, rows: T[], mapping: Record<string, (row: T) => Value>): void {
  const columns = Object.keys(mapping);
  const stmt = db.prepare(`INSERT INTO "${table}" ("runId",${columns.map((c) => `"${c}"`).join(",")}) VALUES (?${",?".repeat(columns.length)})`);
  for (const row of rows) stmt.run(runId, ...columns.map((c) => normalizeValue(mapping[c]!(row))));
}

/** Records a run's files, findings and validation checks (its own record, kept for every run). */
function insertRunRecord(db: Sqlite, runId: number, result: PipelineResult): void {
  insertObjects(db, runId, "SourceFile", result.quality.files.map((q, i) => ({ q, bytes: result.files[i]!.bytes })), {
    name: ({ q }) => q.file, day: ({ q }) => q.day, rows: ({ q }) => q.inputRows, bytes: ({ bytes }) => bytes, headerVariant: ({ q }) => q.headerVariant,
    missingColumns: ({ q }) => JSON.stringify(q.missingColumns), loadedRows: ({ q }) => q.loadedRows, quarantinedRows: ({ q }) => q.quarantinedRows,
    duplicateRows: ({ q }) => q.duplicateRows, nullClientIdRows: ({ q }) => q.nullClientIdRows, nullClientIdRate: ({ q }) => q.nullClientIdRate,
    nullReferrerRate: ({ q }) => q.nullReferrerRate, cleanRows: ({ q }) => q.cleanRows, score: ({ q }) => q.score,
  });
  insertObjects(db, runId, "Finding", result.quality.findings, {
    code: (f) => f.code, severity: (f) => f.severity, file: (f) => f.file, day: (f) => f.day, count: (f) => f.count, message: (f) => f.message, examplesJson: (f) => JSON.stringify(f.examples),
  });
  insertObjects(db, runId, "ValidationCheck", result.validation, { name: (v) => v.name, passed: (v) => (v.passed ? 1 : 0), detail: (v) => v.detail });
}

function updateRunRecord(db: Sqlite, runId: number, result: PipelineResult, meta: RunMeta, status: "succeeded" | "failed", error: string | null, saveMs: number): void {
  const acc = result.quality.accounting;
  db.prepare(
    `UPDATE "Run" SET "status"=?, "error"=?, "stage"='done', "progress"=1, "finishedAtMs"=?, "inputRows"=?, "loadedRows"=?, "quarantinedRows"=?, "duplicateRows"=?, "timingsJson"=?, "reportJson"=?, "monitoringStatus"=?, "monitoringJson"=?,
      "mode"=?, "partitionsAdded"=?, "partitionsReplaced"=?, "partitionsRemoved"=?, "recomputedDaysJson"=?, "partitionsJson"=? WHERE "id"=?`,
  ).run(
    status, error, Date.now(), acc.inputRows, acc.loadedRows, acc.quarantinedRows, acc.duplicateRows, JSON.stringify({ ...result.timingsMs, save: Math.round(saveMs) }), JSON.stringify(runReport(result)),
    status === "succeeded" ? result.monitoring.status : null, JSON.stringify(result.monitoring),
    meta.mode, meta.partitionsAdded, meta.partitionsReplaced, meta.partitionsRemoved, JSON.stringify(meta.recomputedDays), JSON.stringify(meta.partitions), runId,
  );
}

/**
 * The data tables' indexes that the save drops before its inserts and creates again after them,
 * exactly as the migrations define them: read from sqlite_master, so the CREATE statements are the
 * ones SQLite stored when the migrations ran. Building an index once over a finished table is
 * cheaper than updating it row by row (most of all for an index whose key is not in insert order,
 * such as the credits' model/window/order index). Unique indexes stay: they check each row as it
 * is inserted, so a duplicate is refused and named by its row.
 */
function bulkIndexes(db: Sqlite): { name: string; sql: string }[] {
  return db
    .prepare(`SELECT "name", "sql" FROM sqlite_master WHERE "type" = 'index' AND "sql" IS NOT NULL AND "sql" NOT LIKE 'CREATE UNIQUE %' AND "tbl_name" IN (${DATA_TABLES.map(() => "?").join(",")}) ORDER BY "name"`)
    .all(...DATA_TABLES) as { name: string; sql: string }[];
}

/**
 * Publishes the run in one transaction: the data tables' secondary indexes are dropped, the
 * previous data rows go, the run's rows come, the indexes are built again from the definitions
 * read before (`bulkIndexes`), the run is marked succeeded. The stored timings carry the save up to its last statement (the commit
 * follows); the returned duration includes the commit. A run whose validation fails is recorded
 * (files, findings, checks, report) in its own transaction and `RunRejected` is thrown.
 * @returns the save's duration in ms
 */
export function saveRunResult(db: Sqlite, runId: number, result: PipelineResult, hooks: SaveHooks = {}, meta: RunMeta = fullRunMeta(result)): number {
  const start = performance.now();
  const failed = result.validation.filter((v) => !v.passed);
  if (failed.length > 0) {
    const error = new RunRejected(failed, result.validation.length);
    db.transaction(() => {
      insertRunRecord(db, runId, result);
      hooks.beforeCommit?.();
      updateRunRecord(db, runId, result, meta, "failed", error.message, performance.now() - start);
    }).immediate();
    throw error;
  }
  const done = (table: string) => hooks.afterTable?.(table);
  const lineage = eventLineage(result.events);
  const orderIds = col<number>(result.orders, "event_id");
  const write = db.transaction(() => {
    // DDL is transactional in SQLite: a failure part-way restores the indexes with the rows.
    const indexes = bulkIndexes(db);
    for (const index of indexes) db.prepare(`DROP INDEX "${index.name}"`).run();
    for (const table of DATA_TABLES) db.prepare(`DELETE FROM "${table}"`).run();
    insertRunRecord(db, runId, result);
    done("SourceFile");
    insertObjects(db, runId, "QuarantinedRow", result.quarantined, {
      file: (q) => q.file, line: (q) => q.line, reason: (q) => q.reason, detail: (q) => q.detail, valuesJson: (q) => JSON.stringify(q.values),
    });
    done("QuarantinedRow");
    const eventFiles = col<string>(result.events, "file");
    const eventLines = col<number>(result.events, "line");
    try {
      insertEventChunks(db, runId, result.events);
    } catch (e) {
      if (e instanceof EventValueError) throw new SaveError("Event", `${eventFiles[e.row]} line ${eventLines[e.row]}`, e);
      throw e;
    }
    done("EventChunk");
    insertTable(db, runId, "Session", result.sessions, {
      sessionId: "session_id", clientId: "client_id", sessionNumber: "session_number", startMs: "start_ts", endMs: "end_ts", startDate: "start_date",
      durationSec: "duration_sec", eventCount: "event_count", pageViews: "page_views", landingPage: "landing_page", landingPath: "landing_path", source: "source", medium: "medium", campaign: "campaign", channel: "channel",
      deviceType: "device_type", os: "os", browser: "browser", botFamily: "bot_family", hasProductView: "has_product_view", hasAddToCart: "has_add_to_cart",
      hasCheckoutStarted: "has_checkout_started", hasPurchase: "has_purchase", isReturning: "is_returning",
    });
    done("Session");
    insertTable(db, runId, "Order", result.orders, {
      orderId: "order_id", transactionId: "transaction_id", clientId: "client_id", sessionId: "session_id", sessionNumber: "session_number", clientFirstSeenMs: "client_first_seen", tsMs: "ts", orderDate: "order_date",
      revenueCents: "revenue_cents", itemCount: "item_count", units: "units", collision: "collision", itemsMismatch: "items_mismatch", replays: "replays", botAgent: "bot_agent",
      personId: "person_id", personDevices: "person_devices", personSessionNumber: "person_session_number", personFirstSeenMs: "person_first_seen",
    }, (r) => lineage(orderIds[r]!));
    done("Order");
    insertTable(db, runId, "OrderItem", result.orderItems, {
      orderId: "order_id", itemId: "item_id", itemName: "item_name", itemVariant: "item_variant", quantity: "quantity", itemPrice: "item_price", lineRevenue: "line_revenue",
      revenueCents: "revenue_cents", revenueEstimated: "revenue_estimated",
    });
    done("OrderItem");
    insertTable(db, runId, "Client", result.clients, {
      clientId: "client_id", firstSeenMs: "first_seen", lastSeenMs: "last_seen", sessions: "sessions", orders: "orders", revenue: "revenue", isReturning: "is_returning", personId: "person_id",
    });
    done("Client");
    insertTable(db, runId, "AttributionCredit", result.credits, {
      orderId: "order_id", model: "model", lookbackDays: "lookback_days", touchIndex: "touch_index", sessionId: "session_id", channel: "channel", credit: "credit", revenueCents: "revenue_cents",
    });
    done("AttributionCredit");
    insertTable(db, runId, "PersonCredit", result.attributionByPerson.orderCredits, {
      orderId: "order_id", model: "model", lookbackDays: "lookback_days", channel: "channel", credit: "credit", revenueCents: "revenue_cents",
    });
    done("PersonCredit");
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
      invalidPurchases: (d) => d.invalid_purchases, botSessions: (d) => d.bot_sessions, partial: (d) => (d.partial ? 1 : 0),
    });
    insertObjects(db, runId, "DailySegment", result.dailySegments, {
      day: (d) => d.day, dimension: (d) => d.dimension, value: (d) => d.value, sessions: (d) => d.sessions, orders: (d) => d.orders, revenue: (d) => d.revenue,
    });
    done("gold");
    // Each partition's row counts as this run read them (the Runs page lists the data set's days).
    const setRows = db.prepare(`UPDATE "Partition" SET "rows" = ?, "loadedRows" = ? WHERE "name" = ?`);
    for (const f of result.quality.files) setRows.run(f.inputRows, f.loadedRows, f.file);
    for (const index of indexes) db.prepare(index.sql).run();
    done("indexes");
    compactSupersededRuns(db, runId);
    hooks.beforeCommit?.();
    updateRunRecord(db, runId, result, meta, "succeeded", null, performance.now() - start);
  });
  // A run writes hundreds of megabytes: a 64 MiB page cache (SQLite's default is 2 MiB) keeps the
  // B-tree pages being appended to in memory instead of re-reading them from the WAL.
  // With foreign keys enforced SQLite deletes a child table row by row (updating every index);
  // without, `DELETE FROM t` drops its pages at once. The data tables are only children of Run and
  // every row written here carries the run's own id, so nothing is left unchecked that could break.
  const cacheSize = db.pragma("cache_size", { simple: true }) as number;
  const foreignKeys = db.pragma("foreign_keys", { simple: true }) as number;
  db.pragma(`cache_size = -${SAVE_CACHE_KIB}`);
  db.pragma("foreign_keys = OFF");
  try {
    write.immediate();
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`foreign_keys = ${foreignKeys ? "ON" : "OFF"}`);
  }
  return Math.round((performance.now() - start) * 10) / 10;
}
