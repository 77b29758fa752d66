import "server-only";
import { countRows, EXPORT_TABLES, findExportTable, iterateRows, ROW_LEVEL_TABLES } from "../export-tables";
import { openSqlite, type Sqlite } from "../sqlite";

export type PreviewValue = string | number | null;

export interface DataTableColumn {
  name: string;
  description: string;
}

export interface DataTableInfo {
  name: string;
  description: string;
  rows: number;
  /** One row per event, session, client, order or quarantined row: analysts only. */
  rowLevel: boolean;
  columns: DataTableColumn[];
  /** The first rows in export order, values as the CSV has them. */
  preview: PreviewValue[][];
}

export interface DataTablesData {
  runId: number;
  createdAt: string;
  tables: DataTableInfo[];
}

export const PREVIEW_ROWS = 10;

/** The run pages show: the newest one that succeeded. */
function currentRun(db: Sqlite): { id: number; createdAt: string } | null {
  const run = db.prepare(`SELECT "id", "createdAt" FROM "Run" WHERE "status" = 'succeeded' ORDER BY "id" DESC LIMIT 1`).get() as { id: number; createdAt: string | number } | undefined;
  return run ? { id: run.id, createdAt: new Date(run.createdAt).toISOString() } : null;
}

const previewValue = (v: unknown): PreviewValue => (v === null || v === undefined ? null : typeof v === "number" || typeof v === "string" ? v : String(v));

/** Every export table of the current run: row count, columns and the first rows (null before the first run); row-level tables show their rows only to analysts. */
export function getDataTables(opts: { rowLevel: boolean }): DataTablesData | null {
  const db = openSqlite();
  try {
    const run = currentRun(db);
    if (!run) return null;
    return {
      runId: run.id,
      createdAt: run.createdAt,
      tables: EXPORT_TABLES.map((t) => ({
        name: t.name,
        description: t.description,
        rows: countRows(db, t, run.id),
        rowLevel: ROW_LEVEL_TABLES.has(t.name),
        columns: t.columns.map(({ name, description }) => ({ name, description })),
        preview: !opts.rowLevel && ROW_LEVEL_TABLES.has(t.name) ? [] : [...iterateRows(db, t, run.id, PREVIEW_ROWS)].map((row) => row.map(previewValue)),
      })),
    };
  } finally {
    db.close();
  }
}

export type TableRows =
  | { ok: true; filename: string; header: string[]; rows: IterableIterator<unknown[]>; close: () => void }
  | { ok: false; error: string };

/**
 * Opens one export table of the current run for streaming. The caller owns the connection and
 * must call `close` (csvStreamResponse does, when the download ends or is cancelled).
 */
export function openTableRows(name: string): TableRows {
  const table = findExportTable(name);
  if (!table) return { ok: false, error: `Unknown table "${name}". Tables: ${EXPORT_TABLES.map((t) => t.name).join(", ")}.` };
  const db = openSqlite();
  try {
    const run = currentRun(db);
    if (!run) {
      db.close();
      return { ok: false, error: "No run has completed yet: there is no data to download." };
    }
    return { ok: true, filename: `${table.name}-run-${run.id}.csv`, header: table.columns.map((c) => c.name), rows: iterateRows(db, table, run.id), close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}
