/**
 * Multi-touch attribution. For an order, the touchpoints are the sessions of the same client
 * that started within the lookback window before the purchase (start >= purchase - lookback),
 * up to and including the session of the purchase (start <= purchase time). Orders without a
 * client id or without a touch are credited to "Unattributed".
 *
 * Every model gives each touch a weight; weights of an order sum to 1. Revenue is split in cents
 * by largest remainder, so each order's credited cents sum to its revenue exactly and every
 * model's credited revenue equals total order revenue to the cent.
 */
import type { ColumnTable } from "arquero";
import { LOOKBACK_DAYS, MODELS, UNATTRIBUTED, type Model } from "./constants";
import { addNonConverting, ChannelIndex, JourneySet, weightsByChannelValue, type SessionsLike } from "./data-driven";
import { tableOf } from "./orders";
import { col } from "./table";

export { MODELS, MODEL_LABELS, LOOKBACK_DAYS, DEFAULT_LOOKBACK_DAYS, type Model } from "./constants";
const DAY_MS = 86_400_000;
export const TIME_DECAY_HALF_LIFE_DAYS = 7;

export interface TouchRow {
  session_id: string;
  client_id: string;
  ts: number;
  channel: string;
}

export interface CreditRow {
  order_id: string;
  model: Model;
  lookback_days: number;
  /** Touch position in the order's path (0-based), -1 for Unattributed. */
  touch_index: number;
  session_id: string | null;
  channel: string;
  credit: number;
  revenue_cents: number;
}

/** The data-driven models' value per channel in one lookback window (Markov removal effects, Shapley values). */
export interface ChannelValues {
  markov: ReadonlyMap<string, number>;
  shapley: ReadonlyMap<string, number>;
}

/**
 * Weights of n touches (ordered oldest first) under a model. The data-driven models need the
 * window's channel values (`dataDriven`, from `channelValues`).
 */
export function modelWeights(model: Model, touches: { ts: number; channel: string }[], purchaseTs: number, dataDriven?: ChannelValues): number[] {
  const n = touches.length;
  const one = (i: number) => touches.map((_, k) => (k === i ? 1 : 0));
  switch (model) {
    case "first_click":
      return one(0);
    case "last_click":
      return one(n - 1);
    case "last_non_direct": {
      let i = n - 1;
      while (i >= 0 && touches[i]!.channel === "Direct") i--;
      return one(i >= 0 ? i : n - 1);
    }
    case "linear":
      return touches.map(() => 1 / n);
    case "position_based":
      if (n === 1) return [1];
      if (n === 2) return [0.5, 0.5];
      return touches.map((_, k) => (k === 0 || k === n - 1 ? 0.4 : 0.2 / (n - 2)));
    case "time_decay": {
      const raw = touches.map((t) => Math.pow(2, -(purchaseTs - t.ts) / (TIME_DECAY_HALF_LIFE_DAYS * DAY_MS)));
      const sum = raw.reduce((a, b) => a + b, 0);
      return raw.map((w) => w / sum);
    }
    case "markov":
    case "shapley":
      if (!dataDriven) throw new Error(`the ${model} model needs the channel values of its lookback window`);
      return weightsByChannelValue(touches, dataDriven[model]);
  }
}

/**
 * The journeys of one lookback window (docs/metrics.md, Data-driven attribution) reduced to the
 * data-driven models' channel values: converting journeys are the orders' touches, non-converting
 * ones come from `visitors` (sessions of clients without an order).
 */
export function channelValues(journeys: JourneySet): ChannelValues {
  return { markov: journeys.markov().removalEffects, shapley: journeys.shapley() };
}

/** Splits `cents` by weights with the largest-remainder method: the parts sum to `cents` exactly. */
export function splitCents(cents: number, weights: number[]): number[] {
  const exact = weights.map((w) => w * cents);
  const parts = exact.map(Math.floor);
  let rest = cents - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, frac: e - Math.floor(e) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k]!.i]!++;
  return parts;
}

