/**
 * Sessionization: per client, events ordered by time (ties by input order); a gap of MORE than
 * the timeout (default 30 minutes) starts a new session, so a gap of exactly 30 minutes stays in
 * the session. Events without a client id cannot be sessionized: they get no session id and are
 * counted separately (never dropped silently).
 *
 * In:  events table (client_id, ts, event_id, event_name, page_url, page_path, page_params,
 *      referrer_domain, device_type, os, browser).
 * Out: the events table with `session_id` (null without a client id) and without `page_params`,
 *      and the sessions table.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { channelPairClassifier, landingSource, type Channel, type Precedence } from "./channels";
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
  /** utm_source of the landing URL, else its external referrer host, else null (lib/pipeline/channels.ts landingSource). */
  source: string | null;
  /** utm_medium of the landing URL (null when untagged). */
  medium: string | null;
  /** utm_campaign of the landing URL (null when untagged). */
  campaign: string | null;
  channel: Channel;
  /** The channel under the other click id vs utm precedence (differs only for a tagging conflict). */
  alt_channel: Channel;
  device_type: string;
  os: string;
  browser: string;
  /** Robot family of the landing event's user agent; null for a person (lib/pipeline/bots.ts). */
  bot_family: string | null;
  has_product_view: boolean;
  has_add_to_cart: boolean;
  has_checkout_started: boolean;
  has_purchase: boolean;
  /** The client had an earlier session in the data. */
  is_returning: boolean;
}

/** The sessions as columns, index-aligned (what the aggregates and validation read). */
export interface SessionColumns {
  length: number;
  session_id: string[];
  client_id: string[];
  session_number: Int32Array;
  start_ts: Float64Array;
  end_ts: Float64Array;
  start_date: string[];
  duration_sec: Float64Array;
  event_count: Int32Array;
  page_views: Int32Array;
  max_gap_min: Float64Array;
  landing_page: (string | null)[];
  landing_path: (string | null)[];
  source: (string | null)[];
  medium: (string | null)[];
  campaign: (string | null)[];
  channel: Channel[];
  alt_channel: Channel[];
  device_type: string[];
  os: string[];
  browser: string[];
  bot_family: (string | null)[];
  has_product_view: boolean[];
  has_add_to_cart: boolean[];
  has_checkout_started: boolean[];
  has_purchase: boolean[];
  is_returning: boolean[];
}

