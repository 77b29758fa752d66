"use client";

/**
 * The CSV button of each table that is not a sortable DataTable (tables with sub-rows, actions or
 * one row): the same button and CSV rules (components/ui/table-model.ts), the rows exactly as the
 * table shows them, in its order. Columns are defined here, in a client module, because they are
 * functions and the tables' data comes from server components.
 */
import type { AuditEntry } from "@/lib/auth/audit";
import type { FindingRow } from "@/lib/db/queries/data-quality";
import type { PartitionItem, RunListItem } from "@/lib/db/queries/runs";
import { countsKnown } from "@/components/runs/format-run";
import { CsvButton } from "./data-table";
import { buildCsv, csvNumber, csvPercent, type ColumnModel } from "./table-model";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const col = <Row,>(header: string, value: (r: Row) => string | number | null | undefined): ColumnModel<Row> => ({ id: header, csv: { header, value } });

/** The run counts the Runs table shows only once they are known. */
const counted = (r: RunListItem, v: number) => (countsKnown(r) ? v : null);

const RUN_COLUMNS: ColumnModel<RunListItem>[] = [
  col("Run", (r) => r.id),
  col("Started (UTC)", (r) => r.createdAt),
  col("Trigger", (r) => r.trigger),
  col("Mode", (r) => (r.status === "succeeded" || r.status === "failed" ? r.mode : null)),
  col("Days added", (r) => r.partitionsAdded),
  col("Days replaced", (r) => r.partitionsReplaced),
  col("Days removed", (r) => r.partitionsRemoved),
  col("Days recomputed", (r) => r.recomputedDays.count),
  col("First day recomputed", (r) => r.recomputedDays.first),
  col("Last day recomputed", (r) => r.recomputedDays.last),
  col("Status", (r) => r.status),
  col("Duration (ms)", (r) => r.durationMs),
  col("Input rows", (r) => counted(r, r.inputRows)),
  col("Loaded rows", (r) => counted(r, r.loadedRows)),
  col("Quarantined rows", (r) => counted(r, r.quarantinedRows)),
  col("Duplicate rows", (r) => counted(r, r.duplicateRows)),
  col("Monitoring", (r) => r.monitoringStatus),
  col("Error", (r) => r.error),
  col("Failing checks", (r) => r.failedChecks.map((c) => `${c.name}: ${c.detail}`).join(" | ") || null),
];

export function RunsCsv({ runs }: { runs: RunListItem[] }) {
  return <CsvButton label="the runs table" fileName={["runs"]} rows={runs.length} testId="runs-csv" csv={() => buildCsv(RUN_COLUMNS, runs)} />;
}

const PARTITION_COLUMNS: ColumnModel<PartitionItem>[] = [
  col("Day", (f) => f.day),
  col("File", (f) => f.name),
  col("Source", (f) => f.source),
  col("Loaded rows", (f) => (f.rows === null ? null : f.loadedRows)),
  col("Input rows", (f) => f.rows),
  col("Bytes", (f) => f.bytes),
  col("SHA-256", (f) => f.hash),
  col("Added (UTC)", (f) => f.createdAt),
];

export function DataSetCsv({ files }: { files: PartitionItem[] }) {
  return <CsvButton label="the data set table" fileName={["data-set"]} rows={files.length} testId="data-set-csv" csv={() => buildCsv(PARTITION_COLUMNS, files)} />;
}

const FINDING_COLUMNS: ColumnModel<FindingRow>[] = [
  col("Code", (f) => f.code),
  col("Severity", (f) => f.severity),
  col("File", (f) => f.file ?? "all files"),
  col("Count", (f) => f.count),
  col("Finding", (f) => f.message),
  col("Examples (file:line value)", (f) => f.examples.map((e) => `${e.file}:${e.line} ${e.value}`).join(" | ") || null),
];

/** One finding code's rows (one per file), as its expanded table shows them. */
export function FindingFilesCsv({ code, findings }: { code: string; findings: FindingRow[] }) {
  return <CsvButton label={`the ${code} table`} fileName={["findings", code]} rows={findings.length} testId={`finding-${code}-csv`} csv={() => buildCsv(FINDING_COLUMNS, findings)} />;
}

export function QuarantineReasonsCsv({ reasons }: { reasons: { reason: string; count: number }[] }) {
  const columns: ColumnModel<{ reason: string; count: number }>[] = [col("Reason", (r) => r.reason), col("Rows", (r) => r.count)];
  return <CsvButton label="the quarantine by reason table" fileName={["quarantine-by-reason"]} rows={reasons.length} testId="quarantine-reasons-csv" csv={() => buildCsv(columns, reasons)} />;
}

/** The gap table: one row of shares, one column per length. */
export function GapSharesCsv({ shareUnder }: { shareUnder: { minutes: number; share: number }[] }) {
  const columns: ColumnModel<{ minutes: number; share: number }>[] = [col("Gap up to (minutes)", (s) => csvNumber(s.minutes, 0)), col("Share of gaps (%)", (s) => csvPercent(s.share))];
  return <CsvButton label="the gap shares table" fileName={["gaps", "share-under"]} rows={shareUnder.length} testId="gap-shares-csv" csv={() => buildCsv(columns, shareUnder)} />;
}

export function AuditCsv({ entries }: { entries: AuditEntry[] }) {
  const columns: ColumnModel<AuditEntry>[] = [col("When (UTC)", (e) => iso(e.atMs)), col("Who", (e) => e.actor), col("What", (e) => e.action), col("On", (e) => e.target), col("Detail", (e) => e.detail)];
  return <CsvButton label="the audit entries shown" fileName={["audit", "newest", entries.length]} rows={entries.length} testId="audit-csv" csv={() => buildCsv(columns, entries)} />;
}

export interface AccountCsvRow {
  name: string;
  role: string;
  activeSessions: number;
  createdAtMs: number;
  passwordChangedAtMs: number;
  bootstrap: boolean;
}

export function AccountsCsv({ accounts }: { accounts: AccountCsvRow[] }) {
  const columns: ColumnModel<AccountCsvRow>[] = [
    col("Name", (a) => a.name),
    col("Role", (a) => a.role),
    col("Signed in (sessions)", (a) => a.activeSessions),
    col("Added (UTC)", (a) => iso(a.createdAtMs)),
    col("Password set (UTC)", (a) => iso(a.passwordChangedAtMs)),
    col("From ANALYST_PASSWORD", (a) => (a.bootstrap ? "yes" : "no")),
  ];
  return <CsvButton label="the accounts table" fileName={["accounts"]} rows={accounts.length} testId="accounts-csv" csv={() => buildCsv(columns, accounts)} />;
}