export interface OrderForAttribution {
  order_id: string;
  client_id: string | null;
  ts: number;
  revenue_cents: number;
}

/** The touches of one order within a lookback window, oldest first. */
export function touchesFor(order: OrderForAttribution, byClient: Map<string, TouchRow[]>, lookbackDays: number): TouchRow[] {
  if (!order.client_id) return [];
  const all = byClient.get(order.client_id) ?? [];
  const from = order.ts - lookbackDays * DAY_MS;
  return all.filter((t) => t.ts >= from && t.ts <= order.ts);
}

/**
 * Touches per client, oldest first. `onlyClients` limits the map to the clients that matter (those
 * with orders): attribution and journeys look up nobody else.
 */
/** @param onlySessions when given, only these sessions are touches (visitor sessions: robots left out) */
export function groupTouches(touchpoints: ColumnTable, onlyClients?: ReadonlySet<string | null>, onlySessions?: ReadonlySet<string>): Map<string, TouchRow[]> {
  const byClient = new Map<string, TouchRow[]>();
  const sessionId = col<string>(touchpoints, "session_id");
  const client = col<string>(touchpoints, "client_id");
  const ts = col<number>(touchpoints, "ts");
  const channel = col<string>(touchpoints, "channel");
  for (let i = 0; i < touchpoints.numRows(); i++) {
    if (onlyClients && !onlyClients.has(client[i]!)) continue;
    if (onlySessions && !onlySessions.has(sessionId[i]!)) continue;
    const t: TouchRow = { session_id: sessionId[i]!, client_id: client[i]!, ts: ts[i]!, channel: channel[i]! };
    let list = byClient.get(t.client_id);
    if (!list) byClient.set(t.client_id, (list = []));
    list.push(t);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.ts - b.ts);
  return byClient;
}

/**
 * @param byClient touches per client, oldest first (groupTouches)
 * @param visitors visitor sessions (a client's adjacent, oldest first): the non-converting journeys
 *   of the data-driven models come from the clients among them without an order. Without it those
 *   models see converting journeys only.
 */
export function attribute(orders: ColumnTable, byClient: Map<string, TouchRow[]>, lookbacks: readonly number[] = LOOKBACK_DAYS, visitors?: SessionsLike): ColumnTable {
  const rows: CreditRow[] = [];
  const list = orders.objects() as OrderForAttribution[];
  const touchesOf = lookbacks.map((lookback) => list.map((order) => touchesFor(order, byClient, lookback)));
  const channels = new ChannelIndex();
  const sets = lookbacks.map((lookback, l) => {
    const journeys = new JourneySet(channels);
    for (const touches of touchesOf[l]!) journeys.add(touches.map((t) => t.channel), true);
    return { lookback, journeys };
  });
  if (visitors) addNonConverting(sets, visitors, new Set(list.map((o) => o.client_id)));
  const values = sets.map((s) => channelValues(s.journeys));
  list.forEach((order, o) => {
    lookbacks.forEach((lookback, l) => {
      const touches = touchesOf[l]![o]!;
      for (const model of MODELS) {
        if (touches.length === 0) {
          rows.push({ order_id: order.order_id, model, lookback_days: lookback, touch_index: -1, session_id: null, channel: UNATTRIBUTED, credit: 1, revenue_cents: order.revenue_cents });
          continue;
        }
        const weights = modelWeights(model, touches, order.ts, values[l]);
        const cents = splitCents(order.revenue_cents, weights);
        touches.forEach((t, i) => {
          if (weights[i] === 0) return;
          rows.push({ order_id: order.order_id, model, lookback_days: lookback, touch_index: i, session_id: t.session_id, channel: t.channel, credit: weights[i]!, revenue_cents: cents[i]! });
        });
      }
    });
  });
  return tableOf(rows, ["order_id", "model", "lookback_days", "touch_index", "session_id", "channel", "credit", "revenue_cents"]);
}
