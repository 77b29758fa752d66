/**
 * Product revenue of an order's items, reconciled to the order's revenue (docs/metrics.md,
 * "Product revenue"). An item with a price and a quantity contributes price x quantity. The
 * order's revenue that its priced items do not explain (revenue - priced, when positive) is
 * allocated to its items without a price (or without a quantity) by quantity, to the cent by
 * largest remainder, and those items' revenue is marked estimated.
 *
 * No allocation happens when the priced items already reach or exceed the revenue (the unpriced
 * items get $0, still marked estimated: their revenue was not recorded) or when every item is
 * priced (a revenue above the items stays unexplained). Both stay `REVENUE_ITEMS_MISMATCH` orders.
 *
 * Exact arithmetic: weights are quantities in millionths of a unit (a missing quantity counts as
 * one unit; when every unpriced item has quantity 0 they share equally), and the shares are
 * computed with BigInt, so the cents always sum to the unexplained revenue.
 */

export interface ItemMeasure {
  item_price: number | null;
  quantity: number | null;
}

export interface ItemRevenue {
  /** Per item, in the order given: product revenue in cents (price x quantity, or the allocated share). */
  cents: number[];
  /** Per item: true when the item has no price x quantity (its revenue is an allocation, possibly $0). */
  estimated: boolean[];
  /** Sum of price x quantity of the priced items, cents. */
  pricedCents: number;
  /** Sum allocated to the unpriced items, cents (0 when nothing was left to allocate). */
  estimatedCents: number;
  /** Order revenue minus the priced items, cents (negative when the priced items exceed the revenue). */
  unexplainedCents: number;
  /** Items without a price or a quantity. */
  unpriced: number;
}

/** Cents of a dollar amount (the same rounding as order revenue). */
const cents = (v: number) => Math.round(v * 100);

/** Weight unit: quantities count in millionths, so fractional quantities split exactly too. */
const UNIT = 1_000_000;

/** True when the item's line revenue (price x quantity) is known. */
export const isPriced = (it: ItemMeasure) => it.item_price !== null && it.quantity !== null;

export function itemRevenue(revenueCents: number, items: readonly ItemMeasure[]): ItemRevenue {
  const out = new Array<number>(items.length).fill(0);
  const estimated = items.map((it) => !isPriced(it));
  let pricedCents = 0;
  items.forEach((it, i) => {
    if (estimated[i]) return;
    out[i] = cents(it.item_price! * it.quantity!);
    pricedCents += out[i]!;
  });
  const unpriced = estimated.filter(Boolean).length;
  const unexplainedCents = revenueCents - pricedCents;
  let estimatedCents = 0;
  if (unpriced > 0 && unexplainedCents > 0) {
    const shares = allocate(unexplainedCents, items.filter((_, i) => estimated[i]).map((it) => it.quantity));
    let k = 0;
    items.forEach((_, i) => {
      if (!estimated[i]) return;
      out[i] = shares[k++]!;
      estimatedCents += out[i]!;
    });
  }
  return { cents: out, estimated, pricedCents, estimatedCents, unexplainedCents, unpriced };
}

/**
 * Splits `total` cents (> 0) by weight (a quantity; null counts as 1): each share is the floor of
 * total x weight / sum of weights, and the cents left over go one each to the largest remainders
 * (ties: the earlier item). All weights 0: equal shares.
 */
export function allocate(total: number, quantities: readonly (number | null)[]): number[] {
  let weights = quantities.map((q) => BigInt(Math.round((q ?? 1) * UNIT)));
  let sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) {
    weights = quantities.map(() => 1n);
    sum = BigInt(quantities.length);
  }
  const t = BigInt(total);
  const floors = weights.map((w) => (t * w) / sum);
  const remainders = weights.map((w) => (t * w) % sum);
  let left = total - Number(floors.reduce((a, b) => a + b, 0n));
  const order = weights.map((_, i) => i).sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
  const shares = floors.map(Number);
  for (const i of order) {
    if (left <= 0) break;
    shares[i] = shares[i]! + 1;
    left--;
  }
  return shares;
}

/** Totals over an order items table, in dollars to the cent (the `--json` summary's `productRevenue`). */
export function productRevenueTotals(items: { revenue_cents: readonly number[]; revenue_estimated: readonly boolean[] }, orderRevenueCents: number): { priced: number; estimated: number; orderRevenue: number } {
  let priced = 0;
  let estimated = 0;
  items.revenue_cents.forEach((c, i) => {
    if (items.revenue_estimated[i]) estimated += c;
    else priced += c;
  });
  return { priced: priced / 100, estimated: estimated / 100, orderRevenue: orderRevenueCents / 100 };
}
