/**
 * Orders from valid purchases (quarantine already removed the invalid ones). A purchase replayed
 * with an identical payload (same client, revenue and items) is one order; two different
 * purchases sharing a transaction id are both kept (no revenue is dropped) and flagged, the
 * later one getting the order id `<transaction_id>#2`. Each item carries its product revenue:
 * price x quantity, or for an item without a price its estimated share of the revenue the priced
 * items do not explain (`product-revenue.ts`).
 *
 * In:  events table with session_id.   Out: orders and order items tables.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import type { PurchaseItem } from "./types";
import { utcDay } from "./day";
import { itemRevenue } from "./product-revenue";
import { col } from "./table";

export interface OrderRow {
  order_id: string;
  transaction_id: string;
  client_id: string | null;
  session_id: string | null;
  /** Number of the purchase's session among the client's sessions (1 = first); null without a client id. */
  session_number: number | null;
  /** Start of the client's first session in the data (epoch ms); null without a client id. */
  client_first_seen: number | null;
  event_id: number;
  ts: number;
  order_date: string;
  revenue: number;
  revenue_cents: number;
  item_count: number;
  units: number;
  /** Another, different purchase used the same transaction id. */
  collision: boolean;
  /** Revenue differs from the sum of item price x quantity (or an item lacks its price). */
  items_mismatch: boolean;
  /** Identical replays of this purchase that were counted once. */
  replays: number;
}

export interface OrderItemRow {
  order_id: string;
  item_id: string;
  item_name: string | null;
  item_variant: string | null;
  quantity: number | null;
  item_price: number | null;
  /** price x quantity, null when either is missing. */
  line_revenue: number | null;
  /**
   * Product revenue of the item in cents: price x quantity, or for an item without one its share
   * of the order's revenue that the priced items do not explain (lib/pipeline/product-revenue.ts).
   */
  revenue_cents: number;
  /** The item has no price x quantity: `revenue_cents` is an allocation (possibly 0), not a recorded amount. */
  revenue_estimated: boolean;
}

export interface OrdersResult {
  orders: ColumnTable;
  items: ColumnTable;
  /** Valid purchase events seen (before folding replays). */
  purchaseEvents: number;
  /** Revenue of distinct valid purchases, in cents (the reconciliation reference). */
  purchaseRevenueCents: number;
}

export const toCents = (v: number) => Math.round(v * 100);

/**
 * @param events loaded events with their session id
 * @param sessionOfRow for an event row, its session's number and the start of its client's first
 *   session (null without a client id)
 */
export function buildOrders(events: ColumnTable, sessionOfRow: (row: number) => { number: number; clientFirstSeen: number } | null): OrdersResult {
  const name = col<string>(events, "event_name");
  const ts = col<number>(events, "ts");
  const eventId = col<number>(events, "event_id");
  const rows: number[] = [];
  for (let k = 0; k < name.length; k++) if (name[k] === "checkout_completed") rows.push(k);
  rows.sort((a, b) => ts[a]! - ts[b]! || eventId[a]! - eventId[b]!);
  const [client, session, transaction, revenue, itemsText] = (["client_id", "session_id", "transaction_id", "revenue", "items"] as const).map((c) => col<unknown>(events, c));
  const purchases = rows.map((k) => ({
    session: sessionOfRow(k),
    event_id: eventId[k]!,
    client_id: client![k] as string | null,
    session_id: session![k] as string | null,
    ts: ts[k]!,
    transaction_id: transaction![k] as string,
    revenue: revenue![k] as number,
    items: itemsText![k] as string,
  }));

  const orders: OrderRow[] = [];
  const items: OrderItemRow[] = [];
  const bySignature = new Map<string, OrderRow>();
  const byTransaction = new Map<string, OrderRow[]>();
  let revenueCents = 0;
  for (const p of purchases) {
    const signature = `${p.transaction_id}|${p.client_id ?? ""}|${p.revenue}|${p.items}`;
    const replayOf = bySignature.get(signature);
    if (replayOf) {
      replayOf.replays++;
      continue;
    }
    const parsed = JSON.parse(p.items) as PurchaseItem[];
    const valid = parsed.filter((it) => it.item_id !== null);
    const sameId = byTransaction.get(p.transaction_id) ?? [];
    const itemsSum = valid.reduce((s, it) => s + (it.item_price ?? 0) * (it.quantity ?? 0), 0);
    const order: OrderRow = {
      order_id: sameId.length === 0 ? p.transaction_id : `${p.transaction_id}#${sameId.length + 1}`,
      transaction_id: p.transaction_id,
      client_id: p.client_id,
      session_id: p.session_id,
      session_number: p.session?.number ?? null,
      client_first_seen: p.session?.clientFirstSeen ?? null,
      event_id: p.event_id,
      ts: p.ts,
      order_date: utcDay(p.ts),
      revenue: p.revenue,
      revenue_cents: toCents(p.revenue),
      item_count: valid.length,
      units: valid.reduce((s, it) => s + (it.quantity ?? 0), 0),
      collision: sameId.length > 0,
      items_mismatch: valid.some((it) => it.item_price === null || it.quantity === null) || Math.abs(toCents(itemsSum) - toCents(p.revenue)) > 1,
      replays: 0,
    };
    for (const other of sameId) other.collision = true;
    sameId.push(order);
    byTransaction.set(p.transaction_id, sameId);
    bySignature.set(signature, order);
    orders.push(order);
    revenueCents += order.revenue_cents;
    const productRevenue = itemRevenue(order.revenue_cents, valid);
    valid.forEach((it, k) => {
      items.push({
        order_id: order.order_id,
        item_id: it.item_id!,
        item_name: it.item_name,
        item_variant: it.item_variant,
        quantity: it.quantity,
        item_price: it.item_price,
        line_revenue: it.item_price !== null && it.quantity !== null ? it.item_price * it.quantity : null,
        revenue_cents: productRevenue.cents[k]!,
        revenue_estimated: productRevenue.estimated[k]!,
      });
    });
  }
  return {
    orders: tableOf(orders, ORDER_COLUMNS),
    items: tableOf(items, ITEM_COLUMNS),
    purchaseEvents: purchases.length,
    purchaseRevenueCents: revenueCents,
  };
}

const ORDER_COLUMNS: (keyof OrderRow)[] = ["order_id", "transaction_id", "client_id", "session_id", "session_number", "client_first_seen", "event_id", "ts", "order_date", "revenue", "revenue_cents", "item_count", "units", "collision", "items_mismatch", "replays"];
const ITEM_COLUMNS: (keyof OrderItemRow)[] = ["order_id", "item_id", "item_name", "item_variant", "quantity", "item_price", "line_revenue", "revenue_cents", "revenue_estimated"];

/** A table from row objects that keeps its columns even when there are no rows. */
export function tableOf<T extends object>(rows: T[], columns: (keyof T)[]): ColumnTable {
  return rows.length > 0 ? aq.from(rows) : aq.table(Object.fromEntries(columns.map((c) => [c, []])));
}
