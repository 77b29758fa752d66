/**
 * Every silver and gold table a run can be exported as, with stable CSV column names and their
 * descriptions. One registry serves the command line (`--out`), the Data page and its downloads.
 * Rows stream from SQLite (`iterate`), so a 1M-row table never sits in memory; the events, stored
 * in compressed chunks, stream chunk by chunk (`lib/db/event-chunks.ts`). Table and column names
 * below are constants of this module; the run id is always a bound parameter.
 */
import { MODELS } from "@/lib/pipeline/constants";
import { countEvents, eventRows } from "./event-chunks";
import type { Sqlite } from "./sqlite";

export interface ExportColumn {
  /** CSV header (stable). */
  name: string;
  /** SQL expression over the table (a quoted column, or a small derivation); none for a table with its own `reader`. */
  sql?: string;
  description: string;
}

export interface ExportTable {
  name: string;
  description: string;
  /** Table name, or `json:<constant FROM clause>` for tables read out of a run's JSON report. */
  from: string;
  /** Column holding the run id (default "runId"). */
  runColumn?: string;
  /** Extra filter (constant SQL) besides the run id. */
  where?: string;
  orderBy: string;
  columns: ExportColumn[];
  /** A table not read by SQL: counts and yields its rows itself, values in column order. */
  reader?: {
    count(db: Sqlite, runId: number): number;
    rows(db: Sqlite, runId: number, limit?: number): IterableIterator<unknown[]>;
  };
}

const c = (name: string, column: string, description: string): ExportColumn => ({ name, sql: `"${column}"`, description });
const cents = (name: string, column: string, description: string): ExportColumn => ({ name, sql: `ROUND("${column}" / 100.0, 2)`, description });
const e = (name: string, description: string): ExportColumn => ({ name, description });
const bool = (name: string, column: string, description: string): ExportColumn => ({ name, sql: `CASE WHEN "${column}" THEN 'true' ELSE 'false' END`, description });

/**
 * Tables with one row per event, session, client, order or quarantined row: they carry client
 * ids, full URLs and hashed emails, so only analysts may read them (lib/auth). The others are
 * aggregates anybody who may read the dashboards may download.
 */
export const ROW_LEVEL_TABLES: ReadonlySet<string> = new Set(["events", "sessions", "touchpoints", "orders", "order_items", "clients", "quarantined_rows", "person_credits", ...MODELS.map((m) => `attribution_${m}`)]);

