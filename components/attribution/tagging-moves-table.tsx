"use client";

import { DataTable, type Column } from "@/components/ui/data-table";
import { csvMoney } from "@/components/ui/table-model";
import { formatCurrency } from "@/lib/reports/format";

export interface TaggingMove {
  model: string;
  channel: string;
  revenue: number;
  otherRevenue: number;
}

const modelText = (m: TaggingMove) => (m.model === "first_click" ? "First click" : "Last click");
const change = (m: TaggingMove) => m.otherRevenue - m.revenue;

const COLUMNS: Column<TaggingMove>[] = [
  { id: "model", header: "Model (7-day lookback)", cell: modelText, sortValue: modelText, csv: { header: "Model (7-day lookback)", value: modelText } },
  { id: "channel", header: "Channel", cell: (m) => m.channel, sortValue: (m) => m.channel, csv: { header: "Channel", value: (m) => m.channel } },
  { id: "revenue", header: "Revenue now", numeric: true, cell: (m) => formatCurrency(m.revenue), sortValue: (m) => m.revenue, csv: { header: "Revenue now (USD)", value: (m) => csvMoney(m.revenue) } },
  { id: "other", header: "Under the other reading", numeric: true, cell: (m) => formatCurrency(m.otherRevenue), sortValue: (m) => m.otherRevenue, csv: { header: "Under the other reading (USD)", value: (m) => csvMoney(m.otherRevenue) } },
  {
    id: "change",
    header: "Change",
    numeric: true,
    cell: (m) => `${m.otherRevenue >= m.revenue ? "+" : "−"}${formatCurrency(Math.abs(change(m)))}`,
    sortValue: change,
    csv: { header: "Change (USD)", value: (m) => csvMoney(change(m)) },
  },
];

/** The first- and last-click revenue per channel that the other tagging reading would move (the tagging conflicts panel), sortable, with its CSV. */
export function TaggingMovesTable({ moves, precedence }: { moves: TaggingMove[]; precedence: string }) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={moves}
      rowKey={(m) => `${m.model}-${m.channel}`}
      ariaLabel="Revenue that moves under the other reading"
      testId="tagging-moves"
      csvLabel="the tagging conflicts table"
      fileName={["attribution", "tagging-conflicts", `${precedence}-wins`, "7d"]}
      scroll={{ overflowX: "auto", width: 0, minWidth: "100%" }}
    />
  );
}
