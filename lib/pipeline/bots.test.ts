/**
 * Robots are not visitors; a missing referrer column is not Direct. Hand-made exports with
 * planted robots and a file without the referrer column; every expected number is counted by
 * hand from the rows below.
 */
import { describe, expect, it } from "vitest";
import { csvFile, eventRow, HEADER, purchaseData, UA_IPHONE, UA_WINDOWS } from "@/test/csv-builder";
import { botFamily } from "./bots";
import { buildSummary, runPipeline } from "./index";
import { schemaCheck } from "./monitoring";

const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const HEADLESS = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36";
const AHREFS_AUDIT = "Mozilla/5.0 (compatible; AhrefsSiteAudit/6.1; +http://ahrefs.com/robot/site-audit)";
const WEBVIEW = "Mozilla/5.0 (Linux; Android 14; SM-S928U Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.6834.163 Mobile Safari/537.36";

describe("botFamily", () => {
  it("names crawlers and automation, and leaves people's browsers (in-app ones too) alone", () => {
    expect(botFamily(GOOGLEBOT)).toBe("Googlebot");
    expect(botFamily(HEADLESS)).toBe("HeadlessChrome");
    expect(botFamily(AHREFS_AUDIT)).toBe("AhrefsSiteAudit");
    expect(botFamily("AdsBot-Google (+http://www.google.com/adsbot.html)")).toBe("AdsBot");
    expect(botFamily("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")).toBe("facebookexternalhit");
    expect(botFamily("curl/8.1.2")).toBe("curl");
    expect(botFamily(UA_IPHONE)).toBeNull();
    expect(botFamily(UA_WINDOWS)).toBeNull();
    expect(botFamily(WEBVIEW)).toBeNull();
    expect(botFamily(null)).toBeNull();
  });
});

const day = "2025-03-04";
const at = (hh: number, mm: number) => `${day}T${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}:00.000Z`;
const GOOGLE = "https://www.google.com/";

/**
 * 4 people (p1..p4) and 3 robots (b1 Googlebot 3 events, b2 HeadlessChrome 1 event, b3
 * Googlebot who buys). p1 lands from Google and buys $100; p2 lands from Google; p3 and p4 are
 * Direct. b1 and b2 land from Google too (inflating Organic Search), b3 lands Direct and buys $50.
 */
function rows() {
  return [
    eventRow({ client: "p1", ts: at(9, 0), referrer: GOOGLE }),
    eventRow({ client: "p1", ts: at(9, 5), event: "checkout_completed", data: purchaseData("T1", 100, [{ id: "A", price: 100, qty: 1 }]) }),
    eventRow({ client: "p2", ts: at(9, 10), referrer: GOOGLE }),
    eventRow({ client: "p3", ts: at(9, 20) }),
    eventRow({ client: "p4", ts: at(9, 30), ua: WEBVIEW }),
    eventRow({ client: "b1", ts: at(10, 0), referrer: GOOGLE, ua: GOOGLEBOT }),
    eventRow({ client: "b1", ts: at(10, 1), ua: GOOGLEBOT }),
    eventRow({ client: "b1", ts: at(10, 2), ua: GOOGLEBOT }),
    eventRow({ client: "b2", ts: at(11, 0), referrer: GOOGLE, ua: HEADLESS }),
    eventRow({ client: "b3", ts: at(12, 0), ua: GOOGLEBOT }),
    eventRow({ client: "b3", ts: at(12, 1), ua: GOOGLEBOT, event: "checkout_completed", data: purchaseData("T2", 50, [{ id: "B", price: 50, qty: 1 }]) }),
  ];
}

