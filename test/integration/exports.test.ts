/**
 * Exports on the real sample export: run the pipeline, save the run to a throwaway database,
 * export every table as CSV, then read the files back and check them against the manifest, the
 * database and the known totals of the sample (187 orders, $196,763.40, 25,920 sessions).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportRun, type Manifest } from "@/lib/db/export-run";
import { countRows, EXPORT_TABLES, findExportTable, iterateRows } from "@/lib/db/export-tables";
import { createRun, saveRunResult } from "@/lib/db/save-run";
import { csvStreamResponse } from "@/lib/http/csv-stream";
import { readSources } from "@/lib/io/read-sources";
import { runPipeline } from "@/lib/pipeline";
import { parseCsv } from "@/lib/pipeline/csv";
import { sampleExportDir } from "../sample-export";
import { storedEvents } from "../stored-events";
import { tempDatabase } from "../temp-db";

const t = tempDatabase();
const db = t.db;
const out = mkdtempSync(join(tmpdir(), "exports-it-"));
const PLANTED = '=HYPERLINK("http://evil.example","click")';
let runId: number;
let manifest: Manifest;

const parsed = new Map<string, string[][]>();
/** A CSV file as records (header first), parsed with the pipeline's RFC 4180 parser (once per file). */
function readCsv(file: string): string[][] {
  const cached = parsed.get(file);
  if (cached) return cached;
  const records: string[][] = [];
  parsed.set(file, records);
  parseCsv(readFileSync(join(out, file), "utf8"), (fields, line, ok) => {
    if (!ok) throw new Error(`${file}:${line}: broken record`);
    records.push(fields);
  });
  return records;
}
const column = (records: string[][], name: string) => {
  const i = records[0]!.indexOf(name);
  expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
  return records.slice(1).map((r) => r[i]!);
};
const cents = (values: string[]) => values.reduce((s, v) => s + Math.round(Number(v) * 100), 0);
const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T;

beforeAll(() => {
  runId = createRun(db, "cli");
  saveRunResult(db, runId, runPipeline(readSources([sampleExportDir()]), { now: Date.parse("2025-03-04T06:00:00Z") }));
  // A value a spreadsheet would run as a formula (the sample has none): it must come out neutralised.
  db.prepare(`UPDATE "OrderItem" SET "itemName" = ? WHERE "id" = (SELECT MIN("id") FROM "OrderItem" WHERE "runId" = ?)`).run(PLANTED, runId);
  manifest = exportRun(db, runId, out);
});
afterAll(() => {
  t.cleanup();
  rmSync(out, { recursive: true, force: true });
});

describe("exported CSVs on the sample export", () => {
  it("holds every table of the registry, with the registry's header row and as many rows as the manifest and the database", () => {
    expect(manifest.tables.map((m) => m.name)).toEqual(EXPORT_TABLES.map((x) => x.name));
    for (const table of EXPORT_TABLES) {
      const records = readCsv(`${table.name}.csv`);
      const entry = manifest.tables.find((m) => m.name === table.name)!;
      expect(records[0], table.name).toEqual(table.columns.map((c) => c.name));
      expect(records.length - 1, table.name).toBe(entry.rows);
      expect(entry.rows, table.name).toBe(countRows(db, table, runId));
      for (const r of records) expect(r.length, table.name).toBe(table.columns.length);
    }
    const byName = Object.fromEntries(manifest.tables.map((m) => [m.name, m.rows]));
    const dbCount = (model: string) => one<{ n: number }>(`SELECT COUNT(*) AS n FROM "${model}" WHERE "runId" = ?`, runId).n;
    expect(byName).toMatchObject({ events: storedEvents(db, runId).length, sessions: dbCount("Session"), touchpoints: dbCount("Session"), orders: dbCount("Order"), order_items: dbCount("OrderItem"), clients: dbCount("Client") });
    expect(byName.events).toBe(33_002);
    expect(byName.quarantined_rows).toBe(6);
  });

  it("sessions.csv has the sample's 25,920 sessions", () => {
    expect(readCsv("sessions.csv").length - 1).toBe(25_920);
  });

  it("orders.csv revenue sums to the database's order revenue: 187 orders, $196,763.40", () => {
    const orders = readCsv("orders.csv");
    const db = one<{ n: number; cents: number }>(`SELECT COUNT(*) AS n, SUM("revenueCents") AS cents FROM "Order" WHERE "runId" = ?`, runId);
    expect(db).toEqual({ n: 187, cents: 19_676_340 });
    expect(orders.length - 1).toBe(187);
    expect(cents(column(orders, "revenue"))).toBe(19_676_340);
    expect(new Set(column(orders, "order_id")).size).toBe(187);
  });

  it("every attribution model credits the same total revenue for lookback 7", () => {
    const models = EXPORT_TABLES.filter((x) => x.name.startsWith("attribution_"));
    expect(models).toHaveLength(8);
    for (const table of models) {
      const records = readCsv(`${table.name}.csv`);
      const lookback = column(records, "lookback_days");
      const revenue = column(records, "revenue").filter((_, i) => lookback[i] === "7");
      expect(cents(revenue), table.name).toBe(19_676_340);
      const orders = column(records, "order_id").filter((_, i) => lookback[i] === "7");
      expect(new Set(orders).size, table.name).toBe(187);
    }
  });

  it("neutralises values a spreadsheet would run as formulas; numbers stay numbers", () => {
    const items = readCsv("order_items.csv");
    expect(column(items, "item_name")).toContain(`'${PLANTED}`);
    expect(readFileSync(join(out, "order_items.csv"), "utf8")).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    for (const table of EXPORT_TABLES) {
      for (const record of readCsv(`${table.name}.csv`).slice(1)) {
        for (const field of record) if (/^[=+\-@\t\r]/.test(field)) expect(field, table.name).toMatch(/^-\d+(\.\d+)?$/);
      }
    }
  });

  it("the web download streams the same bytes as the command-line export", async () => {
    for (const name of ["orders", "order_items", "conversion_paths"]) {
      const table = findExportTable(name)!;
      let closed = false;
      const res = csvStreamResponse(`${name}.csv`, table.columns.map((c) => c.name), iterateRows(db, table, runId), () => (closed = true), 50);
      expect(await res.text(), name).toBe(readFileSync(join(out, `${name}.csv`), "utf8"));
      expect(closed).toBe(true);
    }
  });
});
