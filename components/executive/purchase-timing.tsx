import { SimpleBarChart } from "@/components/charts/simple-bar-chart";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { formatInt, formatPercent } from "@/lib/reports/format";
import css from "./executive.module.css";

/** How long buyers take from their first visit to the purchase, and the share buying in their first session. */
export function PurchaseTiming({ buckets, singleSessionShare }: { buckets: ExecutiveSummary["timeFromFirstVisit"]; singleSessionShare: number | null }) {
  const orders = buckets.reduce((sum, b) => sum + b.orders, 0);
  return (
    <section className="panel" id="timing">
      <h2>
        Time from first visit to purchase <span className="hint">orders by how long after the buyer&apos;s first visit</span>
      </h2>
      <SimpleBarChart title="Orders by time from first visit to purchase" data={buckets.map((b) => ({ label: b.label, value: b.orders }))} height={190} />
      <div className={css.facts}>
        <div data-testid="single-session-share">
          <b>{formatPercent(singleSessionShare, 1)}</b>
          <span className="muted">of orders came in the buyer&apos;s first session</span>
        </div>
        <div>
          <b>{formatInt(orders)}</b>
          <span className="muted">orders with a known first visit</span>
        </div>
      </div>
    </section>
  );
}
