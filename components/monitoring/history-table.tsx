"use client";

import { DataTable, type Column } from "@/components/ui/data-table";
import { csvNumber } from "@/components/ui/table-model";
import type { MonitoringData } from "@/lib/db/queries/monitoring";
import { formatDateTime, formatInt } from "@/lib/reports/format";
import { StatusBadge } from "./status-badge";

type HistoryRow = MonitoringData["history"][number];

const STATUS_RANK: Record<NonNullable<HistoryRow["status"]>, number> = { CRITICAL: 0, WARNING: 1, PASS: 2 };

/** Past successful runs, newest first, with the status their monitoring had when they ran; sortable, with a CSV of the rows as shown. */
export function HistoryTable({ history, currentRunId }: { history: MonitoringData["history"]; currentRunId: number }) {
  if (history.length === 0) return <p className="muted">No earlier runs.</p>;
  const columns: Column<HistoryRow>[] = [
    {
      id: "run",
      header: "Run",
      cell: (h) => (
        <>
          #{h.runId}
          {h.runId === currentRunId && <span className="muted small"> (current)</span>}
        </>
      ),
      sortValue: (h) => h.runId,
      // Runs are numbers but read as names: newest first on the first click, as the table starts.
      firstDirection: "descending",
      csv: [
        { header: "Run", value: (h) => h.runId },
        { header: "Current run", value: (h) => (h.runId === currentRunId ? "yes" : "") },
      ],
    },
    // ISO instants sort as text in time order.
    { id: "loaded", header: "Loaded at", cell: (h) => formatDateTime(h.createdAt), sortValue: (h) => h.createdAt, firstDirection: "descending", csv: { header: "Loaded at (UTC)", value: (h) => formatDateTime(h.createdAt).replace(/ UTC$/, "") } },
    { id: "trigger", header: "Trigger", cell: (h) => h.trigger, sortValue: (h) => h.trigger, csv: { header: "Trigger", value: (h) => h.trigger } },
    { id: "input", header: "Input rows", numeric: true, cell: (h) => formatInt(h.inputRows), sortValue: (h) => h.inputRows, csv: { header: "Input rows", value: (h) => csvNumber(h.inputRows, 0) } },
    {
      id: "status",
      header: "Status at run time",
      cell: (h) => (h.status ? <StatusBadge status={h.status} /> : <span className="muted small">not monitored</span>),
      sortValue: (h) => (h.status ? STATUS_RANK[h.status] : null),
      csv: { header: "Status at run time", value: (h) => h.status ?? "not monitored" },
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={history}
      rowKey={(h) => String(h.runId)}
      rowProps={(h) => ({ "data-run-id": h.runId, style: h.runId === currentRunId ? { background: "var(--accent-soft)" } : undefined })}
      testId="monitoring-history"
      csvLabel="the run history table"
      fileName={["monitoring", "run history"]}
    />
  );
}
