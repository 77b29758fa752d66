"use client";

import { DataTable, type Column } from "@/components/ui/data-table";
import { csvMoney, csvNumber, csvPercent } from "@/components/ui/table-model";
import type { AttributionChannelRow } from "@/lib/db/queries/attribution";
import type { Model } from "@/lib/pipeline/constants";
import { formatCurrency, formatInt, formatPercent } from "@/lib/reports/format";
import css from "./attribution.module.css";
import { channelTotals, formatOrders } from "./shape";

/**
 * Channel performance under one model, sortable by any column, with a CSV of the rows as shown;
 * each revenue cell carries `data-channel` and the raw value in `data-value`.
 */
export function ChannelTable({ rows, totalRevenue, model, lookback }: { rows: AttributionChannelRow[]; totalRevenue: number; model: Model; lookback: number }) {
  if (rows.length === 0) return <p className="muted">No sessions or orders in this window.</p>;
  const total: AttributionChannelRow = { channel: "Total", ...channelTotals(rows) };
  const share = (revenue: number) => (totalRevenue > 0 ? revenue / totalRevenue : null);
  const columns: Column<AttributionChannelRow>[] = [
    { id: "channel", header: "Channel", cell: (r) => r.channel, sortValue: (r) => r.channel, csv: { header: "Channel", value: (r) => r.channel } },
    { id: "sessions", header: "Sessions", numeric: true, cell: (r) => formatInt(r.sessions), sortValue: (r) => r.sessions, csv: { header: "Sessions", value: (r) => csvNumber(r.sessions, 0) } },
    { id: "orders", header: "Credited orders", numeric: true, cell: (r) => formatOrders(r.orders), sortValue: (r) => r.orders, csv: { header: "Credited orders", value: (r) => csvNumber(r.orders, 2) } },
    {
      id: "revenue",
      header: "Revenue",
      numeric: true,
      cell: (r) => formatCurrency(r.revenue),
      sortValue: (r) => r.revenue,
      csv: { header: "Revenue (USD)", value: (r) => csvMoney(r.revenue) },
      tdProps: (r, place) => (place === "foot" ? { "data-testid": "channel-total-revenue", "data-value": r.revenue } : { "data-channel": r.channel, "data-value": r.revenue }),
    },
    { id: "share", header: "Share of revenue", numeric: true, cell: (r) => formatPercent(share(r.revenue)), sortValue: (r) => share(r.revenue), csv: { header: "Share of revenue (%)", value: (r) => csvPercent(share(r.revenue)) } },
    { id: "conversion", header: "Conversion rate", numeric: true, cell: (r) => formatPercent(r.conversionRate, 2), sortValue: (r) => r.conversionRate, csv: { header: "Conversion rate (%)", value: (r) => csvPercent(r.conversionRate) } },
    { id: "aov", header: "AOV", numeric: true, cell: (r) => formatCurrency(r.aov), sortValue: (r) => r.aov, csv: { header: "AOV (USD)", value: (r) => csvMoney(r.aov) } },
    { id: "rps", header: "Revenue / session", numeric: true, cell: (r) => formatCurrency(r.revenuePerSession), sortValue: (r) => r.revenuePerSession, csv: { header: "Revenue / session (USD)", value: (r) => csvMoney(r.revenuePerSession) } },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(r) => r.channel}
      rowProps={(r) => ({ "data-row": r.channel })}
      footRows={[total]}
      footRowProps={() => ({ className: css.total })}
      testId="channel-table"
      csvLabel="the channel table"
      fileName={["attribution", "channels", model, `${lookback}d`]}
    />
  );
}
