/**
 * The Traffic page's figures (lib/db/queries/traffic.ts, one grouped scan summed in code) against
 * a second, plain implementation in this test: one SQL query per table, grouped and sorted by
 * SQLite, as the page was first built. Generated data gives ties, NULL sources and campaigns,
 * robots and many landing pages; both must agree on every row, in order, for the whole data and
 * under each filter.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "@/lib/demo/generator";
import { readSources } from "@/lib/io/read-sources";
import { createRun, saveRunResult } from "@/lib/db/save-run";
import { runPipeline } from "@/lib/pipeline";
import type { Traffic, TrafficMetrics } from "@/lib/db/queries/traffic";
import { LANDING_PAGE_LIMIT, SOURCE_LIMIT } from "@/lib/views/traffic-shape";
import { tempDatabase } from "../temp-db";

const t = tempDatabase();
let input: string;
let getTraffic: typeof import("@/lib/db/queries/traffic").getTraffic;

beforeAll(async () => {
  input = mkdtempSync(join(tmpdir(), "traffic-ref-"));
  const demo = await generateDemo({ days: 7, eventsPerDay: 2500, seed: 11, endDate: "2025-03-07" }, input);
  saveRunResult(t.db, createRun(t.db, "cli"), runPipeline(readSources([input]), { now: Date.parse("2025-03-08T06:00:00Z") }));
  expect(demo.files).toHaveLength(7);
  process.env.DATABASE_URL = `file:${t.path}`;
  ({ getTraffic } = await import("@/lib/db/queries/traffic"));
}, 120_000);
afterAll(() => {
  t.cleanup();
  rmSync(input, { recursive: true, force: true });
});

type Row = Record<string, number | string | null>;
const METRICS = `COUNT(*) AS sessions, SUM(s."eventCount" = 1) AS bounces, SUM(s."pageViews") AS pages, SUM(s."durationSec") AS duration,
  SUM(s."hasPurchase" OR s."hasCheckoutStarted" OR s."hasAddToCart" OR s."hasProductView") AS productViews,
  SUM(s."hasPurchase" OR s."hasCheckoutStarted" OR s."hasAddToCart") AS addToCarts, SUM(s."hasPurchase" OR s."hasCheckoutStarted") AS checkouts,
  SUM(s."hasPurchase") AS purchases,
  COALESCE(SUM(o.orders), 0) AS orders, COALESCE(SUM(o.cents), 0) AS cents`;
// Every session's orders, whatever the session (the page looks up only sessions with a purchase).
const ORDERS = `LEFT JOIN (SELECT "sessionId", COUNT(*) AS orders, SUM("revenueCents") AS cents FROM "Order" WHERE "sessionId" IS NOT NULL GROUP BY "sessionId") o ON o."sessionId" = s."sessionId"`;

/** The reference: what SQLite says for one breakdown of the visitor sessions matching `where`. */
function reference(keys: string[], where: string, limit?: number): { key: Row; m: TrafficMetrics }[] {
  const order = ["sessions DESC", ...keys.map((k) => `s."${k}"`)].join(", ");
  const sql = `SELECT ${keys.map((k) => `s."${k}" AS "${k}", `).join("")}${METRICS} FROM "Session" s ${ORDERS} WHERE s."botFamily" IS NULL ${where}
    ${keys.length ? `GROUP BY ${keys.map((k) => `s."${k}"`).join(", ")}` : ""} ORDER BY ${order} ${limit ? `LIMIT ${limit}` : ""}`;
  return (t.db.prepare(sql).all() as Row[]).map((r) => {
    const n = Number(r.sessions);
    return {
      key: r,
      m: {
        sessions: n,
        bounceRate: n ? Number(r.bounces) / n : null,
        pagesPerSession: n ? Number(r.pages) / n : null,
        avgDurationSec: n ? Number(r.duration) / n : null,
        productViews: Number(r.productViews),
        addToCarts: Number(r.addToCarts),
        checkouts: Number(r.checkouts),
        purchases: Number(r.purchases),
        conversionRate: n ? Number(r.purchases) / n : null,
        orders: Number(r.orders),
        revenue: Number(r.cents) / 100,
      },
    };
  });
}

