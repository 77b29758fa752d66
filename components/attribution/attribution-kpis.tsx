import type { AttributionData } from "@/lib/db/queries/attribution";
import { MODEL_LABELS, type Model } from "@/lib/pipeline/constants";
import { formatCurrency, formatInt, formatPercent } from "@/lib/reports/format";
import { formatOrders, topChannel } from "./shape";

/** KPI tiles of one model: orders and revenue (the same under every model), top channel and its share. */
export function AttributionKpis({ data, model }: { data: AttributionData; model: Model }) {
  const rows = data.byModel[model];
  const top = topChannel(rows, data.totals.revenue);
  const unattributed = data.journeys?.unattributedOrders ?? 0;
  return (
    <div className="kpis" aria-label={`Key figures, ${MODEL_LABELS[model]}`}>
      <div className="kpi" data-testid="kpi-orders">
        <div className="label">Orders</div>
        <div className="value">{formatInt(data.totals.orders)}</div>
        <div className="sub">{data.totals.orders === 0 ? "no orders in this run" : unattributed > 0 ? `${formatInt(unattributed)} unattributed` : "all attributed to a channel"}</div>
      </div>
      <div className="kpi" data-testid="kpi-revenue">
        <div className="label">Revenue</div>
        <div className="value">{formatCurrency(data.totals.revenue, 0)}</div>
        <div className="sub">AOV {formatCurrency(data.totals.orders > 0 ? data.totals.revenue / data.totals.orders : null)}</div>
      </div>
      <div className="kpi" data-testid="kpi-top-channel" data-channel={top?.channel ?? ""}>
        <div className="label">Top channel</div>
        <div className="value">{top?.channel ?? "—"}</div>
        <div className="sub">{top ? `${formatCurrency(top.revenue, 0)} · ${formatOrders(top.orders)} orders` : "no channel has revenue"}</div>
      </div>
      <div className="kpi" data-testid="kpi-top-share">
        <div className="label">Top channel share</div>
        <div className="value">{formatPercent(top?.share ?? null)}</div>
        <div className="sub">of revenue</div>
      </div>
      <div className="kpi" data-testid="kpi-sessions">
        <div className="label">Sessions</div>
        <div className="value">{formatInt(data.totals.sessions)}</div>
        <div className="sub">conversion {formatPercent(data.totals.sessions > 0 ? data.totals.orders / data.totals.sessions : null, 2)}</div>
      </div>
    </div>
  );
}
