"use client";

import { DataTable, type Column } from "@/components/ui/data-table";
import type { CheckGroup, CheckRow } from "@/lib/views/monitoring-shape";
import { StatusBadge } from "./status-badge";

/** Worst first when sorted A to Z by status. */
const STATUS_RANK: Record<CheckRow["status"], number> = { CRITICAL: 0, WARNING: 1, PASS: 2 };

const COLUMNS: Column<CheckRow>[] = [
  { id: "status", header: "Status", thProps: { style: { width: 96 } }, cell: (c) => <StatusBadge status={c.status} />, sortValue: (c) => STATUS_RANK[c.status], firstDirection: "ascending", csv: { header: "Status", value: (c) => c.status } },
  {
    id: "check",
    header: "Check",
    thProps: { style: { width: 210 } },
    cell: (c) => (
      <>
        <b>{c.name}</b>
        <div className="mono muted">{c.id}</div>
      </>
    ),
    sortValue: (c) => c.name,
    csv: [
      { header: "Check", value: (c) => c.name },
      { header: "Check id", value: (c) => c.id },
    ],
  },
  // The value reads with its unit ("3.2 h", "0 differences", "z +2.10"): sorted as text, numbers inside by value.
  { id: "value", header: "Value", numeric: true, thProps: { style: { width: 120 } }, cell: (c) => c.value, sortValue: (c) => c.value, firstDirection: "ascending", csv: { header: "Value (with its unit)", value: (c) => c.value } },
  { id: "threshold", header: "Threshold", thProps: { style: { width: 250 } }, cell: (c) => c.threshold, tdProps: () => ({ className: "small muted" }), sortValue: (c) => c.threshold, csv: { header: "Threshold", value: (c) => c.threshold } },
  { id: "explanation", header: "Explanation", cell: (c) => c.explanation, tdProps: () => ({ className: "small" }), csv: { header: "Explanation", value: (c) => c.explanation } },
];

/** The checks of each priority as a table: status, check, value, threshold and what it means; each sortable, with a CSV of its rows as shown. */
export function ChecksByPriority({ groups }: { groups: CheckGroup[] }) {
  if (groups.length === 0) return <p className="muted">No checks were evaluated for this run.</p>;
  return (
    <>
      {groups.map((g) => (
        <section key={g.priority} className="panel" aria-label={`${g.priority} checks`} data-priority={g.priority}>
          <h2 style={{ display: "flex", alignItems: "center", gap: 8 }}>
            <span className="badge info">{g.priority}</span>
            {g.title}
            <StatusBadge status={g.status} />
            <span className="hint">{g.hint}</span>
          </h2>
          <DataTable
            columns={COLUMNS}
            rows={g.checks}
            rowKey={(c) => c.id}
            rowProps={(c) => ({ "data-check-id": c.id, "data-status": c.status })}
            testId={`checks-${g.priority}`}
            csvLabel={`the ${g.priority} checks table`}
            fileName={["monitoring", "checks", g.priority]}
          />
        </section>
      ))}
    </>
  );
}