/** Equal figures; the mean duration to 1e-9 s (the page adds whole milliseconds, SQLite the seconds as stored). */
function same(row: TrafficMetrics, expected: TrafficMetrics) {
  const actual = Object.fromEntries(Object.keys(expected).map((k) => [k, row[k as keyof TrafficMetrics]])) as unknown as TrafficMetrics;
  expect({ ...actual, avgDurationSec: null }).toEqual({ ...expected, avgDurationSec: null });
  if (expected.avgDurationSec === null) expect(actual.avgDurationSec).toBeNull();
  else expect(actual.avgDurationSec).toBeCloseTo(expected.avgDurationSec, 9);
}

function check(traffic: Traffic, filter: string) {
  // Sessions count on their start day, within the period the page resolved.
  const where = `AND s."startDate" BETWEEN '${traffic.range.from}' AND '${traffic.range.to}' ${filter}`;
  const totals = reference([], where)[0]!;
  same(traffic.totals, totals.m);
  const channels = reference(["channel"], where);
  expect(traffic.channels.map((c) => c.channel)).toEqual(channels.map((r) => r.key.channel));
  traffic.channels.forEach((c, i) => same(c, channels[i]!.m));
  const devices = reference(["deviceType"], where);
  expect(traffic.devices.map((d) => d.device)).toEqual(devices.map((r) => r.key.deviceType));
  traffic.devices.forEach((d, i) => same(d, devices[i]!.m));
  const sources = reference(["channel", "source", "medium", "campaign"], where, SOURCE_LIMIT);
  expect(traffic.sources.map((r) => [r.channel, r.source, r.medium, r.campaign])).toEqual(sources.map(({ key: r }) => [r.channel, r.source, r.medium, r.campaign]));
  traffic.sources.forEach((r, i) => same(r, sources[i]!.m));
  const landing = reference(["landingPath"], where, LANDING_PAGE_LIMIT);
  expect(traffic.landingPages.map((r) => r.path)).toEqual(landing.map((r) => r.key.landingPath));
  traffic.landingPages.forEach((r, i) => same(r, landing[i]!.m));
  const count = t.db.prepare(`SELECT COUNT(DISTINCT COALESCE(s."landingPath", '')) AS n FROM "Session" s WHERE s."botFamily" IS NULL ${where}`).get() as { n: number };
  expect(traffic.landingPageCount).toBe(count.n);
  const robots = t.db.prepare(`SELECT COUNT(*) AS n FROM "Session" s WHERE s."botFamily" IS NOT NULL ${where}`).get() as { n: number };
  expect(traffic.robotSessionsLeftOut).toBe(robots.n);
}

describe("traffic figures equal a plain SQL reading of the sessions", () => {
  it("for the whole data, then for each channel and each device filter", async () => {
    const all = (await getTraffic({ period: "all" }))!;
    expect(all.totals.sessions).toBeGreaterThan(5_000);
    expect(all.robotSessionsLeftOut).toBeGreaterThan(0);
    expect(all.sources.some((r) => r.campaign === null) && all.sources.some((r) => r.source === null)).toBe(true);
    check(all, "");
    const options = t.db.prepare(`SELECT DISTINCT "channel" FROM "Session" WHERE "botFamily" IS NULL AND "startDate" BETWEEN ? AND ? ORDER BY "channel"`).pluck().all(all.range.from, all.range.to) as string[];
    expect(all.channelOptions).toEqual(options);
    for (const channel of all.channelOptions) check((await getTraffic({ period: "all", channel }))!, `AND s."channel" = '${channel.replace(/'/g, "''")}'`);
    for (const device of all.deviceOptions) check((await getTraffic({ period: "all", device }))!, `AND s."deviceType" = '${device}'`);
  }, 120_000);

  it("for a part of the data: the last two days", async () => {
    const part = (await getTraffic({ from: "2025-03-06", to: "2025-03-07" }))!;
    expect(part.range).toMatchObject({ from: "2025-03-06", to: "2025-03-07" });
    check(part, "");
  }, 60_000);
});
