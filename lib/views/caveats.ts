/**
 * Caveats beside the numbers they qualify (docs/metrics.md, "Caveats"): computed once for a date
 * range from what the run recorded about those days, and printed next to the channel shares, the
 * conversion rate, the orders and the product revenue on the pages and in the PDFs. Pure: the
 * facts come from lib/db/queries/caveats.ts.
 */
export interface RangeFacts {
  /** Days of the range with data. */
  days: number;
  /** Days whose export had no referrer column. */
  referrerMissingDays: string[];
  /** Days with NULL_CLIENT_ID_SPIKE (far more events without a client id than the other days). */
  nullClientSpikeDays: string[];
  /** Orders of the range flagged as sharing a transaction id with a different purchase, and their days. */
  collisionOrders: number;
  collisionDays: string[];
  /** Days with items without a price, and the product revenue allocated to them (cents) of all product revenue (cents). */
  unpricedDays: string[];
  estimatedCents: number;
  productCents: number;
}

export interface NumberCaveats {
  /** Channel mix, channel tables and attribution. */
  channels: string | null;
  /** Sessions and conversion rate. */
  conversion: string | null;
  /** Orders and revenue. */
  orders: string | null;
  /** Product revenue and top products. */
  products: string | null;
}

export const NO_CAVEATS: NumberCaveats = { channels: null, conversion: null, orders: null, products: null };

/** Up to four days listed ("2025-03-01, 2025-03-03"), more as their span ("2025-03-01 to 2025-03-05"). */
export function dayList(days: string[]): string {
  const sorted = [...days].sort();
  if (sorted.length <= 4) return sorted.join(", ");
  return `${sorted[0]} to ${sorted.at(-1)}`;
}

const of = (n: number, total: number) => (total > 0 && n <= total ? `${n} of ${total} days` : `${n} ${n === 1 ? "day" : "days"}`);
const dollars = (cents: number) => `$${Math.round(cents / 100).toLocaleString("en-US")}`;

export function numberCaveats(f: RangeFacts): NumberCaveats {
  const ref = f.referrerMissingDays;
  const spike = f.nullClientSpikeDays;
  return {
    channels: ref.length
      ? `Channel shares: ${of(ref.length, f.days)} (${dayList(ref)}) have no referrer column; untagged visits there are "Unknown (referrer not recorded)", not Direct, so Direct, Organic and Referral read low.`
      : null,
    conversion: spike.length
      ? `Conversion: on ${of(spike.length, f.days)} (${dayList(spike)}) unusually many events carry no client id; they form no sessions, so sessions read low and conversion high there.`
      : null,
    orders: f.collisionOrders
      ? `Orders: ${f.collisionOrders.toLocaleString("en-US")} ${f.collisionOrders === 1 ? "order shares" : "orders share"} a transaction id with a different purchase (${dayList(f.collisionDays)}); each is counted as its own order and flagged for reconciliation.`
      : null,
    products: f.unpricedDays.length
      ? `Product revenue: items without a price on ${of(f.unpricedDays.length, f.days)} (${dayList(f.unpricedDays)}); ${dollars(f.estimatedCents)} of ${dollars(f.productCents)} (${f.productCents > 0 ? ((100 * f.estimatedCents) / f.productCents).toFixed(1) : "0.0"}%) is allocated to them by quantity and marked estimated.`
      : null,
  };
}

/** Every caveat of the range, in the order the numbers appear (for a PDF's note or a list). */
export function caveatList(c: NumberCaveats): string[] {
  return [c.channels, c.conversion, c.orders, c.products].filter((t): t is string => t !== null);
}
