/**
 * Only a valid run is published, and the data set is stored once: a run whose validation fails is
 * recorded with its checks and rejected, a value the database refuses is named by file and line,
 * and repeated runs keep one copy of the data rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun, DATA_TABLES, RunRejected, SaveError, saveRunResult } from "@/lib/db/save-run";
import { runPipeline } from "@/lib/pipeline";
import { col } from "@/lib/pipeline/table";
import { drainQueue, enqueueRun } from "@/lib/runs/queue";
import { readPartitions, storePartition } from "@/lib/uploads/store";
import { dayExport } from "../csv-builder";
import { storedEvents } from "../stored-events";
import { tempDatabase } from "../temp-db";

const t = tempDatabase();
const db = t.db;
afterAll(() => t.cleanup());

const day = dayExport;
const published = () => db.prepare(`SELECT "id" FROM "Run" WHERE "status" = 'succeeded' ORDER BY "id" DESC LIMIT 1`).get() as { id: number };
const rows = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
const orderRevenue = () => (db.prepare(`SELECT SUM("revenueCents") AS c FROM "Order"`).get() as { c: number }).c;

beforeAll(() => {
  storePartition(db, "events_20250301.csv", day("2025-03-01", 20, 100), t.dir);
  enqueueRun(db, "upload");
  drainQueue(db, t.dir);
});

describe("publishing", () => {
  it("the first run is published with exactly the planted rows", () => {
    expect(storedEvents(db).length).toBe(21);
    expect(rows("Order")).toBe(1);
    expect(orderRevenue()).toBe(10_000);
  });

  it("a run whose validation fails is recorded with its checks and not published", () => {
    const before = published().id;
    storePartition(db, "events_20250302.csv", day("2025-03-02", 30, 250), t.dir);
    const result = runPipeline(readPartitions(db, t.dir));
    expect(result.validation.every((v) => v.passed)).toBe(true);
    // A check that fails (as a bug upstream would make it): the gate, not the check, is under test.
    result.validation[0] = { ...result.validation[0]!, passed: false, detail: "planted failure" };
    const runId = createRun(db, "upload");
    let error: unknown;
    try {
      saveRunResult(db, runId, result);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RunRejected);
    const run = db.prepare(`SELECT "status", "error", "inputRows" FROM "Run" WHERE "id" = ?`).get(runId) as { status: string; error: string; inputRows: number };
    expect(run.status).toBe("failed");
    expect(run.error).toBe(
      `Validation failed (1 of ${result.validation.length} checks: ${result.validation[0]!.name}); this run was not published and the previous results stay current.`,
    );
    expect(run.inputRows).toBe(21 + 31);
    const checks = db.prepare(`SELECT "name", "passed", "detail" FROM "ValidationCheck" WHERE "runId" = ? AND "passed" = 0`).all(runId);
    expect(checks).toEqual([{ name: result.validation[0]!.name, passed: 0, detail: "planted failure" }]);
    // The pages still show the previous run, with its data.
    expect(published().id).toBe(before);
    expect(storedEvents(db).length).toBe(21);
    expect(orderRevenue()).toBe(10_000);
  });

  it("a value the database refuses names its file and line, and nothing is published", () => {
    const before = published().id;
    const result = runPipeline(readPartitions(db, t.dir));
    // The purchase of 2025-03-02 is the last row (line 32) of its file: make its revenue unstorable.
    const txs = col<string>(result.orders, "transaction_id");
    const cents = col<number>(result.orders, "revenue_cents") as unknown as number[];
    cents[txs.indexOf("T-2025-03-02")] = Number.NaN;
    const runId = createRun(db, "upload");
    expect(() => saveRunResult(db, runId, result)).toThrow(SaveError);
    expect(() => saveRunResult(db, createRun(db, "upload"), result)).toThrow(
      /^Could not store a Order row from events_20250302\.csv line 32: NOT NULL constraint failed: Order\.revenueCents\. Nothing was published/,
    );
    expect(published().id).toBe(before);
    expect(rows("Order")).toBe(1);
  });

  it("repeated runs keep one copy of the data set", () => {
    for (let i = 0; i < 3; i++) {
      enqueueRun(db, "rerun");
      drainQueue(db, t.dir);
    }
    const current = published().id;
    expect(storedEvents(db).length).toBe(21 + 31);
    expect(orderRevenue()).toBe(10_000 + 25_000);
    for (const table of DATA_TABLES) {
      const other = (db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE "runId" <> ?`).get(current) as { n: number }).n;
      expect(other, table).toBe(0);
    }
    // Every run keeps its own record.
    const records = db.prepare(`SELECT COUNT(DISTINCT "runId") AS n FROM "ValidationCheck"`).get() as { n: number };
    expect(records.n).toBe((db.prepare(`SELECT COUNT(*) AS n FROM "Run" WHERE "status" = 'succeeded'`).get() as { n: number }).n + 1);
  });

  it("a run no longer published keeps its record but not the copies of its result", () => {
    const findings = (id: number) => db.prepare(`SELECT "code", "count", "examplesJson" FROM "Finding" WHERE "runId" = ? ORDER BY "id"`).all(id) as { code: string; count: number; examplesJson: string }[];
    const checks = (id: number) => (db.prepare(`SELECT COUNT(*) AS n FROM "ValidationCheck" WHERE "runId" = ?`).get(id) as { n: number }).n;
    const record = (id: number) => db.prepare(`SELECT "reportJson", "monitoringJson", "monitoringStatus", "loadedRows", "timingsJson" FROM "Run" WHERE "id" = ?`).get(id) as { reportJson: string; monitoringJson: string; monitoringStatus: string; loadedRows: number; timingsJson: string };
    const before = published().id;
    const full = record(before);
    const fullFindings = findings(before);
    expect(fullFindings.some((f) => f.examplesJson !== "[]"), "the published run's findings carry example rows").toBe(true);
    expect(Object.keys(JSON.parse(full.monitoringJson))).toContain("series");
    enqueueRun(db, "rerun");
    drainQueue(db, t.dir);
    expect(published().id).toBeGreaterThan(before);
    // The superseded run: status, counts, timings, settings, checks and findings stay; series, journeys, intervals, per-person credit, robots, gaps and example rows go.
    const kept = record(before);
    expect(Object.keys(JSON.parse(kept.reportJson)).sort()).toEqual(["identity", "noClientEvents", "ownDomains", "revenueOutlierThreshold", "sessionTimeoutMinutes", "storeDomain", "tagging"]);
    expect(Object.keys(JSON.parse(kept.monitoringJson)).sort()).toEqual(["checks", "evaluatedAt", "newestEventTs", "options", "status"]);
    expect(JSON.parse(kept.monitoringJson).checks).toEqual(JSON.parse(full.monitoringJson).checks);
    expect([kept.monitoringStatus, kept.loadedRows, kept.timingsJson]).toEqual([full.monitoringStatus, full.loadedRows, full.timingsJson]);
    expect(findings(before)).toEqual(fullFindings.map((f) => ({ ...f, examplesJson: "[]" })));
    expect(checks(before)).toBeGreaterThan(0);
    // The published run's record is whole.
    const now = published().id;
    expect(Object.keys(JSON.parse(record(now).reportJson))).toEqual(expect.arrayContaining(["daily", "journeys", "intervals", "attributionByPerson"]));
    expect(findings(now).map((f) => f.examplesJson)).toEqual(fullFindings.map((f) => f.examplesJson));
  });
});
