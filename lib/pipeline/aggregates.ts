/**
 * Gold tables: channel performance per attribution model and lookback, funnel and engagement by
 * channel and device, daily metrics by event date, time to purchase and conversion paths.
 * Every figure here is derived from the silver tables (events, sessions, orders, credits).
 */
import { col } from "./table";
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { LOOKBACK_DAYS, MODELS } from "./constants";
import { DEFAULT_LOOKBACK_DAYS, touchesFor, type OrderForAttribution, type TouchRow } from "./attribution";
import { UNATTRIBUTED } from "./channels";
import type { SessionColumns } from "./sessions";
import { eachNonConvertingJourney, type SessionsLike } from "./data-driven";

const op = aq.op;
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export interface ChannelPerformanceRow {
  model: string;
  lookback_days: number;
  channel: string;
  sessions: number;
  /** Credited orders (fractional under multi-touch models). */
  orders: number;
  revenue: number;
  conversion_rate: number | null;
  aov: number | null;
  revenue_per_session: number | null;
}

export function channelPerformance(sessions: SessionColumns, credits: ColumnTable): ChannelPerformanceRow[] {
  const sessionsBy = new Map<string, number>();
  for (const channel of sessions.channel) sessionsBy.set(channel, (sessionsBy.get(channel) ?? 0) + 1);
  const credited = credits
    .groupby("model", "lookback_days", "channel")
    .rollup({ orders: op.sum("credit"), cents: op.sum("revenue_cents") })
    .objects() as { model: string; lookback_days: number; channel: string; orders: number; cents: number }[];
  const out: ChannelPerformanceRow[] = [];
  for (const model of MODELS) for (const lb of LOOKBACK_DAYS) {
    const rows = credited.filter((c) => c.model === model && c.lookback_days === lb);
    const channels = new Set([...sessionsBy.keys(), ...rows.map((r) => r.channel)]);
    for (const channel of channels) {
      const c = rows.find((r) => r.channel === channel);
      const s = channel === UNATTRIBUTED ? 0 : (sessionsBy.get(channel) ?? 0);
      const orders = c?.orders ?? 0;
      const revenue = (c?.cents ?? 0) / 100;
      out.push({ model, lookback_days: Number(lb), channel, sessions: s, orders, revenue, conversion_rate: ratio(orders, s), aov: ratio(revenue, orders), revenue_per_session: ratio(revenue, s) });
    }
  }
  return out.sort((a, b) => a.model.localeCompare(b.model) || a.lookback_days - b.lookback_days || b.revenue - a.revenue);
}

export interface FunnelRow {
  dimension: "all" | "channel" | "device";
  value: string;
  sessions: number;
  product_view: number;
  add_to_cart: number;
  checkout_started: number;
  purchased: number;
}

/**
 * Groups of the funnel and engagement tables: all sessions, by landing channel, by device. One
 * accumulator per group, found through a small map per dimension (no key string per session).
 */
function bySegment<G>(s: SessionColumns, make: (dimension: "all" | "channel" | "device", value: string) => G, add: (g: G, i: number) => void): G[] {
  const all = make("all", "All sessions");
  const channel = new Map<string, G>();
  const device = new Map<string, G>();
  const groupOf = (map: Map<string, G>, dimension: "channel" | "device", value: string) => {
    let g = map.get(value);
    if (g === undefined) map.set(value, (g = make(dimension, value)));
    return g;
  };
  for (let i = 0; i < s.length; i++) {
    add(all, i);
    add(groupOf(channel, "channel", s.channel[i]!), i);
    add(groupOf(device, "device", s.device_type[i]!), i);
  }
  return s.length > 0 ? [all, ...channel.values(), ...device.values()] : [];
}

/** Closed funnel by furthest step reached: a session that reached a step counts at every earlier step. */
export function funnel(s: SessionColumns): FunnelRow[] {
  const groups = bySegment<FunnelRow>(
    s,
    (dimension, value) => ({ dimension, value, sessions: 0, product_view: 0, add_to_cart: 0, checkout_started: 0, purchased: 0 }),
    (g, i) => {
      const step = s.has_purchase[i] ? 4 : s.has_checkout_started[i] ? 3 : s.has_add_to_cart[i] ? 2 : s.has_product_view[i] ? 1 : 0;
      g.sessions++;
      if (step >= 1) g.product_view++;
      if (step >= 2) g.add_to_cart++;
      if (step >= 3) g.checkout_started++;
      if (step >= 4) g.purchased++;
    },
  );
  return groups.sort((a, b) => a.dimension.localeCompare(b.dimension) || b.sessions - a.sessions);
}

