"use client";

import { DataTable, type Column } from "@/components/ui/data-table";
import { csvMoney, csvNumber, csvPercent } from "@/components/ui/table-model";
import { MODEL_LABELS, type Model } from "@/lib/pipeline/constants";
import { formatCurrency } from "@/lib/reports/format";
import { comparisonTotal, type ComparisonRow } from "@/lib/views/compare-models";
import css from "./attribution.module.css";
import { formatOrders, formatSignedCurrency, formatSignedPercent } from "./shape";

const diffClass = (value: number) => (value > 0.005 ? css.up : value < -0.005 ? css.down : undefined);
/** The relative difference as shown: "new" when A had nothing and B has revenue. */
const isNew = (r: ComparisonRow) => r.revenueDiffPct === null && r.revenueDiff > 0;

/** Two models side by side per channel with the revenue difference B − A, green up and red down; sortable, with a CSV of the rows as shown. */
export function ComparisonTable({ rows, a, b, lookback }: { rows: ComparisonRow[]; a: Model; b: Model; lookback: number }) {
  if (rows.every((r) => r.ordersA === 0 && r.ordersB === 0)) return <p className="muted">No orders in this window: there is nothing to compare.</p>;
  const total = comparisonTotal(rows);
  const groupA = { id: "a", label: `A · ${MODEL_LABELS[a]}`, className: css.groupHead };
  const groupB = { id: "b", label: `B · ${MODEL_LABELS[b]}`, className: css.groupHead };
  const groupDiff = { id: "diff", label: "Difference (B − A)", className: css.groupHead };
  const columns: Column<ComparisonRow>[] = [
    { id: "channel", header: "Channel", thProps: { style: { verticalAlign: "bottom" } }, cell: (r) => r.channel, sortValue: (r) => r.channel, csv: { header: "Channel", value: (r) => r.channel } },
    { id: "ordersA", group: groupA, header: "Orders", sortLabel: `Orders, A · ${MODEL_LABELS[a]}`, numeric: true, cell: (r) => formatOrders(r.ordersA), sortValue: (r) => r.ordersA, csv: { header: `A ${MODEL_LABELS[a]} orders`, value: (r) => csvNumber(r.ordersA, 2) } },
    { id: "revenueA", group: groupA, header: "Revenue", sortLabel: `Revenue, A · ${MODEL_LABELS[a]}`, numeric: true, cell: (r) => formatCurrency(r.revenueA), sortValue: (r) => r.revenueA, csv: { header: `A ${MODEL_LABELS[a]} revenue (USD)`, value: (r) => csvMoney(r.revenueA) } },
    { id: "ordersB", group: groupB, header: "Orders", sortLabel: `Orders, B · ${MODEL_LABELS[b]}`, numeric: true, cell: (r) => formatOrders(r.ordersB), sortValue: (r) => r.ordersB, csv: { header: `B ${MODEL_LABELS[b]} orders`, value: (r) => csvNumber(r.ordersB, 2) } },
    { id: "revenueB", group: groupB, header: "Revenue", sortLabel: `Revenue, B · ${MODEL_LABELS[b]}`, numeric: true, cell: (r) => formatCurrency(r.revenueB), sortValue: (r) => r.revenueB, csv: { header: `B ${MODEL_LABELS[b]} revenue (USD)`, value: (r) => csvMoney(r.revenueB) } },
    {
      id: "diff",
      group: groupDiff,
      header: "Revenue",
      sortLabel: "Revenue difference, B − A",
      numeric: true,
      cell: (r) => formatSignedCurrency(r.revenueDiff),
      sortValue: (r) => r.revenueDiff,
      csv: { header: "Difference B - A revenue (USD)", value: (r) => csvMoney(r.revenueDiff) },
      tdProps: (r) => ({ className: diffClass(r.revenueDiff) }),
    },
    {
      id: "diffPct",
      group: groupDiff,
      header: "%",
      sortLabel: "Revenue difference in percent, B − A",
      numeric: true,
      cell: (r) => (isNew(r) ? "new" : formatSignedPercent(r.revenueDiffPct)),
      // "new" (no revenue under A) is the largest change of all.
      sortValue: (r) => (isNew(r) ? Infinity : r.revenueDiffPct),
      csv: { header: "Difference B - A revenue (%)", value: (r) => (isNew(r) ? "new" : csvPercent(r.revenueDiffPct)) },
      tdProps: (r) => ({ className: diffClass(r.revenueDiff) }),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(r) => r.channel}
      rowProps={(r) => ({ "data-row": r.channel })}
      footRows={[total]}
      footRowProps={() => ({ className: css.total })}
      testId="comparison-table"
      csvLabel="the comparison table"
      fileName={["attribution", "comparison", a, "vs", b, `${lookback}d`]}
    />
  );
}
