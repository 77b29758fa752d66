/**
 * When buyers buy, on one definition for the executive chart and its caption (pure). An order
 * came in the buyer's first session when its session is the client's first in the data
 * (`session_number` = 1, docs/metrics.md); every other order came in a later session and is
 * placed by the time from the client's first visit. So the chart's first bar and the caption's
 * share count the same orders.
 */

export interface TimedOrder {
  /** The order's session among the client's sessions (1 = the first). */
  sessionNumber: number;
  /** Hours from the client's first session start to the purchase. */
  hoursFromFirstVisit: number;
}

export const FIRST_SESSION = "First session";

/** Later-session orders by time from the first visit; the first bucket whose bound is above the hours. */
export const LATER_BUCKETS = [
  { label: "Later, < 1 day", maxHours: 24 },
  { label: "Later, 1–7 days", maxHours: 168 },
  { label: "Later, 7–30 days", maxHours: 720 },
  { label: "Later, > 30 days", maxHours: Number.POSITIVE_INFINITY },
];

export interface PurchaseTiming {
  buckets: { label: string; orders: number }[];
  /** Orders with a known first visit (a client id). */
  orders: number;
  /** Orders in the buyer's first session: the first bucket. */
  firstSessionOrders: number;
  /** firstSessionOrders / orders (null without orders). */
  firstSessionShare: number | null;
}

export function purchaseTiming(orders: TimedOrder[]): PurchaseTiming {
  const buckets = [{ label: FIRST_SESSION, orders: 0 }, ...LATER_BUCKETS.map((b) => ({ label: b.label, orders: 0 }))];
  for (const o of orders) {
    if (o.sessionNumber === 1) buckets[0]!.orders++;
    else buckets[1 + LATER_BUCKETS.findIndex((b) => o.hoursFromFirstVisit < b.maxHours)]!.orders++;
  }
  const first = buckets[0]!.orders;
  return { buckets, orders: orders.length, firstSessionOrders: first, firstSessionShare: orders.length > 0 ? first / orders.length : null };
}

/** The caption under the chart, from the same counts: "72.2% of orders (135 of 187) came in the buyer's first session." */
export function purchaseTimingCaption(t: Pick<PurchaseTiming, "orders" | "firstSessionOrders">): string {
  if (t.orders === 0) return "No orders with a known first visit in this period.";
  const share = ((100 * t.firstSessionOrders) / t.orders).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${share}% of orders (${t.firstSessionOrders.toLocaleString("en-US")} of ${t.orders.toLocaleString("en-US")}) came in the buyer's first session; later ones by time from the first visit.`;
}