export interface EngagementRow {
  dimension: "all" | "channel" | "device";
  value: string;
  sessions: number;
  clients: number;
  sessions_per_client: number;
  pages_per_session: number;
  avg_duration_sec: number;
  /** Share of single-event sessions. */
  bounce_rate: number;
  returning_share: number;
}

/** Session rows come grouped by client (sessionize emits each client's sessions together), so a group's distinct clients are counted where the client changes. */
export function engagement(s: SessionColumns): EngagementRow[] {
  type Agg = { dimension: EngagementRow["dimension"]; value: string; sessions: number; clients: number; lastClient: string | null; pages: number; duration: number; bounces: number; returning: number };
  const groups = bySegment<Agg>(
    s,
    (dimension, value) => ({ dimension, value, sessions: 0, clients: 0, lastClient: null, pages: 0, duration: 0, bounces: 0, returning: 0 }),
    (g, i) => {
      g.sessions++;
      if (s.client_id[i] !== g.lastClient) {
        g.clients++;
        g.lastClient = s.client_id[i]!;
      }
      g.pages += s.page_views[i]!;
      g.duration += s.duration_sec[i]!;
      if (s.event_count[i] === 1) g.bounces++;
      if (s.is_returning[i]) g.returning++;
    },
  );
  const order = { all: 0, channel: 1, device: 2 };
  return groups
    .map((g) => ({
      dimension: g.dimension,
      value: g.value,
      sessions: g.sessions,
      clients: g.clients,
      sessions_per_client: g.sessions / g.clients,
      pages_per_session: g.pages / g.sessions,
      avg_duration_sec: g.duration / g.sessions,
      bounce_rate: g.bounces / g.sessions,
      returning_share: g.returning / g.sessions,
    }))
    .sort((x, y) => order[x.dimension] - order[y.dimension] || y.sessions - x.sessions);
}

export interface DailyMetricRow {
  day: string;
  events: number;
  sessions: number;
  orders: number;
  revenue: number;
  conversion_rate: number | null;
  aov: number | null;
  revenue_per_session: number | null;
  null_client_id_rate: number;
  null_referrer_rate: number;
  invalid_purchases: number;
  /** Sessions of robots that day (left out of `sessions` unless the data set counts them). */
  bot_sessions: number;
  /** A day no loaded file covers: it only holds stray events timestamped outside their file's day. */
  partial: boolean;
}

/** Daily metrics by event date: a batch of past days gives one point per day. */
/**
 * @param sessions the visitor sessions (what `sessions` and the rates count)
 * @param allSessions every session, robots' too (for `bot_sessions`); defaults to `sessions`
 */
export function dailyMetrics(events: ColumnTable, sessions: SessionColumns, orders: ColumnTable, invalidPurchaseDays: string[], partitionDays: Set<string> | null = null, allSessions: SessionColumns = sessions): DailyMetricRow[] {
  const days = new Map<string, DailyMetricRow>();
  const day = (d: string) => {
    let r = days.get(d);
    if (!r) days.set(d, (r = { day: d, events: 0, sessions: 0, orders: 0, revenue: 0, conversion_rate: null, aov: null, revenue_per_session: null, null_client_id_rate: 0, null_referrer_rate: 0, invalid_purchases: 0, bot_sessions: 0, partial: partitionDays !== null && !partitionDays.has(d) }));
    return r;
  };
  const ev = col<string>(events, "event_date");
  const cid = col<string | null>(events, "client_id");
  const ref = col<string | null>(events, "referrer");
  for (let i = 0; i < ev.length; i++) {
    const r = day(ev[i]!);
    r.events++;
    if (cid[i] == null) r.null_client_id_rate++;
    if (ref[i] == null) r.null_referrer_rate++;
  }
  for (const d of sessions.start_date) day(d).sessions++;
  for (let i = 0; i < allSessions.length; i++) if (allSessions.bot_family[i] != null) day(allSessions.start_date[i]!).bot_sessions++;
  const od = col<string>(orders, "order_date");
  const oc = col<number>(orders, "revenue_cents");
  const cents = new Map<string, number>();
  for (let i = 0; i < od.length; i++) {
    day(od[i]!).orders++;
    cents.set(od[i]!, (cents.get(od[i]!) ?? 0) + oc[i]!);
  }
  for (const d of invalidPurchaseDays) day(d).invalid_purchases++;
  return [...days.values()]
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((r) => {
      const revenue = (cents.get(r.day) ?? 0) / 100;
      return {
        ...r,
        revenue,
        conversion_rate: ratio(r.orders, r.sessions),
        aov: ratio(revenue, r.orders),
        revenue_per_session: ratio(revenue, r.sessions),
        null_client_id_rate: r.events > 0 ? r.null_client_id_rate / r.events : 0,
        null_referrer_rate: r.events > 0 ? r.null_referrer_rate / r.events : 0,
      };
    });
}

