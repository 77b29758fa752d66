import { SimpleBarChart } from "@/components/charts/simple-bar-chart";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { formatInt, formatPercent } from "@/lib/reports/format";
import css from "./executive.module.css";

/**
 * When buyers buy: orders in the buyer's first session, then orders in a later session by time from
 * the first visit. The share under the chart is the first bar over all bars: one definition.
 */
export function PurchaseTiming({ buckets, perPerson = false }: { buckets: ExecutiveSummary["timeFromFirstVisit"]; perPerson?: boolean }) {
  const orders = buckets.reduce((sum, b) => sum + b.orders, 0);
  const first = buckets[0]?.orders ?? 0;
  return (
    <section className="panel" id="timing">
      <h2>
        Time from first visit to purchase <span className="hint">
          orders in the buyer&apos;s first session, then later ones by time since the first visit{perPerson ? " (per person: on any of their devices)" : ""}
        </span>
      </h2>
      <SimpleBarChart title="Orders by time from first visit to purchase" data={buckets.map((b) => ({ label: b.label.replace(/^Later, /, ""), value: b.orders }))} height={190} />
      <div className={css.facts}>
        <div data-testid="single-session-share">
          <b>{formatPercent(orders > 0 ? first / orders : null, 1)}</b>
          <span className="muted">
            of orders ({formatInt(first)} of {formatInt(orders)}) came in the buyer&apos;s first session
          </span>
        </div>
        <div>
          <b>{formatInt(orders)}</b>
          <span className="muted">orders with a known first visit</span>
        </div>
      </div>
    </section>
  );
}
