/**
 * Validation: named checks that prove nothing was lost or invented between stages. Stored with
 * every run and shown in the UI; the sample export and generated data must pass all of them.
 */
import { col } from "./table";
import type { ColumnTable } from "arquero";
import { DEFAULT_LOOKBACK_DAYS, LOOKBACK_DAYS, MODELS } from "./constants";
import { CHANNELS } from "./channels";
import type { ChannelPerformanceRow, DailyMetricRow, FunnelRow } from "./aggregates";
import type { Accounting } from "./quality";
import type { SessionColumns } from "./sessions";
import { toCents } from "./orders";

export interface ValidationCheck {
  name: string;
  passed: boolean;
  detail: string;
}

export interface ValidationInput {
  /** Credited cents of the attribution per person, per "model lookback" (lib/pipeline/person-attribution.ts). */
  personCreditedCents: Record<string, number>;
  /** The per-order person credits that are stored (default lookback; PersonCredit): each order's must sum to its revenue under every model. */
  personCredits?: ColumnTable;
  accounting: Accounting;
  events: ColumnTable;
  sessions: SessionColumns;
  /** Sessions counted as visitors (all sessions, or those of people when robots are left out). */
  visitorSessions?: number;
  /** Per event row, the index of the session row it was assigned to (-1 without a client id). */
  eventSession: Int32Array;
  noClientEvents: number;
  orders: ColumnTable;
  items: ColumnTable;
  touchpoints: ColumnTable;
  credits: ColumnTable;
  clients: ColumnTable;
  channelPerformance: ChannelPerformanceRow[];
  funnel: FunnelRow[];
  daily: DailyMetricRow[];
  timeoutMinutes: number;
}

const check = (name: string, passed: boolean, detail: string): ValidationCheck => ({ name, passed, detail });
const sum = (t: ColumnTable, name: string) => {
  let s = 0;
  for (const x of col<number>(t, name)) s += x;
  return s;
};