export const EXPORT_TABLES: ExportTable[] = [
  // Stored in chunks (lib/db/event-chunks.ts): values as the former Event table's SQL gave them, in event id order.
  { name: "events", description: "Loaded events with lineage (file, line) and session id", from: "EventChunk", orderBy: "event id", reader: { count: countEvents, rows: eventRows }, columns: [
    e("event_id", "input row number in the run"), e("file", "source file"), e("line", "line in the source file"),
    e("client_id", "device id (empty when missing)"), e("session_id", "session (empty without client id)"),
    e("timestamp", "event time, UTC"), e("event_date", "UTC date of the event"),
    e("event_name", "canonical event name"), e("page_url", "page URL"), e("page_path", "URL path"), e("referrer", "referrer URL"),
    e("referrer_domain", "referrer host"), e("device_type", "mobile, tablet or desktop"), e("os", "operating system"), e("browser", "browser"),
    e("transaction_id", "purchase transaction id"), e("revenue", "purchase revenue"), e("items_json", "purchase items (JSON)"),
  ] },
  { name: "sessions", description: "One row per session (30-minute inactivity rule)", from: "Session", orderBy: `"id"`, columns: [
    c("session_id", "sessionId", "client id and start time"), c("client_id", "clientId", "device id"), c("session_number", "sessionNumber", "nth session of the client"),
    { name: "start", sql: `strftime('%Y-%m-%dT%H:%M:%fZ', "startMs" / 1000.0, 'unixepoch')`, description: "first event time, UTC" },
    { name: "end", sql: `strftime('%Y-%m-%dT%H:%M:%fZ', "endMs" / 1000.0, 'unixepoch')`, description: "last event time, UTC" },
    c("start_date", "startDate", "UTC date of the start"), c("duration_sec", "durationSec", "end - start, seconds"), c("event_count", "eventCount", "events"), c("page_views", "pageViews", "page views"),
    c("landing_page", "landingPage", "first page URL"), c("source", "source", "utm_source, else external referrer host (empty: none)"), c("medium", "medium", "utm_medium (empty: untagged)"), c("campaign", "campaign", "utm_campaign (empty: untagged)"), c("channel", "channel", "landing channel"), c("device_type", "deviceType", "device"), c("os", "os", "OS"), c("browser", "browser", "browser"),
    bool("has_product_view", "hasProductView", "viewed a /products/ page"), bool("has_add_to_cart", "hasAddToCart", "added to cart"), bool("has_checkout_started", "hasCheckoutStarted", "started checkout"),
    bool("has_purchase", "hasPurchase", "purchased"), bool("is_returning", "isReturning", "client had an earlier session"),
  ] },
  { name: "touchpoints", description: "One touch per session: its start time and channel", from: "Session", orderBy: `"id"`, columns: [
    c("session_id", "sessionId", "session"), c("client_id", "clientId", "device id"), { name: "touch_time", sql: `strftime('%Y-%m-%dT%H:%M:%fZ', "startMs" / 1000.0, 'unixepoch')`, description: "session start, UTC" }, c("channel", "channel", "channel"),
  ] },
  { name: "orders", description: "Orders from valid purchases (replays once, collisions kept and flagged)", from: "Order", orderBy: `"tsMs", "id"`, columns: [
    c("order_id", "orderId", "transaction id (#2 for a colliding second purchase)"), c("transaction_id", "transactionId", "transaction id as sent"), c("client_id", "clientId", "device id"),
    c("session_id", "sessionId", "session of the purchase"), c("session_number", "sessionNumber", "that session's number among the client's sessions (1 = first)"),
    { name: "client_first_visit", sql: `strftime('%Y-%m-%dT%H:%M:%fZ', "clientFirstSeenMs" / 1000.0, 'unixepoch')`, description: "start of the client's first session in the data, UTC" }, { name: "order_time", sql: `strftime('%Y-%m-%dT%H:%M:%fZ', "tsMs" / 1000.0, 'unixepoch')`, description: "purchase time, UTC" },
    c("order_date", "orderDate", "UTC date"), cents("revenue", "revenueCents", "order revenue"), c("item_count", "itemCount", "valid items"), c("units", "units", "sum of quantities"),
    bool("collision", "collision", "transaction id shared with another purchase"), bool("items_mismatch", "itemsMismatch", "revenue differs from items"), c("replays", "replays", "identical replays counted once"),
    c("person_id", "personId", "the buyer's person (devices joined through a shared user_email)"), c("person_devices", "personDevices", "client ids of that person (more than 1: a cross-device buyer)"),
    c("person_session_number", "personSessionNumber", "the purchase's session among all the person's sessions (1 = first)"),
    { name: "person_first_visit", sql: `strftime('%Y-%m-%dT%H:%M:%fZ', "personFirstSeenMs" / 1000.0, 'unixepoch')`, description: "start of the person's first session on any device, UTC" },
  ] },
  { name: "order_items", description: "Items of each order", from: "OrderItem", orderBy: `"id"`, columns: [
    c("order_id", "orderId", "order"), c("item_id", "itemId", "item id"), c("item_name", "itemName", "name"), c("item_variant", "itemVariant", "variant"), c("quantity", "quantity", "quantity"),
    c("item_price", "itemPrice", "unit price"), c("line_revenue", "lineRevenue", "price x quantity (empty when either is missing)"),
    cents("product_revenue", "revenueCents", "the item's product revenue: price x quantity, or its estimated share of the order revenue its priced items leave"),
    bool("revenue_estimated", "revenueEstimated", "the item has no price or quantity: product_revenue is an estimate"),
  ] },
  { name: "clients", description: "One row per client id", from: "Client", orderBy: `"id"`, columns: [
    c("client_id", "clientId", "device id"), { name: "first_seen", sql: `strftime('%Y-%m-%dT%H:%M:%fZ', "firstSeenMs" / 1000.0, 'unixepoch')`, description: "first event, UTC" },
    { name: "last_seen", sql: `strftime('%Y-%m-%dT%H:%M:%fZ', "lastSeenMs" / 1000.0, 'unixepoch')`, description: "last event, UTC" }, c("sessions", "sessions", "sessions"), c("orders", "orders", "orders"),
    c("revenue", "revenue", "revenue"), bool("is_returning", "isReturning", "more than one session"),
    c("person_id", "personId", "person: the smallest client id sharing a user_email with it (itself when none)"),
  ] },
  ...MODELS.map((model): ExportTable => ({
    name: `attribution_${model}`, description: `Attribution credit per order and touch, ${model.replace(/_/g, " ")} model, every lookback window`, from: "AttributionCredit", where: `"model" = '${model}'`, orderBy: `"lookbackDays", "id"`, columns: [
      c("order_id", "orderId", "order"), c("lookback_days", "lookbackDays", "lookback window"), c("touch_index", "touchIndex", "touch position (-1 unattributed)"), c("session_id", "sessionId", "credited session"),
      c("channel", "channel", "credited channel"), c("credit", "credit", "share of the order (sums to 1)"), cents("revenue", "revenueCents", "credited revenue (sums to the order's)"),
    ],
  })),
  { name: "person_credits", description: "Attribution credit per order and channel, per person (all the buyer's devices), every model, default lookback", from: "PersonCredit", orderBy: `"model", "id"`, columns: [
    c("order_id", "orderId", "order"), c("model", "model", "attribution model"), c("lookback_days", "lookbackDays", "lookback window"), c("channel", "channel", "credited channel"),
    c("credit", "credit", "share of the order (sums to 1)"), cents("revenue", "revenueCents", "credited revenue (sums to the order's)"),
  ] },
  { name: "channel_performance", description: "Sessions, credited orders and revenue per channel, model and window", from: "ChannelPerformance", orderBy: `"model", "lookbackDays", "revenue" DESC`, columns: [
    c("model", "model", "attribution model"), c("lookback_days", "lookbackDays", "window"), c("channel", "channel", "channel"), c("sessions", "sessions", "landing sessions"), c("orders", "orders", "credited orders"),
    c("revenue", "revenue", "credited revenue"), c("conversion_rate", "conversionRate", "orders / sessions"), c("aov", "aov", "revenue / orders"), c("revenue_per_session", "revenuePerSession", "revenue / sessions"),
  ] },
  { name: "funnel", description: "Closed funnel by furthest step, overall, by channel and by device", from: "FunnelStep", orderBy: `"id"`, columns: [
    c("dimension", "dimension", "all, channel or device"), c("value", "value", "segment"), c("sessions", "sessions", "sessions"), c("product_view", "productView", "reached product view"),
    c("add_to_cart", "addToCart", "reached add to cart"), c("checkout_started", "checkoutStarted", "reached checkout"), c("purchased", "purchased", "purchased"),
  ] },
  { name: "engagement", description: "Sessions per client, pages, duration, bounce", from: "Engagement", orderBy: `"id"`, columns: [
    c("dimension", "dimension", "all, channel or device"), c("value", "value", "segment"), c("sessions", "sessions", "sessions"), c("clients", "clients", "distinct clients"),
    c("sessions_per_client", "sessionsPerClient", "sessions / clients"), c("pages_per_session", "pagesPerSession", "page views / sessions"), c("avg_duration_sec", "avgDurationSec", "mean duration"),
    c("bounce_rate", "bounceRate", "share of single-event sessions"), c("returning_share", "returningShare", "share of returning sessions"),
  ] },
  { name: "daily_metrics", description: "Daily metrics by event date", from: "DailyMetric", orderBy: `"day"`, columns: [
    c("day", "day", "UTC date"), c("events", "events", "loaded events"), c("sessions", "sessions", "sessions started"), c("orders", "orders", "orders"), c("revenue", "revenue", "revenue"),
    c("conversion_rate", "conversionRate", "orders / sessions"), c("aov", "aov", "revenue / orders"), c("revenue_per_session", "revenuePerSession", "revenue / sessions"),
    c("null_client_id_rate", "nullClientIdRate", "share of events without client id"), c("null_referrer_rate", "nullReferrerRate", "share of events without referrer"),
    c("invalid_purchases", "invalidPurchases", "quarantined invalid purchases"), bool("partial", "partial", "day covered by no file (stray events only)"),
  ] },
  { name: "quality_findings", description: "Data quality findings", from: "Finding", orderBy: `"id"`, columns: [
    c("code", "code", "finding code"), c("severity", "severity", "critical, warning or info"), c("file", "file", "file"), c("day", "day", "partition day"), c("count", "count", "rows (ids for collisions)"), c("message", "message", "explanation"),
  ] },
  { name: "quarantined_rows", description: "Quarantined rows with their reason", from: "QuarantinedRow", orderBy: `"id"`, columns: [
    c("file", "file", "file"), c("line", "line", "line"), c("reason", "reason", "reason code"), c("detail", "detail", "what was wrong"), c("values_json", "valuesJson", "the row's values (JSON)"),
  ] },
  { name: "conversion_paths", description: "Channel sequences of converting journeys per lookback window", from: `json:"Run" r, json_each(r."reportJson", '$.journeys') j, json_each(j.value, '$.paths') p`, runColumn: `r."id"`, orderBy: `json_extract(j.value, '$.lookback_days'), json_extract(p.value, '$.orders') DESC, json_extract(p.value, '$.path')`, columns: [
    { name: "lookback_days", sql: `json_extract(j.value, '$.lookback_days')`, description: "lookback window" }, { name: "path", sql: `json_extract(p.value, '$.path')`, description: "channels in order, repeats collapsed" },
    { name: "touches", sql: `json_extract(p.value, '$.touches')`, description: "channels in the path" }, { name: "orders", sql: `json_extract(p.value, '$.orders')`, description: "orders" }, { name: "revenue", sql: `json_extract(p.value, '$.revenue')`, description: "revenue" },
  ] },
  { name: "monitoring_checks", description: "Monitoring checks of the run (freshness as of the run)", from: `json:"Run" r, json_each(r."monitoringJson", '$.checks') m`, runColumn: `r."id"`, orderBy: `m.key`, columns: [
    { name: "id", sql: `json_extract(m.value, '$.id')`, description: "check" }, { name: "priority", sql: `json_extract(m.value, '$.priority')`, description: "P0, P1 or P2" },
    { name: "status", sql: `json_extract(m.value, '$.status')`, description: "PASS, WARNING or CRITICAL" }, { name: "value", sql: `json_extract(m.value, '$.value')`, description: "measured value" },
    { name: "threshold", sql: `json_extract(m.value, '$.threshold')`, description: "threshold" }, { name: "explanation", sql: `json_extract(m.value, '$.explanation')`, description: "one line" },
  ] },
  { name: "validation_checks", description: "Validation checks of the run", from: "ValidationCheck", orderBy: `"id"`, columns: [
    c("name", "name", "check"), bool("passed", "passed", "passed"), c("detail", "detail", "numbers compared"),
  ] },
];

