import { MODEL_LABELS, type Model } from "@/lib/pipeline/constants";
import { formatCurrency } from "@/lib/reports/format";
import type { ComparisonRow } from "@/lib/views/compare-models";
import css from "./attribution.module.css";
import { formatOrders, formatSignedCurrency, formatSignedPercent } from "./shape";

function Diff({ value, pct }: { value: number; pct: number | null }) {
  const cls = value > 0.005 ? css.up : value < -0.005 ? css.down : undefined;
  return (
    <>
      <td className={`num ${cls ?? ""}`}>{formatSignedCurrency(value)}</td>
      <td className={`num ${cls ?? ""}`}>{pct === null && value > 0 ? "new" : formatSignedPercent(pct)}</td>
    </>
  );
}

/** Two models side by side per channel with the revenue difference B − A, green up and red down. */
export function ComparisonTable({ rows, a, b }: { rows: ComparisonRow[]; a: Model; b: Model }) {
  if (rows.every((r) => r.ordersA === 0 && r.ordersB === 0)) return <p className="muted">No orders in this window: there is nothing to compare.</p>;
  const sum = (f: (r: ComparisonRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const revenueA = sum((r) => r.revenueA);
  const revenueB = sum((r) => r.revenueB);
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="data" data-testid="comparison-table">
        <thead>
          <tr>
            <th rowSpan={2} style={{ verticalAlign: "bottom" }}>
              Channel
            </th>
            <th colSpan={2} className={css.groupHead}>
              A · {MODEL_LABELS[a]}
            </th>
            <th colSpan={2} className={css.groupHead}>
              B · {MODEL_LABELS[b]}
            </th>
            <th colSpan={2} className={css.groupHead}>
              Difference (B − A)
            </th>
          </tr>
          <tr>
            <th className="num">Orders</th>
            <th className="num">Revenue</th>
            <th className="num">Orders</th>
            <th className="num">Revenue</th>
            <th className="num">Revenue</th>
            <th className="num">%</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.channel} data-row={r.channel}>
              <td>{r.channel}</td>
              <td className="num">{formatOrders(r.ordersA)}</td>
              <td className="num">{formatCurrency(r.revenueA)}</td>
              <td className="num">{formatOrders(r.ordersB)}</td>
              <td className="num">{formatCurrency(r.revenueB)}</td>
              <Diff value={r.revenueDiff} pct={r.revenueDiffPct} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className={css.total}>
            <td>Total</td>
            <td className="num">{formatOrders(sum((r) => r.ordersA))}</td>
            <td className="num">{formatCurrency(revenueA)}</td>
            <td className="num">{formatOrders(sum((r) => r.ordersB))}</td>
            <td className="num">{formatCurrency(revenueB)}</td>
            <Diff value={Math.round((revenueB - revenueA) * 100) / 100} pct={revenueA > 0 ? (revenueB - revenueA) / revenueA : null} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
