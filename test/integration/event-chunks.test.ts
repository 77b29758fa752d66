/**
 * The events stored in chunks (lib/db/event-chunks.ts) export exactly what the former one-row-per-
 * event `Event` table exported. The reference is built independently of the module: the run's
 * events inserted into a copy of the old table by the save's generic row writer, read back with
 * the old export SQL (kept here), each row written with the product's CSV line. The CSV of
 * `--out`, the streamed download and the Data page's preview must equal it byte for byte / value
 * for value, on the real sample export (two chunks) and on generated data with every defect class.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CHUNK_ROWS, countEvents, decodeEventChunk, encodeEventChunk, eventRows, eventTimestamp } from "@/lib/db/event-chunks";
import { exportRun } from "@/lib/db/export-run";
import { countRows, findExportTable, iterateRows } from "@/lib/db/export-tables";
import { createRun, insertTable, saveRunResult } from "@/lib/db/save-run";
import type { Sqlite } from "@/lib/db/sqlite";
import { generateDemo } from "@/lib/demo/generator";
import { csvLine } from "@/lib/http/csv-response";
import { csvStreamResponse } from "@/lib/http/csv-stream";
import { readSources } from "@/lib/io/read-sources";
import { runPipeline, type PipelineResult } from "@/lib/pipeline";
import * as aq from "arquero";
import { sampleExportDir } from "../sample-export";
import { tempDatabase } from "../temp-db";

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

/** The former Event table, as the migrations defined it (20261203... and before), without the run foreign key. */
const OLD_EVENT_TABLE = `CREATE TABLE "EventRef" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "runId" INTEGER NOT NULL, "eventId" INTEGER NOT NULL, "file" TEXT NOT NULL, "line" INTEGER NOT NULL,
  "clientId" TEXT, "sessionId" TEXT, "tsMs" REAL NOT NULL, "eventDate" TEXT NOT NULL, "eventName" TEXT NOT NULL, "pageUrl" TEXT, "pagePath" TEXT,
  "referrer" TEXT, "referrerDomain" TEXT, "deviceType" TEXT NOT NULL, "os" TEXT NOT NULL, "browser" TEXT NOT NULL, "transactionId" TEXT,
  "revenue" REAL, "itemsJson" TEXT)`;
/** The former save's mapping of the events table onto it. */
const OLD_MAPPING = {
  eventId: "event_id", file: "file", line: "line", clientId: "client_id", sessionId: "session_id", tsMs: "ts", eventDate: "event_date", eventName: "event_name",
  pageUrl: "page_url", pagePath: "page_path", referrer: "referrer", referrerDomain: "referrer_domain", deviceType: "device_type", os: "os", browser: "browser",
  transactionId: "transaction_id", revenue: "revenue", itemsJson: "items",
};
/** The former export SQL of the `events` table. */
const OLD_EXPORT_SQL = `SELECT "eventId", "file", "line", "clientId", "sessionId", strftime('%Y-%m-%dT%H:%M:%fZ', "tsMs" / 1000.0, 'unixepoch'), "eventDate", "eventName",
  "pageUrl", "pagePath", "referrer", "referrerDomain", "deviceType", "os", "browser", "transactionId", "revenue", "itemsJson" FROM "EventRef" WHERE "runId" = ? ORDER BY "eventId"`;
const OLD_HEADER = ["event_id", "file", "line", "client_id", "session_id", "timestamp", "event_date", "event_name", "page_url", "page_path", "referrer", "referrer_domain", "device_type", "os", "browser", "transaction_id", "revenue", "items_json"];

/** The reference rows: the events through the old table and the old SQL. */
function referenceRows(db: Sqlite, runId: number, result: PipelineResult): unknown[][] {
  db.prepare(`DROP TABLE IF EXISTS "EventRef"`).run();
  db.prepare(OLD_EVENT_TABLE).run();
  insertTable(db, runId, "EventRef", result.events, OLD_MAPPING);
  return db.prepare(OLD_EXPORT_SQL).raw(true).all(runId) as unknown[][];
}