describe("robots are left out of visitor metrics by default", () => {
  const r = runPipeline([csvFile("events_20250304.csv", rows())]);
  const lastClick = (channel: string) => r.channelPerformance.find((c) => c.model === "last_click" && c.lookback_days === 7 && c.channel === channel);

  it("records BOT_TRAFFIC: 6 events, 3 sessions, 3 clients, by family, one flagged order", () => {
    const f = r.quality.findings.find((x) => x.code === "BOT_TRAFFIC")!;
    expect(f).toMatchObject({ severity: "warning", count: 6, file: null });
    expect(f.message).toBe("6 events (54.5%) from crawlers and automation (Googlebot 5, HeadlessChrome 1): 3 sessions (42.9%) of 3 clients, left out of visitor metrics and attribution; 1 purchase from robot agents kept as orders and flagged");
    expect(r.bots).toMatchObject({ included: false, events: 6, sessions: 3, clients: 3, orders: 1 });
    expect(r.bots.families).toEqual([
      { family: "Googlebot", events: 5, sessions: 2, clients: 2 },
      { family: "HeadlessChrome", events: 1, sessions: 1, clients: 1 },
    ]);
    expect(r.bots.byDay).toEqual([{ day, events: 6, sessions: 3 }]);
  });

  it("keeps every event, session and order, and flags the robot's purchase", () => {
    expect(r.quality.accounting.loadedRows).toBe(11);
    expect(r.sessions.numRows()).toBe(7);
    const orders = r.orders.objects() as { transaction_id: string; revenue_cents: number; bot_agent: string | null }[];
    expect(orders.map((o) => [o.transaction_id, o.revenue_cents, o.bot_agent])).toEqual([
      ["T1", 10_000, null],
      ["T2", 5_000, "Googlebot"],
    ]);
  });

  it("counts 4 visitor sessions: channel mix, conversion, funnel and daily metrics", () => {
    // Visitors: p1 Organic Search (buys), p2 Organic Search, p3 Direct, p4 Direct.
    expect(lastClick("Organic Search")).toMatchObject({ sessions: 2, orders: 1, revenue: 100, conversion_rate: 0.5 });
    // Direct: 2 sessions; the robot's $50 order has no visitor touch, so it is unattributed.
    expect(lastClick("Direct")).toMatchObject({ sessions: 2, orders: 0 });
    expect(lastClick("Unattributed")).toMatchObject({ orders: 1, revenue: 50 });
    expect(r.funnel.find((f) => f.dimension === "all")).toMatchObject({ sessions: 4, purchased: 1 });
    expect(r.dailyMetrics).toEqual([expect.objectContaining({ day, events: 11, sessions: 4, bot_sessions: 3, orders: 2, revenue: 150 })]);
    expect(r.validation.filter((v) => !v.passed)).toEqual([]);
    expect(r.validation.find((v) => v.name === "bot_sessions_accounted")!.detail).toBe("4 visitor sessions + 3 robot sessions left out = 7 sessions");
  });

  it("counts robots as visitors when the data set says so", () => {
    const all = runPipeline([csvFile("events_20250304.csv", rows())], { includeBots: true });
    const lc = (channel: string) => all.channelPerformance.find((c) => c.model === "last_click" && c.lookback_days === 7 && c.channel === channel);
    expect(all.bots.included).toBe(true);
    expect(lc("Organic Search")).toMatchObject({ sessions: 4, orders: 1 });
    expect(lc("Direct")).toMatchObject({ sessions: 3, orders: 1, revenue: 50 });
    expect(all.dailyMetrics[0]).toMatchObject({ sessions: 7, bot_sessions: 3 });
    expect(all.quality.findings.find((x) => x.code === "BOT_TRAFFIC")!.message).toContain("counted as visitors (the data set's setting)");
    expect(all.validation.filter((v) => !v.passed)).toEqual([]);
  });
});

