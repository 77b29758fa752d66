/**
 * Writes every table of a run as CSV (header row, stable column names, formulas neutralised)
 * plus a manifest.json with row counts and column descriptions. Rows stream from SQLite.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { csvLine } from "@/lib/http/csv-response";
import { countRows, EXPORT_TABLES, iterateRows } from "./export-tables";
import type { Sqlite } from "./sqlite";

export interface Manifest {
  runId: number;
  generatedAt: string;
  tables: { name: string; file: string; rows: number; description: string; columns: { name: string; description: string }[] }[];
}

export function exportRun(db: Sqlite, runId: number, dir: string): Manifest {
  mkdirSync(dir, { recursive: true });
  const manifest: Manifest = { runId, generatedAt: new Date().toISOString(), tables: [] };
  for (const table of EXPORT_TABLES) {
    const file = `${table.name}.csv`;
    const fd = openSync(join(dir, file), "w");
    let rows = 0;
    try {
      writeSync(fd, csvLine(table.columns.map((c) => c.name)));
      let chunk = "";
      for (const row of iterateRows(db, table, runId)) {
        chunk += csvLine(row as (string | number | null)[]);
        rows++;
        if (chunk.length > 1 << 20) {
          writeSync(fd, chunk);
          chunk = "";
        }
      }
      if (chunk) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    if (rows !== countRows(db, table, runId)) throw new Error(`Export of ${table.name} wrote ${rows} rows but the table holds more or fewer.`);
    manifest.tables.push({ name: table.name, file, rows, description: table.description, columns: table.columns.map(({ name, description }) => ({ name, description })) });
  }
  writeFileSync(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
