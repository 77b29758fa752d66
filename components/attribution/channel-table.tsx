import type { AttributionChannelRow } from "@/lib/db/queries/attribution";
import { formatCurrency, formatInt, formatPercent } from "@/lib/reports/format";
import css from "./attribution.module.css";
import { channelTotals, formatOrders } from "./shape";

/** Channel performance under one model; each revenue cell carries `data-channel` and the raw value in `data-value`. */
export function ChannelTable({ rows, totalRevenue }: { rows: AttributionChannelRow[]; totalRevenue: number }) {
  if (rows.length === 0) return <p className="muted">No sessions or orders in this window.</p>;
  const t = channelTotals(rows);
  const share = (revenue: number) => (totalRevenue > 0 ? revenue / totalRevenue : null);
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="data" data-testid="channel-table">
        <thead>
          <tr>
            <th>Channel</th>
            <th className="num">Sessions</th>
            <th className="num">Credited orders</th>
            <th className="num">Revenue</th>
            <th className="num">Share of revenue</th>
            <th className="num">Conversion rate</th>
            <th className="num">AOV</th>
            <th className="num">Revenue / session</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.channel} data-row={r.channel}>
              <td>{r.channel}</td>
              <td className="num">{formatInt(r.sessions)}</td>
              <td className="num">{formatOrders(r.orders)}</td>
              <td className="num" data-channel={r.channel} data-value={r.revenue}>
                {formatCurrency(r.revenue)}
              </td>
              <td className="num">{formatPercent(share(r.revenue))}</td>
              <td className="num">{formatPercent(r.conversionRate, 2)}</td>
              <td className="num">{formatCurrency(r.aov)}</td>
              <td className="num">{formatCurrency(r.revenuePerSession)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className={css.total}>
            <td>Total</td>
            <td className="num">{formatInt(t.sessions)}</td>
            <td className="num">{formatOrders(t.orders)}</td>
            <td className="num" data-testid="channel-total-revenue" data-value={t.revenue}>
              {formatCurrency(t.revenue)}
            </td>
            <td className="num">{formatPercent(share(t.revenue))}</td>
            <td className="num">{formatPercent(t.conversionRate, 2)}</td>
            <td className="num">{formatCurrency(t.aov)}</td>
            <td className="num">{formatCurrency(t.revenuePerSession)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
