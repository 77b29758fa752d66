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
import { channelClassifier, type Channel } from "./channels";
import { utcDay } from "./day";
import { col } from "./table";

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
  /** Gaps between each client's consecutive events, ms (for the timeout analysis). */
  gapsMs: Float64Array;
}

/** Stable session id: the client id and the session's start time. */
export const sessionId = (clientId: string, startTs: number) => `${clientId}:${startTs}`;

/**
 * Row indexes with a client id, ordered by (client, time, event id). Clients become small
 * integers in first-seen order; a counting sort groups the rows by client (stable, so each
 * client's rows stay in event-id order) and only a client whose rows are out of time order is
 * sorted. Real clickstreams are nearly sorted, so this is linear in practice.
 */
export function clientOrder(clientIds: ArrayLike<string | null>, ts: ArrayLike<number>, eventId: ArrayLike<number>): { order: Int32Array; client: Int32Array } {
  const rows = clientIds.length;
  const client = new Int32Array(rows).fill(-1);
  const ids = new Map<string, number>();
  let counts = new Int32Array(1024);
  let n = 0;
  for (let i = 0; i < rows; i++) {
    const c = clientIds[i];
    if (c == null) continue;
    let id = ids.get(c);
    if (id === undefined) {
      ids.set(c, (id = ids.size));
      if (id >= counts.length) {
        const grown = new Int32Array(counts.length * 2);
        grown.set(counts);
        counts = grown;
      }
    }
    client[i] = id;
    counts[id]!++;
    n++;
  }
  const clients = ids.size;
  const start = new Int32Array(clients + 1);
  for (let c = 0; c < clients; c++) start[c + 1] = start[c]! + counts[c]!;
  const next = start.slice(0, clients);
  const order = new Int32Array(n);
  for (let i = 0; i < rows; i++) {
    const c = client[i]!;
    if (c >= 0) order[next[c]!++] = i;
  }
  const before = (a: number, b: number) => ts[a]! - ts[b]! || eventId[a]! - eventId[b]!;
  for (let c = 0; c < clients; c++) {
    const from = start[c]!;
    const to = start[c + 1]!;
    let sorted = true;
    for (let k = from + 1; k < to && sorted; k++) if (before(order[k - 1]!, order[k]!) > 0) sorted = false;
    if (!sorted) order.subarray(from, to).set(Array.from(order.subarray(from, to)).sort(before));
  }
  return { order, client };
}

export function sessionize(events: ColumnTable, options: { timeoutMinutes: number; storeDomain: string | null }): SessionsResult {
  const timeoutMs = options.timeoutMinutes * 60_000;
  // One ordering of row indexes by (client, time, input order), then one linear pass cuts sessions.
  // (A grouped Arquero lag + rolling sum gives the same cut but costs ~15x more on the many
  // one- and two-event groups of real clickstreams.)
  const get = (name: string) => col<unknown>(events, name);
  const clientAll = get("client_id") as ArrayLike<string | null>;
  const ts = get("ts") as ArrayLike<number>;
  const name = get("event_name") as ArrayLike<string>;
  const path = get("page_path") as ArrayLike<string | null>;
  const url = get("page_url") as ArrayLike<string | null>;
  const params = get("page_params") as ArrayLike<Record<string, string>>;
  const ref = get("referrer_domain") as ArrayLike<string | null>;
  const device = get("device_type") as ArrayLike<string>;
  const os = get("os") as ArrayLike<string>;
  const browser = get("browser") as ArrayLike<string>;
  const eventId = get("event_id") as ArrayLike<number>;
  const { order, client: clientIndex } = clientOrder(clientAll, ts, eventId);
  const n = order.length;

  const sessionOfRow: (string | null)[] = new Array(events.numRows()).fill(null);
  const gaps = new Float64Array(n);
  let gapCount = 0;
  const rows: SessionRow[] = [];
  let current: SessionRow | null = null;
  const channelOf = channelClassifier(options.storeDomain);
  let seq = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const prev = k > 0 ? order[k - 1]! : -1;
    const sameClient = prev >= 0 && clientIndex[i] === clientIndex[prev];
    const gapMs = sameClient ? ts[i]! - ts[prev]! : NaN;
    if (sameClient) gaps[gapCount++] = gapMs;
    else seq = 0;
    if (!sameClient || gapMs > timeoutMs || current === null) {
      seq++;
      const channel = channelOf(params[i]!, ref[i] ?? null);
      current = {
        session_id: sessionId(clientAll[i]!, ts[i]!),
        client_id: clientAll[i]!,
        session_number: seq,
        start_ts: ts[i]!,
        end_ts: ts[i]!,
        start_date: utcDay(ts[i]!),
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
    gapsMs: gaps.subarray(0, gapCount),
  };
}

/** Row objects to columns in one loop with named property reads (a keyed read per column and row was 20x slower on many rows). */
function columnsOf(rows: SessionRow[]) {
  const n = rows.length;
  const num = () => new Float64Array(n);
  const text = <T>() => new Array<T>(n);
  const c = {
    session_id: text<string>(), client_id: text<string>(), session_number: new Int32Array(n), start_ts: num(), end_ts: num(), start_date: text<string>(),
    duration_sec: num(), event_count: new Int32Array(n), page_views: new Int32Array(n), max_gap_min: num(), landing_page: text<string | null>(),
    landing_path: text<string | null>(), channel: text<Channel>(), device_type: text<string>(), os: text<string>(), browser: text<string>(),
    has_product_view: text<boolean>(), has_add_to_cart: text<boolean>(), has_checkout_started: text<boolean>(), has_purchase: text<boolean>(), is_returning: text<boolean>(),
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    c.session_id[i] = r.session_id;
    c.client_id[i] = r.client_id;
    c.session_number[i] = r.session_number;
    c.start_ts[i] = r.start_ts;
    c.end_ts[i] = r.end_ts;
    c.start_date[i] = r.start_date;
    c.duration_sec[i] = r.duration_sec;
    c.event_count[i] = r.event_count;
    c.page_views[i] = r.page_views;
    c.max_gap_min[i] = r.max_gap_min;
    c.landing_page[i] = r.landing_page;
    c.landing_path[i] = r.landing_path;
    c.channel[i] = r.channel;
    c.device_type[i] = r.device_type;
    c.os[i] = r.os;
    c.browser[i] = r.browser;
    c.has_product_view[i] = r.has_product_view;
    c.has_add_to_cart[i] = r.has_add_to_cart;
    c.has_checkout_started[i] = r.has_checkout_started;
    c.has_purchase[i] = r.has_purchase;
    c.is_returning[i] = r.is_returning;
  }
  return c;
}
