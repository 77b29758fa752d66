/**
 * Sessionization: per client, events ordered by time (ties by input order); a gap of MORE than
 * the timeout (default 30 minutes) starts a new session, so a gap of exactly 30 minutes stays in
 * the session. Events without a client id cannot be sessionized: they get no session id and are
 * counted separately (never dropped silently).
 *
 * In:  events table (client_id, ts, event_id, event_name, page_url, page_path, page_params,
 *      referrer_domain, device_type, os, browser).
 * Out: the events table with `session_id` (null without a client id), and the sessions table.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { classifyChannel, type Channel } from "./channels";

export interface SessionRow {
  session_id: string;
  client_id: string;
  /** 1-based number of this session among the client's sessions in the data. */
  session_number: number;
  start_ts: number;
  end_ts: number;
  start_date: string;
  duration_sec: number;
  event_count: number;
  page_views: number;
  /** Longest gap between consecutive events inside the session, minutes (validation). */
  max_gap_min: number;
  landing_page: string | null;
  landing_path: string | null;
  channel: Channel;
  device_type: string;
  os: string;
  browser: string;
  has_product_view: boolean;
  has_add_to_cart: boolean;
  has_checkout_started: boolean;
  has_purchase: boolean;
  /** The client had an earlier session in the data. */
  is_returning: boolean;
}

export interface SessionsResult {
  events: ColumnTable;
  sessions: ColumnTable;
  /** The same sessions as row objects (the aggregates read these; no second conversion). */
  sessionRows: SessionRow[];
  /** Events that could not be sessionized (no client id). */
  noClientEvents: number;
}

/** Stable session id: the client id and the session's start time. */
export const sessionId = (clientId: string, startTs: number) => `${clientId}:${startTs}`;

export function sessionize(events: ColumnTable, options: { timeoutMinutes: number; storeDomain: string | null }): SessionsResult {
  const timeoutMs = options.timeoutMinutes * 60_000;
  // One sort of row indexes by (client, time, input order), then one linear pass cuts sessions.
  // (A grouped Arquero lag + rolling sum gives the same cut but costs ~15x more on the many
  // one- and two-event groups of real clickstreams.)
  const get = (col: string) => events.array(col) as ArrayLike<unknown>;
  const clientAll = get("client_id") as ArrayLike<string | null>;
  const ts = get("ts") as ArrayLike<number>;
  const name = get("event_name") as ArrayLike<string>;
  const path = get("page_path") as ArrayLike<string | null>;
  const url = get("page_url") as ArrayLike<string | null>;
  const params = get("page_params") as ArrayLike<string>;
  const ref = get("referrer_domain") as ArrayLike<string | null>;
  const device = get("device_type") as ArrayLike<string>;
  const os = get("os") as ArrayLike<string>;
  const browser = get("browser") as ArrayLike<string>;
  const eventId = get("event_id") as ArrayLike<number>;
  // Clients become small integers (first-seen order) so the sort compares numbers, not strings.
  const clientIndex = new Int32Array(events.numRows()).fill(-1);
  const ids = new Map<string, number>();
  const order: number[] = [];
  for (let i = 0; i < events.numRows(); i++) {
    const c = clientAll[i];
    if (c == null) continue;
    let id = ids.get(c);
    if (id === undefined) ids.set(c, (id = ids.size));
    clientIndex[i] = id;
    order.push(i);
  }
  order.sort((a, b) => clientIndex[a]! - clientIndex[b]! || ts[a]! - ts[b]! || eventId[a]! - eventId[b]!);
  const n = order.length;

  const sessionOfRow: (string | null)[] = new Array(events.numRows()).fill(null);
  const rows: SessionRow[] = [];
  let current: SessionRow | null = null;
  const channelOf = new Map<string, Channel>();
  let seq = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const prev = k > 0 ? order[k - 1]! : -1;
    const sameClient = prev >= 0 && clientIndex[i] === clientIndex[prev];
    const gapMs = sameClient ? ts[i]! - ts[prev]! : NaN;
    if (!sameClient) seq = 0;
    if (!sameClient || gapMs > timeoutMs || current === null) {
      seq++;
      const touchKey = `${params[i]}\u0001${ref[i] ?? ""}`;
      let channel = channelOf.get(touchKey);
      if (channel === undefined) {
        channel = classifyChannel({ params: JSON.parse(params[i]!) as Record<string, string>, referrerDomain: ref[i] ?? null, storeDomain: options.storeDomain });
        channelOf.set(touchKey, channel);
      }
      current = {
        session_id: sessionId(clientAll[i]!, ts[i]!),
        client_id: clientAll[i]!,
        session_number: seq,
        start_ts: ts[i]!,
        end_ts: ts[i]!,
        start_date: new Date(ts[i]!).toISOString().slice(0, 10),
        duration_sec: 0,
        event_count: 0,
        page_views: 0,
        max_gap_min: 0,
        landing_page: url[i] ?? null,
        landing_path: path[i] ?? null,
        channel,
        device_type: device[i]!,
        os: os[i]!,
        browser: browser[i]!,
        has_product_view: false,
        has_add_to_cart: false,
        has_checkout_started: false,
        has_purchase: false,
        is_returning: seq > 1,
      };
      rows.push(current);
    } else if (gapMs / 60_000 > current.max_gap_min) current.max_gap_min = gapMs / 60_000;
    current.end_ts = ts[i]!;
    current.event_count++;
    const ev = name[i];
    if (ev === "page_viewed") {
      current.page_views++;
      if (path[i]?.startsWith("/products/")) current.has_product_view = true;
    } else if (ev === "product_added_to_cart") current.has_add_to_cart = true;
    else if (ev === "checkout_started") current.has_checkout_started = true;
    else if (ev === "checkout_completed") current.has_purchase = true;
    sessionOfRow[i] = current.session_id;
  }
  for (const s of rows) s.duration_sec = (s.end_ts - s.start_ts) / 1000;

  return {
    events: events.assign({ session_id: sessionOfRow }),
    sessions: aq.table(columnsOf(rows)),
    sessionRows: rows,
    noClientEvents: events.numRows() - n,
  };
}

const SESSION_COLUMNS: (keyof SessionRow)[] = [
  "session_id", "client_id", "session_number", "start_ts", "end_ts", "start_date", "duration_sec", "event_count", "page_views", "max_gap_min",
  "landing_page", "landing_path", "channel", "device_type", "os", "browser", "has_product_view", "has_add_to_cart", "has_checkout_started", "has_purchase", "is_returning",
];

/** Row objects to columns, one tight loop per column (much cheaper than Arquero's generic from() on many rows). */
function columnsOf(rows: SessionRow[]): Record<keyof SessionRow, unknown[]> {
  const out = {} as Record<keyof SessionRow, unknown[]>;
  for (const key of SESSION_COLUMNS) {
    const column = new Array<unknown>(rows.length);
    for (let i = 0; i < rows.length; i++) column[i] = rows[i]![key];
    out[key] = column;
  }
  return out;
}
