/**
 * Integration: generate data with the demo's defect classes planted (README lists them), run the
 * pipeline, find exactly the planted counts; accounting and validation hold; a 14-day batch is 14 daily points with no false
 * volume alarm; a perfectly clean generation yields no defect findings.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
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
    expect(total("BOT_TRAFFIC")).toBe(p.robotEvents);
    expect(result.bots.sessions).toBe(p.robotSessions);
    expect(result.bots.orders).toBe(0); // planted robots only browse
    expect(result.quality.findings.filter((f) => f.code === "HEADER_ALIAS").map((f) => f.file)).toEqual(p.headerAliasFiles);
    expect(result.quality.findings.filter((f) => f.code === "MISSING_COLUMN").map((f) => f.file)).toEqual(p.missingColumnFiles);
    for (const [file, n] of Object.entries(p.nullClientIdByFile)) {
      expect(result.quality.findings.find((f) => f.code === "NULL_CLIENT_ID" && f.file === file)?.count ?? 0).toBe(n);
    }
  });

  it("plants the counts worked out from the configuration (so the equalities above are not vacuous)", () => {
    const p = demo.planted;
    // Header variants, from DEFAULT_DEFECTS: every 2nd file (0-based index 1, 3, ..., 13 of the 14
    // days 2025-03-01..14) spells `clientId`; file index 3 (2025-03-04) has no referrer column.
    expect(p.headerAliasFiles).toEqual(["02", "04", "06", "08", "10", "12", "14"].map((d) => `events_202503${d}.csv`));
    expect(p.missingColumnFiles).toEqual(["events_20250304.csv"]);
    // Traffic of seed 42 (as generated; not derivable by hand): 48,163 rows written, 96 of them
    // duplicates, so 48,067 distinct rows; 222 purchases (215 valid orders + 7 invalid); the spike
    // file (2025-03-13) has 3,426 distinct rows, the other 13 files 44,641.
    // Robots and the cross-device journeys are planted on their own random streams after
    // everything else, so the people's traffic stays 48,163 rows and its 215 valid orders; 12 robot
    // sessions per 100 landings of people, 1–3 page views each. Each cross-device journey adds one
    // valid order (its purchase is never a defect): 0.02 journeys per purchase of the days whose
    // purchase 1–5 days later still fits, so at most round(0.02 x 222 = 4.44) = 4; seed 42 plants 4.
    expect(demo.totalRows - p.robotEvents - p.crossDeviceEvents).toBe(48_163);
    expect(p.robotSessions).toBeGreaterThan(0);
    expect(p.robotEvents).toBeGreaterThanOrEqual(p.robotSessions);
    expect(p.robotEvents).toBeLessThanOrEqual(3 * p.robotSessions);
    expect(p.crossDevice).toHaveLength(4);
    expect(p.crossDeviceEvents).toBeGreaterThan(0);
    expect(demo.validOrders).toBe(215 + p.crossDevice.length);
    // Rate-based defects: the generator plants round(cumulative rate x base), so a total is
    // round(rate x total base), with the rates of DEFAULT_DEFECTS:
    expect(p.duplicateRows).toBe(96); // round(0.002 x 48,067 = 96.13)
    expect(p.invalidJson).toBe(48); // round(0.001 x 48,067 = 48.07)
    expect(p.unknownEvents).toBe(48); // round(0.001 x 48,067)
    expect(p.invalidTimestamps).toBe(24); // round(0.0005 x 48,067 = 24.03)
    expect(p.outsidePartition).toBe(24); // round(0.0005 x 48,067)
    expect(p.invalidPurchases).toBe(7); // round(0.03 x 222 = 6.66)
    expect(p.revenueItemsMismatch).toBe(4); // round(0.02 x 222 = 4.44)
    expect(p.nullClientIdByFile["events_20250313.csv"]).toBe(514); // spike day: round(0.15 x 3,426 = 513.9)
    expect(p.nullClientIdRows).toBe(514 + 446); // other days: round(0.01 x 44,641 = 446.41)
    // Totals set directly in DEFAULT_DEFECTS.
    expect(p.transactionIdCollisions).toBe(3);
    expect(p.revenueOutliers).toBe(2);
  });

  it("finds exactly the defect classes the README says the demo plants (npm start uses these generator settings)", () => {
    const readme = readFileSync(join(process.cwd(), "README.md"), "utf8");
    const listed = /The demo exports have these defects planted:([\s\S]*?)\(plus the `NULL_REFERRER` share/.exec(readme)?.[1] ?? "";
    const planted = [...listed.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!);
    expect(planted).toHaveLength(14);
    const found = new Set(result.quality.findings.map((f) => f.code));
    expect([...found].sort()).toEqual([...planted, "NULL_REFERRER"].sort());
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
      const zero = { headerAliasEveryNthFile: 0, missingReferrerFileIndexes: [], nullClientIdRate: 0, nullClientIdSpikeDays: [], nullClientIdSpikeRate: 0, invalidPurchaseRate: 0, transactionIdCollisions: 0, duplicateRowRate: 0, revenueItemsMismatchRate: 0, invalidJsonRate: 0, invalidTimestampRate: 0, outsidePartitionRate: 0, unknownEventRate: 0, revenueOutliers: 0, robotSessionRate: 0 };
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
