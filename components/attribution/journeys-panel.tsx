import { SimpleBarChart } from "@/components/charts/simple-bar-chart";
import type { AttributionData } from "@/lib/db/queries/attribution";
import { formatCurrency, formatInt, formatMinutes, formatPercent } from "@/lib/reports/format";
import css from "./attribution.module.css";

type JourneyStats = NonNullable<AttributionData["journeys"]>;

const TOP_PATHS = 15;

/** "1–24 hours" → "1–24 h", so every bucket label fits under its bar. */
export function shortBucket(label: string): string {
  return label.replace(/ hours?$/, " h").replace(/ days?$/, " d");
}

function PathTable({ paths }: { paths: JourneyStats["paths"] }) {
  if (paths.length === 0) return <p className="muted">No attributed orders in this window.</p>;
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="data" data-testid="paths-table">
        <thead>
          <tr>
            <th>Path</th>
            <th className="num">Touches</th>
            <th className="num">Orders</th>
            <th className="num">Revenue</th>
          </tr>
        </thead>
        <tbody>
          {paths.slice(0, TOP_PATHS).map((p) => (
            <tr key={p.path}>
              <td>{p.path.split(" > ").join(" → ")}</td>
              <td className="num">{formatInt(p.touches)}</td>
              <td className="num">{formatInt(p.orders)}</td>
              <td className="num">{formatCurrency(p.revenue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Conversion paths, time to purchase and unattributed orders of one lookback window. */
export function JourneysPanel({ journeys, totalOrders, lookback }: { journeys: JourneyStats | null; totalOrders: number; lookback: number }) {
  if (!journeys) return <p className="callout warning">Journey statistics are missing for the {lookback}-day window in this run.</p>;
  const single = totalOrders > 0 ? journeys.singleSessionOrders / totalOrders : null;
  const median = journeys.medianHoursToPurchase;
  return (
    <div className="grid-2">
      <section className="panel" aria-label="Time to purchase">
        <h2>
          Time to purchase <span className="hint">from the first touch in the {lookback}-day window</span>
        </h2>
        {totalOrders === 0 ? (
          <p className="muted">No orders in this window.</p>
        ) : (
          <SimpleBarChart title="Orders by time from first touch to purchase" data={journeys.timeToPurchase.map((b) => ({ label: shortBucket(b.label), value: b.orders }))} />
        )}
        <div className={css.facts}>
          <div>
            <b data-testid="median-time-to-purchase">{median === null ? "—" : formatMinutes(median * 60)}</b>
            <span className="muted small">median time to purchase</span>
          </div>
          <div>
            <b data-testid="single-session-share">{formatPercent(single)}</b>
            <span className="muted small">
              of orders in a single session ({formatInt(journeys.singleSessionOrders)} of {formatInt(totalOrders)})
            </span>
          </div>
          <div>
            <b data-testid="unattributed-orders">{formatInt(journeys.unattributedOrders)}</b>
            <span className="muted small">unattributed orders: no client id or no session in the window</span>
          </div>
        </div>
      </section>
      <section className="panel" aria-label="Conversion paths">
        <h2>
          Conversion paths{" "}
          {journeys.paths.length > 0 ? (
            <span className="hint">
              top {Math.min(TOP_PATHS, journeys.paths.length)} of {formatInt(journeys.paths.length)} by orders; channels of the sessions in the window, in order (a channel repeated in a
              row counts once)
            </span>
          ) : null}
        </h2>
        <PathTable paths={journeys.paths} />
      </section>
    </div>
  );
}