export function validate(v: ValidationInput): ValidationCheck[] {
  const checks: ValidationCheck[] = [];
  const a = v.accounting;
  checks.push(check("accounting_balanced", a.inputRows === a.loadedRows + a.quarantinedRows + a.duplicateRows, `${a.inputRows} input = ${a.loadedRows} loaded + ${a.quarantinedRows} quarantined + ${a.duplicateRows} duplicates`));

  const loaded = v.events.numRows();
  const sessionIds = col<string | null>(v.events, "session_id");
  let sessionized = 0;
  for (const s of sessionIds) if (s !== null) sessionized++;
  checks.push(check("event_conservation", loaded === a.loadedRows && loaded === sessionized + v.noClientEvents, `${loaded} loaded = ${sessionized} sessionized + ${v.noClientEvents} without client id`));
  const sessions = v.sessions;
  let sessionEvents = 0;
  for (const n of sessions.event_count) sessionEvents += n;
  checks.push(check("session_event_sum", sessionEvents === sessionized, `sessions hold ${sessionEvents} events; ${sessionized} events carry a session id`));

  const ids = new Set(sessions.session_id);
  checks.push(check("one_row_per_session", ids.size === sessions.length, `${sessions.length} session rows, ${ids.size} distinct ids`));
  // Each event's session id must be the id of the session row it was assigned to (by index: no
  // lookup of a million ids in a set).
  let noSessionRow = 0;
  let otherSession = 0;
  for (let i = 0; i < sessionIds.length; i++) {
    const s = sessionIds[i]!;
    if (s === null) continue;
    const k = v.eventSession[i] ?? -1;
    if (k < 0 || k >= sessions.length) noSessionRow++;
    else if (sessions.session_id[k] !== s) otherSession++;
  }
  checks.push(check("event_sessions_exist", noSessionRow === 0 && otherSession === 0, `${noSessionRow} events with a session id point at no session row; ${otherSession} events whose session id is not their session row's`));
  let badBounds = 0;
  let longGaps = 0;
  for (let i = 0; i < sessions.length; i++) {
    if (sessions.end_ts[i]! < sessions.start_ts[i]! || sessions.duration_sec[i]! < 0) badBounds++;
    if (sessions.max_gap_min[i]! > v.timeoutMinutes) longGaps++;
  }
  checks.push(check("session_bounds", badBounds === 0, `${badBounds} sessions end before they start`));
  checks.push(check("session_timeout_respected", longGaps === 0, `${longGaps} sessions contain a gap over ${v.timeoutMinutes} minutes`));
  // Sessionization emits each client's sessions together, in time order: compare neighbours.
  let overlaps = 0;
  for (let i = 1; i < sessions.length; i++) {
    const { client_id: client, start_ts: start, end_ts: end } = sessions;
    if (client[i - 1] === client[i] && (start[i]! < start[i - 1]! || start[i]! - end[i - 1]! <= v.timeoutMinutes * 60_000)) overlaps++;
  }
  checks.push(check("no_overlapping_sessions", overlaps === 0, `${overlaps} consecutive sessions of a client closer than the timeout or overlapping`));

  const orders = v.orders.objects() as { order_id: string; client_id: string | null; session_id: string | null; ts: number; revenue_cents: number; transaction_id: string }[];
  const orderIds = new Set(orders.map((o) => o.order_id));
  checks.push(check("one_row_per_order", orderIds.size === orders.length, `${orders.length} orders, ${orderIds.size} distinct order ids`));

  // Reference computed independently from the events: distinct valid purchase payloads.
  const eventName = col<string>(v.events, "event_name");
  const [txn, eventClient, revenue, items] = (["transaction_id", "client_id", "revenue", "items"] as const).map((c) => col<string | number | null>(v.events, c));
  let purchaseEvents = 0;
  const distinct = new Map<string, number>();
  for (let i = 0; i < eventName.length; i++) {
    if (eventName[i] !== "checkout_completed") continue;
    purchaseEvents++;
    distinct.set(`${txn![i]}|${eventClient![i] ?? ""}|${revenue![i]}|${items![i]}`, toCents(revenue![i] as number));
  }
  const rawCents = [...distinct.values()].reduce((x, y) => x + y, 0);
  const orderCents = orders.reduce((s, o) => s + o.revenue_cents, 0);
  checks.push(check("orders_from_valid_purchases", distinct.size === orders.length, `${purchaseEvents} valid purchase events, ${distinct.size} distinct purchases, ${orders.length} orders`));
  checks.push(check("revenue_purchases_to_orders", rawCents === orderCents, `purchases $${(rawCents / 100).toFixed(2)} vs orders $${(orderCents / 100).toFixed(2)}`));

  // Only the sessions orders and credits point at are looked up: index just those.
  const wanted = new Set<string | null>(orders.map((o) => o.session_id));
  for (const id of col<string | null>(v.credits, "session_id")) wanted.add(id);
  const sessionOf = new Map<string, { client_id: string; start_ts: number; has_purchase: boolean }>();
  for (let i = 0; i < sessions.length; i++) {
    const id = sessions.session_id[i]!;
    if (wanted.has(id)) sessionOf.set(id, { client_id: sessions.client_id[i]!, start_ts: sessions.start_ts[i]!, has_purchase: sessions.has_purchase[i]! });
  }
  // A reference that finds nothing is a failure of its own, named in the detail.
  const missingOrderSession = orders.filter((o) => o.session_id !== null && !sessionOf.has(o.session_id)).length;
  const misplaced = orders.filter((o) => {
    if (o.session_id !== null && !sessionOf.has(o.session_id)) return false; // counted as missing
    return o.client_id === null ? o.session_id !== null : !o.session_id || sessionOf.get(o.session_id)!.client_id !== o.client_id;
  }).length;
  checks.push(check("order_in_one_session", misplaced === 0 && missingOrderSession === 0, `${misplaced} orders with a client id lack their session or sit in another client's (or have a session without a client id); ${missingOrderSession} orders point at a session that does not exist`));
  const purchaseSessions = orders.filter((o) => o.session_id !== null && sessionOf.has(o.session_id) && !sessionOf.get(o.session_id)!.has_purchase).length;
  checks.push(check("purchase_session_flagged", purchaseSessions === 0 && missingOrderSession === 0, `${purchaseSessions} order sessions not marked as purchased; ${missingOrderSession} order sessions that do not exist`));
  const orphanItems = col<string>(v.items, "order_id").filter((id) => !orderIds.has(id)).length;
  checks.push(check("order_items_belong_to_orders", orphanItems === 0, `${orphanItems} order items whose order does not exist`));
  checks.push(productRevenueCheck(orders, v.items));

  checks.push(check("one_touchpoint_per_session", v.touchpoints.numRows() === sessions.length, `${v.touchpoints.numRows()} touchpoints for ${sessions.length} sessions`));

  const orderTs = new Map(orders.map((o) => [o.order_id, o.ts]));

  const credits = v.credits.objects() as { order_id: string; model: string; lookback_days: number; session_id: string | null; credit: number; revenue_cents: number }[];
  // A credited touch is checked against its order's time and its session's start; a credit whose
  // order or session does not exist cannot be checked and fails both checks.
  let creditsNoOrder = 0;
  let creditsNoSession = 0;
  let late = 0;
  let outside = 0;
  for (const c of credits) {
    const ts = orderTs.get(c.order_id);
    if (ts === undefined) creditsNoOrder++;
    if (c.session_id === null) continue; // an unattributed share: no touch to check
    const touch = sessionOf.get(c.session_id);
    if (touch === undefined) creditsNoSession++;
    if (ts === undefined || touch === undefined) continue;
    if (touch.start_ts > ts) late++;
    if (touch.start_ts < ts - c.lookback_days * 86_400_000) outside++;
  }
  const dangling = `; ${creditsNoSession} credits point at a session and ${creditsNoOrder} at an order that does not exist`;
  const danglingOk = creditsNoSession === 0 && creditsNoOrder === 0;
  checks.push(check("touch_before_purchase", late === 0 && danglingOk, `${late} credited touches start after their purchase${dangling}`));
  checks.push(check("touch_within_lookback", outside === 0 && danglingOk, `${outside} credited touches start before the lookback window${dangling}`));

  const perOrder = new Map<string, { credit: number; cents: number }>();
  for (const c of credits) {
    if (!orderTs.has(c.order_id)) continue; // counted as credits without an order
    const k = `${c.order_id}|${c.model}|${c.lookback_days}`;
    const p = perOrder.get(k) ?? { credit: 0, cents: 0 };
    p.credit += c.credit;
    p.cents += c.revenue_cents;
    perOrder.set(k, p);
  }
  const lookbacks = new Set<number>(LOOKBACK_DAYS);
  // Every order has a credit sum of 1 under every model and window: look each one up, so a
  // credit for an order that does not exist cannot stand in for an order's missing credits.
  let badCredit = 0;
  let missing = 0;
  for (const id of orderIds) {
    for (const model of MODELS) {
      for (const lb of lookbacks) {
        const p = perOrder.get(`${id}|${model}|${lb}`);
        if (p === undefined) missing++;
        else if (Math.abs(p.credit - 1) > 1e-9) badCredit++;
      }
    }
  }
  const expectedKeys = orderIds.size * MODELS.length * lookbacks.size;
  const strayKeys = perOrder.size - (expectedKeys - missing); // credits of an order under a model or window that does not exist
  checks.push(check("credits_sum_to_one", badCredit === 0 && missing === 0 && creditsNoOrder === 0 && strayKeys === 0, `${badCredit} order/model/window credit sums differ from 1; ${missing} missing; ${creditsNoOrder} credits for orders that do not exist; ${strayKeys} order credits under an unknown model or window`));
  for (const model of MODELS) {
    const rows = credits.filter((c) => c.model === model);
    const wrong = [...lookbacks].filter((lb) => rows.filter((c) => c.lookback_days === lb).reduce((s, c) => s + c.revenue_cents, 0) !== orderCents);
    checks.push(check(`revenue_conservation_${model}`, wrong.length === 0, wrong.length === 0 ? `credited revenue = order revenue $${(orderCents / 100).toFixed(2)} in every lookback window` : `differs in windows ${wrong.join(", ")}`));
  }

  const channelSessions = v.channelPerformance.filter((c) => c.model === "last_click" && c.lookback_days === DEFAULT_LOOKBACK_DAYS).reduce((s, c) => s + c.sessions, 0);
  const known = new Set<string>(CHANNELS);
  const unknownChannels = sessions.channel.filter((c) => !known.has(c)).length;
  const visitors = v.visitorSessions ?? sessions.length;
  const botSessions = sessions.bot_family.filter((b) => b != null).length;
  checks.push(check("channel_sessions_total", unknownChannels === 0 && (visitors === 0 || channelSessions === visitors), `${channelSessions} sessions across channels of ${visitors} visitor sessions; ${unknownChannels} outside the channel list`));
  checks.push(check("bot_sessions_accounted", visitors === sessions.length || visitors + botSessions === sessions.length, `${visitors} visitor sessions + ${visitors === sessions.length ? 0 : botSessions} robot sessions left out = ${sessions.length} sessions`));

  const nonMonotone = v.funnel.filter((f) => !(f.sessions >= f.product_view && f.product_view >= f.add_to_cart && f.add_to_cart >= f.checkout_started && f.checkout_started >= f.purchased)).length;
  checks.push(check("funnel_monotone", nonMonotone === 0, `${nonMonotone} funnel rows where a step exceeds the one before`));

  const dailyEvents = v.daily.reduce((s, d) => s + d.events, 0);
  const dailyCents = v.daily.reduce((s, d) => s + toCents(d.revenue), 0);
  const dailySessions = v.daily.reduce((s, d) => s + d.sessions, 0);
  const dailyBots = v.daily.reduce((s, d) => s + d.bot_sessions, 0);
  checks.push(check("daily_totals_match", dailyEvents === loaded && dailyCents === orderCents && dailySessions === visitors && dailyBots === botSessions, `daily sums: ${dailyEvents} events, ${dailySessions} visitor sessions, ${dailyBots} robot sessions, $${(dailyCents / 100).toFixed(2)}`));

  const clientSessions = sum(v.clients, "sessions");
  const clientOrders = sum(v.clients, "orders");
  const ordersWithClient = orders.filter((o) => o.client_id !== null).length;
  const orderTotal = col<number>(v.orders, "revenue_cents");
  let allCents = 0;
  for (let i = 0; i < orderTotal.length; i++) allCents += orderTotal[i]!;
  const personKeys = MODELS.flatMap((m) => LOOKBACK_DAYS.map((l) => `${m} ${l}`));
  const personOff = personKeys.filter((k) => v.orders.numRows() > 0 && v.personCreditedCents[k] !== allCents);
  const storedOff = v.personCredits ? personCreditsOff(v.orders, v.personCredits) : [];
  const personOk = personOff.length === 0 && storedOff.length === 0;
  checks.push(
    check(
      "revenue_conservation_by_person",
      personOk,
      personOk
        ? `credits per person sum to $${(allCents / 100).toFixed(2)} under all ${personKeys.length} models and windows${v.personCredits ? `; the ${v.personCredits.numRows()} stored rows (${DEFAULT_LOOKBACK_DAYS}-day lookback) give every order its revenue to the cent under all ${MODELS.length} models` : ""}`
        : `off: ${[...personOff.map((k) => `${k} ${v.personCreditedCents[k] ?? 0} of ${allCents} cents`), ...storedOff.slice(0, 5)].join("; ")}${storedOff.length > 5 ? `; ${storedOff.length - 5} more stored orders off` : ""}`,
    ),
  );
  checks.push(check("clients_consistent", clientSessions === sessions.length && clientOrders === ordersWithClient, `clients hold ${clientSessions} sessions and ${clientOrders} orders (expected ${sessions.length} and ${ordersWithClient})`));
  return checks;
}

