/** Checks on purchase items of loaded purchases (kept, flagged and quantified). */
import type { Finding } from "../types";
import { itemRevenue } from "../product-revenue";
import { example, MAX_EXAMPLES, type CheckResult, type LoadedContext } from "./context";
import { purchaseSignature } from "./loaded-checks";

const usd = (cents: number) => `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * Items of orders without a price (or without a quantity): their price x quantity is unknown, so
 * product revenue gives them an estimated share of their order's revenue (product-revenue.ts).
 * Counted per order as the orders stage builds them: a purchase replayed with an identical payload
 * is one order, counted in the file of its first copy (by time, then input order). One finding
 * per file: count = items; the message names the orders and the revenue allocated to them.
 */
export function checkItemPriceMissing(ctx: LoadedContext): CheckResult {
  const rows: number[] = [];
  for (const r of ctx.loaded) if (ctx.rows.purchase[r]) rows.push(r);
  rows.sort((a, b) => ctx.rows.ts[a]! - ctx.rows.ts[b]! || a - b);
  const seen = new Set<string>();
  const perFile = new Map<number, { items: number; orders: number; allocatedCents: number; nothingLeft: number; examples: number[]; detail: Map<number, string> }>();
  const flagged: number[] = [];
  for (const r of rows) {
    const p = ctx.rows.purchase[r]!;
    const signature = `${p.transactionId}|${purchaseSignature(ctx, r)}`;
    if (seen.has(signature)) continue; // a replay: one order
    seen.add(signature);
    const valid = p.items.filter((it) => it.item_id !== null);
    const revenue = itemRevenue(Math.round((p.revenue ?? 0) * 100), valid);
    if (revenue.unpriced === 0) continue;
    flagged.push(r);
    const f = ctx.raw.fileIndex[r]!;
    let s = perFile.get(f);
    if (!s) perFile.set(f, (s = { items: 0, orders: 0, allocatedCents: 0, nothingLeft: 0, examples: [], detail: new Map() }));
    s.items += revenue.unpriced;
    s.orders++;
    s.allocatedCents += revenue.estimatedCents;
    if (revenue.unexplainedCents <= 0) s.nothingLeft++;
    if (s.examples.length < MAX_EXAMPLES) {
      s.examples.push(r);
      s.detail.set(
        r,
        `${p.transactionId}: ${revenue.unpriced} of ${valid.length} items without a price; revenue ${usd(revenue.pricedCents + revenue.unexplainedCents)}, priced items ${usd(revenue.pricedCents)}, ${usd(revenue.estimatedCents)} estimated`,
      );
    }
  }
  const findings: Finding[] = [...perFile.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([f, s]) => {
      const file = ctx.files[f]!;
      const nothing = s.nothingLeft > 0 ? ` In ${plural(s.nothingLeft, "order", "orders")} the priced items already reach the revenue, so ${s.nothingLeft === 1 ? "its" : "their"} unpriced items get $0.` : "";
      return {
        code: "ITEM_PRICE_MISSING",
        severity: "warning",
        file: file.name,
        day: file.day,
        count: s.items,
        message: `${plural(s.items, "item", "items")} in ${plural(s.orders, "order", "orders")} ${s.items === 1 ? "has" : "have"} no price (or no quantity): the ${usd(s.allocatedCents)} of those orders' revenue that their priced items do not explain is allocated to them by quantity and shown as estimated product revenue.${nothing}`,
        examples: s.examples.map((r) => example(ctx, r, s.detail.get(r) ?? "")),
      };
    });
  return { findings, flagged };
}
