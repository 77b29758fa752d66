/**
 * Attribution per person (lib/pipeline/identity.ts): the same models over the touches of every
 * device of the buyer, so an ad clicked on the phone and paid for on the laptop is credited to the
 * ad, not to Direct. Every order is attributed again with its client replaced by its person, the
 * visitor sessions of all the person's clients as touches (and, for the data-driven models, the
 * persons without an order as non-converting journeys).
 */
import type { ColumnTable } from "arquero";
import { attribute, type TouchRow } from "./attribution";
import { DEFAULT_LOOKBACK_DAYS, LOOKBACK_DAYS } from "./constants";
import { personId, type Identity } from "./identity";
import type { SessionColumns } from "./sessions";
import { tableOf } from "./orders";
import { col } from "./table";

export interface ChannelCredit {
  orders: number;
  revenue: number;
}

export interface PersonAttribution {
  /** model → lookback → channel → credited orders and revenue, per person. */
  byModel: Record<string, Record<number, Record<string, ChannelCredit>>>;
  /** Orders whose single credited channel differs between device and person, per single-touch model, default lookback. */
  changedOrders: { first_click: number; last_click: number };
  /** Credited cents per "model lookback" (validation checks they add up to the orders' revenue). */
  creditedCents: Record<string, number>;
  /**
   * Each order's credit per person, default lookback only (the executive summary's window), one row
   * per order, model and channel (touches of one channel summed): order_id, model, lookback_days,
   * channel, credit, revenue_cents. Stored as PersonCredit, so a period's credit can be summed.
   */
  orderCredits: ColumnTable;
}

/** The person credits of the default lookback, summed per order, model and channel (in the credits' order). */
function perOrder(credits: ColumnTable): ColumnTable {
  const order = col<string>(credits, "order_id");
  const m = col<string>(credits, "model");
  const lb = col<number>(credits, "lookback_days");
  const channel = col<string>(credits, "channel");
  const credit = col<number>(credits, "credit");
  const cents = col<number>(credits, "revenue_cents");
  const rows: { order_id: string; model: string; lookback_days: number; channel: string; credit: number; revenue_cents: number }[] = [];
  // An order's rows of one model and window are adjacent: a small map per (order, model) run.
  let key = "";
  let byChannel = new Map<string, (typeof rows)[number]>();
  for (let k = 0; k < order.length; k++) {
    if (lb[k] !== DEFAULT_LOOKBACK_DAYS) continue;
    const run = `${order[k]} ${m[k]}`;
    if (run !== key) {
      key = run;
      byChannel = new Map();
    }
    const r = byChannel.get(channel[k]!);
    if (r) {
      r.credit += credit[k]!;
      r.revenue_cents += cents[k]!;
    } else {
      const row = { order_id: order[k]!, model: m[k]!, lookback_days: lb[k]!, channel: channel[k]!, credit: credit[k]!, revenue_cents: cents[k]! };
      byChannel.set(channel[k]!, row);
      rows.push(row);
    }
  }
  return tableOf(rows, ["order_id", "model", "lookback_days", "channel", "credit", "revenue_cents"]);
}

/** Each order's channel under a single-touch model (the one row with all the credit, or Unattributed). */
function singleChannel(credits: ColumnTable, model: string): Map<string, string> {
  const out = new Map<string, string>();
  const order = col<string>(credits, "order_id");
  const m = col<string>(credits, "model");
  const lb = col<number>(credits, "lookback_days");
  const channel = col<string>(credits, "channel");
  for (let k = 0; k < order.length; k++) if (m[k] === model && lb[k] === DEFAULT_LOOKBACK_DAYS) out.set(order[k]!, channel[k]!);
  return out;
}

export function attributeByPerson(identity: Identity, orders: ColumnTable, visitors: SessionColumns, deviceCredits: ColumnTable): PersonAttribution {
  const person = (c: string) => personId(identity, c);
  // The visitor sessions of every person with an order, as touches; and every visitor session by
  // person, adjacent and oldest first, for the non-converting journeys.
  const buyers = new Set<string>();
  for (const c of col<string | null>(orders, "client_id")) if (c) buyers.add(person(c));
  const byPerson = new Map<string, TouchRow[]>();
  // Sessions come grouped by client, oldest first. A person of one client keeps that order; only the
  // sessions of persons with several clients (a handful) are gathered and sorted by person and time.
  const multiRoots = new Set(identity.personOf.values());
  const personOfSession = visitors.client_id.map(person);
  const order: number[] = [];
  const merged: number[] = [];
  for (let i = 0; i < visitors.length; i++) (multiRoots.has(personOfSession[i]!) ? merged : order).push(i);
  merged.sort((a, b) => (personOfSession[a]! < personOfSession[b]! ? -1 : personOfSession[a]! > personOfSession[b]! ? 1 : visitors.start_ts[a]! - visitors.start_ts[b]! || (visitors.session_id[a]! < visitors.session_id[b]! ? -1 : 1)));
  order.push(...merged);
  for (const i of order) {
    const p = personOfSession[i]!;
    if (!buyers.has(p)) continue;
    let list = byPerson.get(p);
    if (!list) byPerson.set(p, (list = []));
    list.push({ session_id: visitors.session_id[i]!, client_id: p, ts: visitors.start_ts[i]!, channel: visitors.channel[i]! });
  }
  const sessions = {
    length: order.length,
    client_id: order.map((i) => personOfSession[i]!),
    start_ts: Float64Array.from(order, (i) => visitors.start_ts[i]!),
    channel: order.map((i) => visitors.channel[i]!),
  };
  const personOrders = orders.assign({ client_id: col<string | null>(orders, "client_id").map((c) => (c ? person(c) : null)) });
  const credits = attribute(personOrders, byPerson, LOOKBACK_DAYS, sessions);

  const byModel: PersonAttribution["byModel"] = {};
  const cents = new Map<string, number>();
  const model = col<string>(credits, "model");
  const lookback = col<number>(credits, "lookback_days");
  const channel = col<string>(credits, "channel");
  const credit = col<number>(credits, "credit");
  const revenue = col<number>(credits, "revenue_cents");
  for (let k = 0; k < model.length; k++) {
    const m = (byModel[model[k]!] ??= {});
    const l = (m[lookback[k]!] ??= {});
    const c = (l[channel[k]!] ??= { orders: 0, revenue: 0 });
    c.orders += credit[k]!;
    c.revenue += revenue[k]!;
    const key = `${model[k]} ${lookback[k]}`;
    cents.set(key, (cents.get(key) ?? 0) + revenue[k]!);
  }
  for (const m of Object.values(byModel)) for (const l of Object.values(m)) for (const c of Object.values(l)) {
    c.orders = Math.round(c.orders * 1e6) / 1e6;
    c.revenue = c.revenue / 100;
  }

  const changed = (m: "first_click" | "last_click") => {
    const device = singleChannel(deviceCredits, m);
    let n = 0;
    for (const [id, ch] of singleChannel(credits, m)) if (device.get(id) !== ch) n++;
    return n;
  };
  return { byModel, changedOrders: { first_click: changed("first_click"), last_click: changed("last_click") }, creditedCents: Object.fromEntries(cents), orderCredits: perOrder(credits) };
}