/**
 * The stored per-order person credits (PersonCredit): for every order and every model, exactly the
 * order's revenue in cents, no order missing and no credit for an unknown order. Returns what is off.
 */
function personCreditsOff(orders: ColumnTable, credits: ColumnTable): string[] {
  const revenue = new Map<string, number>();
  const ids = col<string>(orders, "order_id");
  const cents = col<number>(orders, "revenue_cents");
  for (let i = 0; i < ids.length; i++) revenue.set(ids[i]!, cents[i]!);
  const sums = new Map<string, Map<string, number>>();
  const order = col<string>(credits, "order_id");
  const model = col<string>(credits, "model");
  const credited = col<number>(credits, "revenue_cents");
  for (let k = 0; k < order.length; k++) {
    let m = sums.get(model[k]!);
    if (!m) sums.set(model[k]!, (m = new Map()));
    m.set(order[k]!, (m.get(order[k]!) ?? 0) + credited[k]!);
  }
  const off: string[] = [];
  for (const mdl of MODELS) {
    const m = sums.get(mdl) ?? new Map<string, number>();
    for (const [id, c] of revenue) if (m.get(id) !== c) off.push(`${mdl} order ${id}: ${m.get(id) ?? 0} of ${c} cents`);
    for (const id of m.keys()) if (!revenue.has(id)) off.push(`${mdl} credit for unknown order ${id}`);
  }
  return off;
}

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/**
 * Product revenue (priced + estimated) reconciles to order revenue (docs/metrics.md, "Product
 * revenue"). The rule: every order's items' revenue sums to the order's revenue to the cent,
 * except (a) an order whose priced items exceed its revenue (its product revenue is its priced
 * items; its unpriced items hold $0) and (b) an order whose items all have a price and sum to less
 * than its revenue (nothing to allocate to). Every item is checked too: an item is estimated
 * exactly when it lacks a price or a quantity, a priced item holds price x quantity in cents, an
 * estimated one a share >= 0. In total: product revenue = order revenue + (a)'s excess - (b)'s gap.
 */
