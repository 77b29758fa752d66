/**
 * Integration: generate data with every defect class planted, run the pipeline, find exactly the
 * planted counts; accounting and validation hold; a 14-day batch is 14 daily points with no false
 * volume alarm; a perfectly clean generation yields no defect findings.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo, type DemoResult } from "@/lib/demo/generator";
import { readSources } from "@/lib/io/read-sources";
import { runPipeline, type FindingCode, type PipelineResult } from "@/lib/pipeline";

let dir: string;
let demo: DemoResult;
let result: PipelineResult;
const total = (code: FindingCode) => result.quality.findings.filter((f) => f.code === code).reduce((s, f) => s + f.count, 0);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gen-it-"));
  demo = await generateDemo({ days: 14, eventsPerDay: 3500, seed: 42, endDate: "2025-03-14" }, dir);
  result = runPipeline(readSources([dir]), { now: Date.parse("2025-03-15T06:00:00Z") });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pipeline on generated data with planted defects", () => {
  it("finds exactly the planted count of every defect class", () => {
    const p = demo.planted;
    expect(total("NULL_CLIENT_ID")).toBe(p.nullClientIdRows);
    expect(total("DUPLICATE_ROW")).toBe(p.duplicateRows);
    expect(total("INVALID_JSON")).toBe(p.invalidJson);
    expect(total("UNKNOWN_EVENT")).toBe(p.unknownEvents);
    expect(total("INVALID_TIMESTAMP")).toBe(p.invalidTimestamps);
    expect(total("TIMESTAMP_OUTSIDE_PARTITION")).toBe(p.outsidePartition);
    expect(total("INVALID_PURCHASE")).toBe(p.invalidPurchases);
    expect(total("TRANSACTION_ID_COLLISION")).toBe(p.transactionIdCollisions);
    expect(total("REVENUE_ITEMS_MISMATCH")).toBe(p.revenueItemsMismatch);
    expect(total("REVENUE_OUTLIER")).toBe(p.revenueOutliers);
    expect(result.quality.findings.filter((f) => f.code === "HEADER_ALIAS").map((f) => f.file)).toEqual(p.headerAliasFiles);
    expect(result.quality.findings.filter((f) => f.code === "MISSING_COLUMN").map((f) => f.file)).toEqual(p.missingColumnFiles);
    for (const [file, n] of Object.entries(p.nullClientIdByFile)) {
      expect(result.quality.findings.find((f) => f.code === "NULL_CLIENT_ID" && f.file === file)?.count ?? 0).toBe(n);
    }
    // Every planted class is present in this configuration.
    for (const n of [p.nullClientIdRows, p.duplicateRows, p.invalidJson, p.unknownEvents, p.invalidTimestamps, p.outsidePartition, p.invalidPurchases, p.transactionIdCollisions, p.revenueItemsMismatch, p.revenueOutliers]) expect(n).toBeGreaterThan(0);
  });

  it("flags the planted empty client id spike day", () => {
    const spikes = result.quality.findings.filter((f) => f.code === "NULL_CLIENT_ID_SPIKE").map((f) => f.day);
    expect(spikes).toEqual(["2025-03-13"]); // default spike day: days - 2 (0-based 12 of 14)
  });

  it("accounts for every row, per file and in total", () => {
    const a = result.quality.accounting;
    expect(a.inputRows).toBe(demo.totalRows);
    expect(a.balanced).toBe(true);
    expect(a.duplicateRows).toBe(demo.planted.duplicateRows);
    for (const f of result.quality.files) {
      expect(f.inputRows).toBe(demo.rowsByFile[f.file]);
      expect(f.inputRows).toBe(f.loadedRows + f.quarantinedRows + f.duplicateRows);
    }
  });

  it("builds the generator's valid orders and revenue, and passes every validation check", () => {
    expect(result.orders.numRows()).toBe(demo.validOrders);
    const cents = (result.orders.array("revenue_cents") as number[]).reduce((x, y) => x + y, 0);
    expect(cents).toBe(Math.round(demo.validRevenue * 100));
    expect(result.validation.filter((v) => !v.passed)).toEqual([]);
  });

  it("a 14-day batch gives 14 daily points, 7 of them scored, and no false volume alarm", () => {
    // Stray events timestamped outside their file's day land on two partial edge days, kept apart.
    expect(result.dailyMetrics.filter((d) => !d.partial).map((d) => d.day)).toHaveLength(14);
    expect(result.dailyMetrics.filter((d) => d.partial).every((d) => d.events <= demo.planted.outsidePartition)).toBe(true);
    const events = result.monitoring.series.find((s) => s.metric === "events")!;
    expect(events.points).toHaveLength(14);
    expect(events.points.filter((p) => p.z !== null)).toHaveLength(7);
    for (const id of ["anomaly_events", "anomaly_sessions", "anomaly_orders"]) {
      expect(result.monitoring.checks.find((c) => c.id === id)!.status).toBe("PASS");
    }
    expect(result.monitoring.checks.find((c) => c.id === "freshness")!.status).toBe("PASS");
  });
});

describe("pipeline on clean generated data", () => {
  it("finds no defects when none are planted", async () => {
    const cleanDir = mkdtempSync(join(tmpdir(), "gen-clean-"));
    try {
      const zero = { headerAliasEveryNthFile: 0, missingReferrerFileIndexes: [], nullClientIdRate: 0, nullClientIdSpikeDays: [], nullClientIdSpikeRate: 0, invalidPurchaseRate: 0, transactionIdCollisions: 0, duplicateRowRate: 0, revenueItemsMismatchRate: 0, invalidJsonRate: 0, invalidTimestampRate: 0, outsidePartitionRate: 0, unknownEventRate: 0, revenueOutliers: 0 };
      await generateDemo({ days: 3, eventsPerDay: 1500, seed: 5, endDate: "2025-03-03", defects: zero }, cleanDir);
      const r = runPipeline(readSources([cleanDir]));
      expect(r.quality.findings.filter((f) => f.code !== "NULL_REFERRER")).toEqual([]);
      expect(r.quality.accounting.quarantinedRows + r.quality.accounting.duplicateRows).toBe(0);
      expect(r.validation.every((v) => v.passed)).toBe(true);
    } finally {
      rmSync(cleanDir, { recursive: true, force: true });
    }
  });
});