async function checkExports(db: Sqlite, result: PipelineResult, label: string) {
  const runId = createRun(db, "cli");
  saveRunResult(db, runId, result);
  const expected = referenceRows(db, runId, result);
  expect(expected.length, label).toBe(result.events.numRows());
  const expectedCsv = csvLine(OLD_HEADER) + expected.map((r) => csvLine(r as (string | number | null)[])).join("");

  const table = findExportTable("events")!;
  expect(table.columns.map((c) => c.name)).toEqual(OLD_HEADER);
  expect(countRows(db, table, runId), label).toBe(expected.length);

  // --out
  const out = mkdtempSync(join(tmpdir(), "event-chunks-"));
  cleanups.push(() => rmSync(out, { recursive: true, force: true }));
  const manifest = exportRun(db, runId, out);
  expect(manifest.tables.find((t) => t.name === "events")!.rows).toBe(expected.length);
  const written = readFileSync(join(out, "events.csv"));
  expect(written.equals(Buffer.from(expectedCsv, "utf8")), `${label}: events.csv byte for byte`).toBe(true);

  // the Data page's download
  const streamed = Buffer.from(await csvStreamResponse("events.csv", table.columns.map((c) => c.name), iterateRows(db, table, runId), () => {}).arrayBuffer());
  expect(streamed.equals(Buffer.from(expectedCsv, "utf8")), `${label}: download byte for byte`).toBe(true);

  // the Data page's preview: the same values, of the same types
  expect([...iterateRows(db, table, runId, 10)], label).toEqual(expected.slice(0, 10));
  expect([...eventRows(db, runId, CHUNK_ROWS + 3)].slice(CHUNK_ROWS - 2), label).toEqual(expected.slice(CHUNK_ROWS - 2, CHUNK_ROWS + 3));
  return { runId, expected };
}