describe("a missing referrer column is unknown, not Direct", () => {
  const NO_REFERRER = HEADER.filter((h) => h !== "referrer");
  const drop = (row: string[]) => row.filter((_, i) => HEADER[i] !== "referrer");
  // Day 1 records referrers; day 2 has no referrer column: an untagged landing there is unknown,
  // a tagged one (utm or click id) is classified as usual.
  const r = runPipeline([
    csvFile("events_20250304.csv", [eventRow({ client: "a", ts: "2025-03-04T09:00:00.000Z", referrer: GOOGLE }), eventRow({ client: "b", ts: "2025-03-04T09:10:00.000Z" })]),
    csvFile(
      "events_20250305.csv",
      [
        eventRow({ client: "c", ts: "2025-03-05T09:00:00.000Z" }),
        eventRow({ client: "d", ts: "2025-03-05T09:10:00.000Z", url: "https://shop.example/?utm_source=google&utm_medium=cpc" }),
        eventRow({ client: "e", ts: "2025-03-05T09:20:00.000Z", url: "https://shop.example/?gclid=abc" }),
        eventRow({ client: "f", ts: "2025-03-05T09:30:00.000Z", url: "https://shop.example/?fbclid=xyz" }),
      ].map(drop),
      NO_REFERRER,
    ),
  ]);
  it("classifies by what was recorded", () => {
    const channels = Object.fromEntries((r.sessions.objects() as { client_id: string; channel: string }[]).map((s) => [s.client_id, s.channel]));
    expect(channels).toEqual({ a: "Organic Search", b: "Direct", c: "Unknown (referrer not recorded)", d: "Paid Search", e: "Paid Search", f: "Organic Social" });
    expect(r.validation.filter((v) => !v.passed)).toEqual([]);
  });
});

describe("the schema check", () => {
  const file = (day: string, missing: string[] = [], extra: string[] = [], aliases: { from: string; to: string }[] = []) => ({ name: `events_${day.replace(/-/g, "")}.csv`, day, missingColumns: missing, extraColumns: extra, aliases });
  it("is critical while a column is missing on the newest day, and says since when", () => {
    const c = schemaCheck([file("2025-03-01"), file("2025-03-02"), file("2025-03-03", ["referrer"]), file("2025-03-04", ["referrer"])]);
    expect(c).toMatchObject({ id: "schema", status: "CRITICAL", value: 1, days: ["2025-03-03", "2025-03-04"] });
    expect(c.explanation).toBe("referrer missing since 2025-03-03 (2 of 4 days). Figures that rest on a missing column are unknown for those days (e.g. channels without a referrer).");
  });
  it("warns for a past gap, an added and a renamed column; passes when every day matches", () => {
    const c = schemaCheck([file("2025-03-01"), file("2025-03-02", ["referrer"]), file("2025-03-03", [], ["utm_extra"], [{ from: "clientId", to: "client_id" }])]);
    expect(c).toMatchObject({ status: "WARNING", value: 1, days: ["2025-03-02"] });
    expect(c.explanation).toBe("referrer was missing on 2025-03-02; column utm_extra added (first on 2025-03-03; ignored); client_id spelled clientId (first on 2025-03-03; read through the alias).");
    expect(schemaCheck([file("2025-03-01"), file("2025-03-02")])).toMatchObject({ status: "PASS", value: 0, days: [], explanation: "All 2 days have the established columns." });
  });
  it("reaches the JSON summary with its flagged days and explanation", () => {
    const r = runPipeline([
      csvFile("events_20250304.csv", [eventRow({ client: "a", ts: "2025-03-04T09:00:00.000Z" })]),
      csvFile("events_20250305.csv", [eventRow({ client: "b", ts: "2025-03-05T09:00:00.000Z" })].map((row) => row.filter((_, i) => HEADER[i] !== "referrer")), HEADER.filter((h) => h !== "referrer")),
    ], { now: Date.parse("2025-03-05T12:00:00Z") });
    const check = buildSummary(1, r).monitoring.checks.find((c) => c.id === "schema")!;
    expect(check).toMatchObject({ status: "CRITICAL", flaggedDays: ["2025-03-05"], explanation: expect.stringContaining("referrer missing since 2025-03-05 (1 of 2 days)") });
    expect(r.monitoring.status).toBe("CRITICAL");
  });
});