export interface SessionsResult {
  events: ColumnTable;
  sessions: ColumnTable;
  /**
   * The same sessions as the columns behind `sessions`. Each client's sessions are adjacent and
   * in time order (the aggregates and validation rely on it).
   */
  columns: SessionColumns;
  /** Events that could not be sessionized (no client id). */
  noClientEvents: number;
  /** Per event row, the index of its session in `columns` (-1 without a client id). */
  eventSession: Int32Array;
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

export function sessionize(events: ColumnTable, options: { timeoutMinutes: number; storeDomain: string | null; precedence?: Precedence; ownDomains?: string[] }): SessionsResult {
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
  const bot = get("bot_family") as ArrayLike<string | null>;
  const refMissing = get("referrer_missing") as ArrayLike<boolean>;
  const eventId = get("event_id") as ArrayLike<number>;
  const { order, client: clientIndex } = clientOrder(clientAll, ts, eventId);
  const n = order.length;

  const eventSession = new Int32Array(events.numRows()).fill(-1);
  const gaps = new Float64Array(n);
  let gapCount = 0;
  // Count the sessions first (the same cut as below), so every column is allocated at its final
  // size: columns sized for one session per event and cut afterwards keep their whole capacity
  // (V8 trims an array only when less than half of it is used), some 90 MB on a million events.
  let count = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const prev = k > 0 ? order[k - 1]! : -1;
    if (!(prev >= 0 && clientIndex[i] === clientIndex[prev]) || ts[i]! - ts[prev]! > timeoutMs) count++;
  }
  const text = <T>() => new Array<T>(count).fill(null as T);
  const c: SessionColumns = {
    length: count, session_id: text(), client_id: text(), session_number: new Int32Array(count), start_ts: new Float64Array(count), end_ts: new Float64Array(count), start_date: text(),
    duration_sec: new Float64Array(count), event_count: new Int32Array(count), page_views: new Int32Array(count), max_gap_min: new Float64Array(count), landing_page: text(),
    landing_path: text(), source: text(), medium: text(), campaign: text(), channel: text(), alt_channel: text(), device_type: text(), os: text(), browser: text(), bot_family: text(), has_product_view: text(), has_add_to_cart: text(), has_checkout_started: text(),
    has_purchase: text(), is_returning: text(),
  };
  const precedence = options.precedence ?? "utm";
  const channelsOf = channelPairClassifier(options.storeDomain, precedence, options.ownDomains);
  let cur = -1;
  let seq = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const prev = k > 0 ? order[k - 1]! : -1;
    const sameClient = prev >= 0 && clientIndex[i] === clientIndex[prev];
    const gapMs = sameClient ? ts[i]! - ts[prev]! : NaN;
    if (sameClient) gaps[gapCount++] = gapMs;
    else seq = 0;
    const t = ts[i]!;
    if (!sameClient || gapMs > timeoutMs) {
      seq++;
      cur++;
      c.session_id[cur] = sessionId(clientAll[i]!, t);
      c.client_id[cur] = clientAll[i]!;
      c.session_number[cur] = seq;
      c.start_ts[cur] = t;
      c.start_date[cur] = utcDay(t);
      c.landing_page[cur] = url[i] ?? null;
      c.landing_path[cur] = path[i] ?? null;
      const p = params[i]!;
      c.source[cur] = landingSource(p, ref[i] ?? null, options.storeDomain, options.ownDomains);
      c.medium[cur] = p.utm_medium ?? null;
      c.campaign[cur] = p.utm_campaign ?? null;
      const [channel, altChannel] = channelsOf(params[i]!, ref[i] ?? null, refMissing[i] === true);
      c.channel[cur] = channel;
      c.alt_channel[cur] = altChannel;
      c.device_type[cur] = device[i]!;
      c.os[cur] = os[i]!;
      c.browser[cur] = browser[i]!;
      c.bot_family[cur] = bot[i] ?? null;
      c.has_product_view[cur] = false;
      c.has_add_to_cart[cur] = false;
      c.has_checkout_started[cur] = false;
      c.has_purchase[cur] = false;
      c.is_returning[cur] = seq > 1;
    } else if (gapMs / 60_000 > c.max_gap_min[cur]!) c.max_gap_min[cur] = gapMs / 60_000;
    c.end_ts[cur] = t;
    c.event_count[cur]!++;
    const ev = name[i];
    if (ev === "page_viewed") {
      c.page_views[cur]!++;
      if (path[i]?.startsWith("/products/")) c.has_product_view[cur] = true;
    } else if (ev === "product_added_to_cart") c.has_add_to_cart[cur] = true;
    else if (ev === "checkout_started") c.has_checkout_started[cur] = true;
    else if (ev === "checkout_completed") c.has_purchase[cur] = true;
    eventSession[i] = cur;
  }
  if (cur + 1 !== count) throw new Error(`sessionize: counted ${count} sessions, cut ${cur + 1}`);
  for (let j = 0; j < count; j++) c.duration_sec[j] = (c.end_ts[j]! - c.start_ts[j]!) / 1000;
  const { length: _length, ...columns } = c;

  return {
    // The events go on without their parsed query parameters: only the landing touch reads them,
    // here, and on a million events they hold over 100 MB.
    events: events.select(aq.not("page_params")).assign({ session_id: Array.from(eventSession, (s) => (s >= 0 ? c.session_id[s]! : null)) }),
    sessions: aq.table(columns),
    columns: c,
    noClientEvents: events.numRows() - n,
    eventSession,
    gapsMs: gaps.subarray(0, gapCount),
  };
}

/** The sessions `keep` selects, as columns in the same order (e.g. the visitors: robots left out). */
export function selectSessions(c: SessionColumns, keep: (i: number) => boolean): SessionColumns {
  const picked = new Int32Array(c.length);
  let m = 0;
  for (let i = 0; i < c.length; i++) if (keep(i)) picked[m++] = i;
  if (m === c.length) return c;
  const idx = picked.subarray(0, m);
  // Every column, whatever its kind: typed arrays stay typed, lists stay lists (no column list to
  // keep in step). Plain indexed loops: `TypedArray.from(idx, fn)` calls back per value.
  const out: Record<string, unknown> = { length: m };
  for (const [name, values] of Object.entries(c)) {
    if (name === "length") continue;
    const v = values as ArrayLike<unknown>;
    if (ArrayBuffer.isView(v)) {
      const copy = new (v.constructor as new (n: number) => { [k: number]: unknown })(m);
      for (let k = 0; k < m; k++) copy[k] = v[idx[k]!];
      out[name] = copy;
    } else {
      const copy = new Array<unknown>(m);
      for (let k = 0; k < m; k++) copy[k] = v[idx[k]!];
      out[name] = copy;
    }
  }
  return out as unknown as SessionColumns;
}