export const TIME_TO_PURCHASE_BUCKETS = [
  { label: "< 1 hour", maxHours: 1 },
  { label: "1–24 hours", maxHours: 24 },
  { label: "1–3 days", maxHours: 72 },
  { label: "3–7 days", maxHours: 168 },
  { label: "7–14 days", maxHours: 336 },
  { label: "14–30 days", maxHours: 720 },
  { label: "> 30 days", maxHours: Number.POSITIVE_INFINITY },
];

export interface JourneyStats {
  lookback_days: number;
  /** Orders by time from the first touch in the window to the purchase. */
  timeToPurchase: { label: string; orders: number; revenue: number }[];
  /** Orders by time from the client's first session in the data to the purchase. */
  timeFromFirstVisit: { label: string; orders: number; revenue: number }[];
  unattributedOrders: number;
  /** Orders whose purchase session was the client's first session in the data. */
  singleSessionOrders: number;
  medianHoursToPurchase: number | null;
  /** Converting paths: channels of the sessions in the window, a repeat in a row collapsed; with the mean days from the first of them to the purchase. */
  paths: { path: string; touches: number; orders: number; revenue: number; avgDaysToConversion: number }[];
  /**
   * Where each channel's touches sit in converting journeys (GA4's conversion-path split): the first
   * quarter of a journey's touches is early, the last quarter late, the rest middle (a journey of one
   * touch counts it in all three; of two, early and late). Each stage of each order shares one
   * conversion among its touches.
   */
  positions: { channel: string; early: number; middle: number; late: number }[];
  /** The most common paths of clients without an order (their sessions in the window before their last one). */
  nonConvertingPaths: { path: string; touches: number; clients: number }[];
  /** Clients without an order, i.e. non-converting journeys. */
  nonConvertingJourneys: number;
}

/** How many of a journey's n touches are early and late (GA4: the first and last 25%, at least one each). */
export function positionSplit(n: number): { early: number; late: number } {
  if (n <= 0) return { early: 0, late: 0 };
  const q = Math.max(1, Math.round(n * 0.25));
  return { early: Math.min(q, n), late: Math.min(q, n) };
}

/** Collapses a repeated channel in a row: Direct, Direct, Email → Direct > Email. */
function collapse(channels: readonly string[]): string[] {
  return channels.filter((c, i, arr) => i === 0 || c !== arr[i - 1]);
}

const NON_CONVERTING_PATHS = 50;

