"use client";

import { DataTable, type Column } from "@/components/ui/data-table";
import { csvNumber, csvPercent } from "@/components/ui/table-model";
import type { FileRow } from "@/lib/db/queries/data-quality";
import { formatInt, formatPercent } from "@/lib/reports/format";

function scoreClass(score: number): string {
  return score >= 95 ? "good" : score >= 85 ? "fair" : "poor";
}

const COLUMNS: Column<FileRow>[] = [
  { id: "file", header: "File", cell: (f) => f.name, tdProps: () => ({ className: "mono" }), sortValue: (f) => f.name, csv: { header: "File", value: (f) => f.name } },
  { id: "day", header: "Day", cell: (f) => f.day ?? "—", sortValue: (f) => f.day, csv: { header: "Day", value: (f) => f.day } },
  { id: "rows", header: "Rows", numeric: true, cell: (f) => formatInt(f.rows), sortValue: (f) => f.rows, csv: { header: "Rows", value: (f) => csvNumber(f.rows, 0) } },
  {
    id: "header",
    header: "Header",
    cell: (f) => (f.headerVariant === "aliased" ? <span className="badge info">aliased</span> : "canonical"),
    sortValue: (f) => (f.headerVariant === "aliased" ? "aliased" : "canonical"),
    csv: { header: "Header", value: (f) => (f.headerVariant === "aliased" ? "aliased" : "canonical") },
  },
  {
    id: "missing",
    header: "Missing columns",
    cell: (f) => (f.missingColumns.length ? <span className="badge warning">{f.missingColumns.join(", ")}</span> : "—"),
    sortValue: (f) => f.missingColumns.join(", "),
    csv: { header: "Missing columns", value: (f) => f.missingColumns.join(", ") },
  },
  { id: "nullClient", header: "Empty client id", numeric: true, cell: (f) => formatPercent(f.nullClientIdRate), sortValue: (f) => f.nullClientIdRate, csv: { header: "Empty client id (%)", value: (f) => csvPercent(f.nullClientIdRate) } },
  {
    id: "nullReferrer",
    header: "Null referrer",
    numeric: true,
    cell: (f) => (f.nullReferrerRate === null ? "no column" : formatPercent(f.nullReferrerRate)),
    sortValue: (f) => f.nullReferrerRate,
    csv: { header: "Null referrer (%)", value: (f) => (f.nullReferrerRate === null ? "no column" : csvPercent(f.nullReferrerRate)) },
  },
  { id: "quarantined", header: "Quarantined", numeric: true, cell: (f) => formatInt(f.quarantinedRows), sortValue: (f) => f.quarantinedRows, csv: { header: "Quarantined", value: (f) => csvNumber(f.quarantinedRows, 0) } },
  { id: "duplicates", header: "Duplicates", numeric: true, cell: (f) => formatInt(f.duplicateRows), sortValue: (f) => f.duplicateRows, csv: { header: "Duplicates", value: (f) => csvNumber(f.duplicateRows, 0) } },
  { id: "score", header: "Score", numeric: true, cell: (f) => f.score.toFixed(1), tdProps: (f) => ({ className: `score ${scoreClass(f.score)}` }), sortValue: (f) => f.score, csv: { header: "Score (0-100)", value: (f) => f.score.toFixed(1) } },
];

/** One row per source file of the run: rows, header, missing columns, null rates, quarantine, duplicates and score; sortable, with a CSV of the rows as shown. */
export function FileTable({ files }: { files: FileRow[] }) {
  if (files.length === 0) return <p className="muted">No files in this run.</p>;
  return <DataTable columns={COLUMNS} rows={files} rowKey={(f) => f.name} testId="file-table" csvLabel="the files table" fileName={["data-quality", "files"]} />;
}