function productRevenueCheck(orders: { order_id: string; revenue_cents: number }[], items: ColumnTable): ValidationCheck {
  const [orderId, price, quantity, cents, estimated] = (["order_id", "item_price", "quantity", "revenue_cents", "revenue_estimated"] as const).map((c) => col<unknown>(items, c));
  const perOrder = new Map<string, { priced: number; estimated: number; unpriced: number }>();
  let badItems = 0;
  for (let i = 0; i < orderId!.length; i++) {
    const p = price![i] as number | null;
    const q = quantity![i] as number | null;
    const c = cents![i] as number;
    const isEstimated = estimated![i] as boolean;
    const priced = p !== null && q !== null;
    if (isEstimated === priced || !Number.isInteger(c) || (priced ? c !== toCents(p * q) : c < 0)) badItems++;
    const o = perOrder.get(orderId![i] as string) ?? { priced: 0, estimated: 0, unpriced: 0 };
    if (isEstimated) {
      o.estimated += c;
      o.unpriced++;
    } else o.priced += c;
    perOrder.set(orderId![i] as string, o);
  }
  let orderCents = 0;
  let productCents = 0;
  let estimatedCents = 0;
  let allocatedOrders = 0;
  let over = 0;
  let overCents = 0;
  let under = 0;
  let underCents = 0;
  let off = 0;
  for (const order of orders) {
    const o = perOrder.get(order.order_id) ?? { priced: 0, estimated: 0, unpriced: 0 };
    orderCents += order.revenue_cents;
    productCents += o.priced + o.estimated;
    estimatedCents += o.estimated;
    const unexplained = order.revenue_cents - o.priced;
    if (unexplained < 0) {
      over++;
      overCents -= unexplained;
      if (o.estimated !== 0) off++;
    } else if (o.unpriced === 0 && unexplained > 0) {
      under++;
      underCents += unexplained;
    } else {
      if (o.unpriced > 0) allocatedOrders++;
      if (o.priced + o.estimated !== order.revenue_cents) off++;
    }
  }
  const balanced = productCents === orderCents + overCents - underCents;
  return check(
    "product_revenue_reconciles",
    badItems === 0 && off === 0 && balanced,
    `product revenue ${dollars(productCents)} (${dollars(productCents - estimatedCents)} priced + ${dollars(estimatedCents)} estimated in ${allocatedOrders} orders with unpriced items) = order revenue ${dollars(orderCents)} + ${dollars(overCents)} priced beyond the revenue of ${over} orders - ${dollars(underCents)} not explained by the fully priced items of ${under} orders; ${off} orders and ${badItems} items off`,
  );
}