export function journeys(orders: ColumnTable, byClient: Map<string, TouchRow[]>, lookbackDays = DEFAULT_LOOKBACK_DAYS, visitors?: SessionsLike): JourneyStats {
  const bucket = () => TIME_TO_PURCHASE_BUCKETS.map((b) => ({ label: b.label, orders: 0, revenue: 0 }));
  const ttp = bucket();
  const tfv = bucket();
  const place = (list: { orders: number; revenue: number }[], hours: number, revenue: number) => {
    const i = TIME_TO_PURCHASE_BUCKETS.findIndex((b) => hours < b.maxHours);
    list[i]!.orders++;
    list[i]!.revenue += revenue;
  };
  const paths = new Map<string, { path: string; touches: number; orders: number; cents: number; days: number }>();
  const positions = new Map<string, { channel: string; early: number; middle: number; late: number }>();
  const credit = (channel: string, stage: "early" | "middle" | "late", share: number) => {
    let p = positions.get(channel);
    if (!p) positions.set(channel, (p = { channel, early: 0, middle: 0, late: 0 }));
    p[stage] += share;
  };
  const buyers = new Set<string | null>();
  const hours: number[] = [];
  let unattributed = 0;
  let single = 0;
  for (const o of orders.objects() as (OrderForAttribution & { revenue: number })[]) {
    buyers.add(o.client_id);
    const touches = touchesFor(o, byClient, lookbackDays);
    const all = o.client_id ? (byClient.get(o.client_id) ?? []) : [];
    const before = all.filter((t) => t.ts <= o.ts);
    if (before.length === 1) single++;
    if (before.length > 0) place(tfv, (o.ts - before[0]!.ts) / 3_600_000, o.revenue);
    if (touches.length === 0) {
      unattributed++;
      continue;
    }
    const h = (o.ts - touches[0]!.ts) / 3_600_000;
    hours.push(h);
    place(ttp, h, o.revenue);
    const channels = collapse(touches.map((t) => t.channel));
    const path = channels.join(" > ");
    const p = paths.get(path) ?? { path, touches: channels.length, orders: 0, cents: 0, days: 0 };
    p.orders++;
    p.cents += o.revenue_cents;
    p.days += h / 24;
    paths.set(path, p);
    // The GA4 split: early and late quarters (at least one touch each), the middle the rest.
    const n = touches.length;
    const { early, late } = positionSplit(n);
    const middle = Math.max(0, n - early - late);
    touches.forEach((t, k) => {
      if (k < early) credit(t.channel, "early", 1 / early);
      if (k >= n - late) credit(t.channel, "late", 1 / late);
      if (k >= early && k < n - late) credit(t.channel, "middle", 1 / middle);
    });
    // A journey of one touch is early, middle and late at once.
    if (n === 1) credit(touches[0]!.channel, "middle", 1);
  }
  // Non-converting journeys: each client without an order, its sessions within the window before its last one (as the data-driven models read them).
  const nonConverting = new Map<string, { path: string; touches: number; clients: number }>();
  let nonConvertingJourneys = 0;
  if (visitors) {
    eachNonConvertingJourney(visitors, buyers, [lookbackDays], (_, from, to) => {
      // Most visitors without an order came once: their path is their one channel.
      const channels = to - from === 1 ? null : collapse(Array.from({ length: to - from }, (_, j) => visitors.channel[from + j]!));
      const path = channels ? channels.join(" > ") : visitors.channel[from]!;
      const p = nonConverting.get(path) ?? { path, touches: channels ? channels.length : 1, clients: 0 };
      p.clients++;
      nonConverting.set(path, p);
      nonConvertingJourneys++;
    });
  }
  hours.sort((a, b) => a - b);
  const round = (list: { label: string; orders: number; revenue: number }[]) => list.map((b) => ({ ...b, revenue: Math.round(b.revenue * 100) / 100 }));
  return {
    lookback_days: lookbackDays,
    timeToPurchase: round(ttp),
    timeFromFirstVisit: round(tfv),
    unattributedOrders: unattributed,
    singleSessionOrders: single,
    medianHoursToPurchase: hours.length ? hours[Math.floor(hours.length / 2)]! : null,
    paths: [...paths.values()]
      .sort((a, b) => b.orders - a.orders || b.cents - a.cents)
      .map((p) => ({ path: p.path, touches: p.touches, orders: p.orders, revenue: p.cents / 100, avgDaysToConversion: Math.round((p.days / p.orders) * 100) / 100 })),
    positions: [...positions.values()]
      .map((p) => ({ channel: p.channel, early: Math.round(p.early * 1000) / 1000, middle: Math.round(p.middle * 1000) / 1000, late: Math.round(p.late * 1000) / 1000 }))
      .sort((a, b) => b.early + b.middle + b.late - (a.early + a.middle + a.late) || a.channel.localeCompare(b.channel)),
    nonConvertingPaths: [...nonConverting.values()].sort((a, b) => b.clients - a.clients || a.path.localeCompare(b.path)).slice(0, NON_CONVERTING_PATHS),
    nonConvertingJourneys,
  };
}

export interface ClientRow {
  client_id: string;
  first_seen: number;
  last_seen: number;
  sessions: number;
  orders: number;
  revenue: number;
  is_returning: boolean;
}