describe("events stored in chunks export what the Event table exported", () => {
  it("on the real sample export, across a chunk boundary", async () => {
    const t = tempDatabase();
    cleanups.push(t.cleanup);
    const result = runPipeline(readSources([sampleExportDir()]), { now: Date.parse("2025-03-04T06:00:00Z") });
    expect(result.events.numRows()).toBeGreaterThan(CHUNK_ROWS);
    const { runId, expected } = await checkExports(t.db, result, "sample");
    expect(expected.length).toBe(33_002);
    expect((t.db.prepare(`SELECT COUNT(*) AS n FROM "EventChunk" WHERE "runId" = ?`).get(runId) as { n: number }).n).toBe(Math.ceil(33_002 / CHUNK_ROWS));
    expect(countEvents(t.db, runId + 1)).toBe(0);
  }, 120_000);

  it("on generated data with every defect class planted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "event-chunks-gen-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const demo = await generateDemo({ days: 6, eventsPerDay: 900, seed: 5, endDate: "2025-03-08" }, dir);
    const t = tempDatabase();
    cleanups.push(t.cleanup);
    const result = runPipeline(readSources(demo.files), { now: Date.parse("2025-03-09T06:00:00Z") });
    const { expected } = await checkExports(t.db, result, "generated");
    // The defects reach the exported values: events without a client id, purchases with revenue and items.
    expect(expected.some((r) => r[3] === null && r[4] === null)).toBe(true);
    expect(expected.some((r) => typeof r[16] === "number" && typeof r[17] === "string")).toBe(true);
  }, 120_000);

  it("keeps odd values as SQLite kept them: nulls, fractional and negative numbers, lone surrogates, out-of-order ids, times of any millisecond", () => {
    const t = tempDatabase();
    cleanups.push(t.cleanup);
    const db = t.db;
    const n = 300;
    const pick = <T>(i: number, values: T[]) => values[i % values.length]!;
    const events = aq.table({
      event_id: Float64Array.from({ length: n }, (_, i) => (i * 7919) % n), // a permutation: stored in id order
      file: Array.from({ length: n }, (_, i) => `events_2025010${i % 3}.csv`),
      line: Int32Array.from({ length: n }, (_, i) => (i % 2 ? 2 + i : 2 ** 31 - 1 - i)),
      client_id: Array.from({ length: n }, (_, i) => pick(i, ["c1", null, "", "c\u{1F600}2", "bad\uD800surrogate", "x".repeat(300 + i)])),
      session_id: Array.from({ length: n }, (_, i) => pick(i, [null, "s1", "s2"])),
      ts: Float64Array.from({ length: n }, (_, i) => pick(i, [Date.UTC(2025, 0, 1), 1735689600123.5, 1735689600123.4999, 946684800000 + i * 86_400_000 * 37, 4102444799999, 1e12 + i / 7])),
      event_date: Array.from({ length: n }, () => "2025-01-01"),
      event_name: Array.from({ length: n }, (_, i) => pick(i, ["page_view", "purchase", "add_to_cart"])),
      page_url: Array.from({ length: n }, (_, i) => pick(i, ["https://shop.example/a?b=1", null, `https://shop.example/p/${i}`])),
      page_path: Array.from({ length: n }, (_, i) => pick(i, ["/a", null])),
      referrer: Array.from({ length: n }, () => null),
      referrer_domain: Array.from({ length: n }, (_, i) => pick(i, [null, "google.com"])),
      device_type: Array.from({ length: n }, () => "desktop"),
      os: Array.from({ length: n }, () => "Linux"),
      browser: Array.from({ length: n }, () => "Firefox"),
      transaction_id: Array.from({ length: n }, (_, i) => pick(i, [null, "T1", "T-2"])),
      revenue: Array.from({ length: n }, (_, i) => pick(i, [null, 0, -0, 12.5, 0.1 + 0.2, -3, 1e21, NaN, Infinity, 123456789.123])),
      items: Array.from({ length: n }, (_, i) => pick(i, [null, '[{"item_id":"A","quantity":2}]'])),
      session_extra: Array.from({ length: n }, () => "not stored"),
    });
    const result = { events } as unknown as PipelineResult;
    const runId = createRun(db, "cli");
    const chunks = db.prepare(`INSERT INTO "EventChunk" ("runId", "seq", "firstEventId", "rows", "data") VALUES (?, ?, ?, ?, ?)`);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => ((a * 7919) % n) - ((b * 7919) % n));
    chunks.run(runId, 0, 0, 200, encodeEventChunk(events, order, 0, 200));
    chunks.run(runId, 1, 200, 100, encodeEventChunk(events, order, 200, n));
    const expected = referenceRows(db, runId, result);
    expect([...eventRows(db, runId)]).toEqual(expected);
    expect([...eventRows(db, runId, 201)]).toEqual(expected.slice(0, 201));
    // The same rows give the same bytes.
    expect(encodeEventChunk(events, order, 0, 200).equals(encodeEventChunk(events, order, 0, 200))).toBe(true);
    expect(decodeEventChunk(encodeEventChunk(events, order, 0, 200)).rows).toBe(200);
  });

  it("formats times as SQLite's strftime does", () => {
    const t = tempDatabase();
    cleanups.push(t.cleanup);
    const sqlite = t.db.prepare(`SELECT strftime('%Y-%m-%dT%H:%M:%fZ', ? / 1000.0, 'unixepoch')`).pluck();
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    const values = [0, -1, 0.5, -0.5, 1.5, 999.5, 999.4999999, 946684800000, 4102444799999.5, 253402300799999, 253402300800000, -62167219200000, -62167219200001, -210866760000000, -3e14, 3e14, 1e20];
    for (let i = 0; i < 20_000; i++) values.push(946684800000 + random() * 3.2e12, Math.round(946684800000 + random() * 3.2e12) + pick(i));
    function pick(i: number) {
      return [0, 0.5, -0.5, 0.4999, 0.5001, 0.25][i % 6]!;
    }
    for (const v of values) expect(eventTimestamp(v, t.db), String(v)).toBe(sqlite.get(v));
  });
});