export function findExportTable(name: string): ExportTable | undefined {
  return EXPORT_TABLES.find((t) => t.name === name);
}

function fromOf(t: ExportTable): string {
  return t.from.startsWith("json:") ? t.from.slice(5) : `"${t.from}"`;
}

function whereOf(t: ExportTable): string {
  return `WHERE ${t.runColumn ?? '"runId"'} = ?${t.where ? ` AND ${t.where}` : ""}`;
}

export function countRows(db: Sqlite, t: ExportTable, runId: number): number {
  if (t.reader) return t.reader.count(db, runId);
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${fromOf(t)} ${whereOf(t)}`).get(runId) as { n: number }).n;
}

/** Rows as arrays in column order, streamed. */
export function iterateRows(db: Sqlite, t: ExportTable, runId: number, limit?: number): IterableIterator<unknown[]> {
  if (t.reader) return t.reader.rows(db, runId, limit ? Math.floor(limit) : undefined);
  const sql = `SELECT ${t.columns.map((col) => col.sql).join(", ")} FROM ${fromOf(t)} ${whereOf(t)} ORDER BY ${t.orderBy}${limit ? ` LIMIT ${Math.floor(limit)}` : ""}`;
  return db.prepare(sql).raw(true).iterate(runId) as IterableIterator<unknown[]>;
}