/** One row per client from its sessions (which come grouped by client) and its orders. */
export function clients(s: SessionColumns, orders: ColumnTable): ColumnTable {
  const orderCents = new Map<string, { orders: number; cents: number }>();
  const oc = col<string | null>(orders, "client_id");
  const cents = col<number>(orders, "revenue_cents");
  for (let i = 0; i < oc.length; i++) {
    const id = oc[i];
    if (!id) continue;
    const o = orderCents.get(id) ?? { orders: 0, cents: 0 };
    o.orders++;
    o.cents += cents[i]!;
    orderCents.set(id, o);
  }
  const c = { client_id: [] as string[], first_seen: [] as number[], last_seen: [] as number[], sessions: [] as number[], orders: [] as number[], revenue: [] as number[], is_returning: [] as boolean[] };
  let last = -1;
  for (let i = 0; i < s.length; i++) {
    const id = s.client_id[i]!;
    if (last >= 0 && c.client_id[last] === id) {
      c.first_seen[last] = Math.min(c.first_seen[last]!, s.start_ts[i]!);
      c.last_seen[last] = Math.max(c.last_seen[last]!, s.end_ts[i]!);
      c.sessions[last]!++;
      c.is_returning[last] = true;
      continue;
    }
    last++;
    const o = orderCents.get(id);
    c.client_id.push(id);
    c.first_seen.push(s.start_ts[i]!);
    c.last_seen.push(s.end_ts[i]!);
    c.sessions.push(1);
    c.orders.push(o?.orders ?? 0);
    c.revenue.push((o?.cents ?? 0) / 100);
    c.is_returning.push(false);
  }
  return aq.table(c);
}

export interface DailySegmentRow {
  day: string;
  /** `person_visitor`: New / Returning per person (an earlier session on any of the person's devices). */
  dimension: "device" | "visitor" | "person_visitor" | "channel";
  value: string;
  /** Sessions that started that day. */
  sessions: number;
  /** Orders placed that day in a session of this segment. */
  orders: number;
  revenue: number;
}

/**
 * Sessions and orders per day by device, new/returning visitor and landing channel: precomputed so
 * any date range of the executive summary is a sum over days, not a scan of sessions.
 */
/** @param personReturning per session of `s`: the person had an earlier session (lib/pipeline/identity.ts personTimeline); without it, no person rows. */
export function dailySegments(s: SessionColumns, orders: ColumnTable, personReturning?: readonly boolean[]): DailySegmentRow[] {
  // dimension → value → day → row: lookups on the (interned) value and day strings, no key per session.
  const rows = new Map<DailySegmentRow["dimension"], Map<string, Map<string, DailySegmentRow & { cents: number }>>>();
  const bump = (day: string, dimension: DailySegmentRow["dimension"], value: string, s: number, o: number, cents: number) => {
    let byValue = rows.get(dimension);
    if (!byValue) rows.set(dimension, (byValue = new Map()));
    let byDay = byValue.get(value);
    if (!byDay) byValue.set(value, (byDay = new Map()));
    let r = byDay.get(day);
    if (!r) byDay.set(day, (r = { day, dimension, value, sessions: 0, orders: 0, revenue: 0, cents: 0 }));
    r.sessions += s;
    r.orders += o;
    r.cents += cents;
  };
  const orderSessions = new Set(col<string | null>(orders, "session_id"));
  const segmentOf = new Map<string, [string, string, string, string]>();
  for (let i = 0; i < s.length; i++) {
    const visitor = s.is_returning[i] ? "Returning" : "New";
    const person = personReturning ? (personReturning[i] ? "Returning" : "New") : "";
    const day = s.start_date[i]!;
    // An order's session holds its purchase event: only purchase sessions are looked up (no hash of every session id).
    if (s.has_purchase[i] && orderSessions.has(s.session_id[i]!)) segmentOf.set(s.session_id[i]!, [s.device_type[i]!, visitor, s.channel[i]!, person]);
    bump(day, "device", s.device_type[i]!, 1, 0, 0);
    bump(day, "visitor", visitor, 1, 0, 0);
    if (personReturning) bump(day, "person_visitor", person, 1, 0, 0);
    bump(day, "channel", s.channel[i]!, 1, 0, 0);
  }
  for (const o of orders.objects() as { session_id: string | null; order_date: string; revenue_cents: number }[]) {
    const seg = (o.session_id && segmentOf.get(o.session_id)) || ["(no client id)", "(no client id)", "(no client id)", "(no client id)"];
    bump(o.order_date, "device", seg[0], 0, 1, o.revenue_cents);
    bump(o.order_date, "visitor", seg[1], 0, 1, o.revenue_cents);
    if (personReturning) bump(o.order_date, "person_visitor", seg[3], 0, 1, o.revenue_cents);
    bump(o.order_date, "channel", seg[2], 0, 1, o.revenue_cents);
  }
  const out: DailySegmentRow[] = [];
  for (const byValue of rows.values()) for (const byDay of byValue.values()) for (const { cents, ...r } of byDay.values()) out.push({ ...r, revenue: cents / 100 });
  return out.sort((a, b) => a.day.localeCompare(b.day) || a.dimension.localeCompare(b.dimension) || a.value.localeCompare(b.value));
}
