/**
 * The Traffic page's drill-downs (lib/db/queries/traffic.ts) on a hand-made export, every figure
 * worked out by hand below: sessions by channel, device, source / medium / campaign (hashed values
 * decoded) and landing page, their funnel and engagement, the channel and device filters, robots
 * left out, and a file without a referrer column kept apart from Direct.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun, saveRunResult } from "@/lib/db/save-run";
import { runPipeline } from "@/lib/pipeline";
import type { Traffic } from "@/lib/db/queries/traffic";
import { csvFile, eventRow, HEADER, purchaseData, UA_IPHONE, UA_WINDOWS } from "../csv-builder";
import { renderTrafficPdf } from "@/lib/reports/traffic-pdf";
import { pdfText } from "../pdf-text";
import { tempDatabase } from "../temp-db";

const t = tempDatabase();
let getTraffic: typeof import("@/lib/db/queries/traffic").getTraffic;
let all: Traffic;

// The export's hashing, worked independently of the engine: first 6 hex digits of md5, upper case.
const hashed = (v: string) => createHash("md5").update(v).digest("hex").slice(0, 6).toUpperCase();
const GOOGLE = hashed("google");
const BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const at = (day: string, hms: string) => `${day}T${hms}.000Z`;
const D1 = "2025-02-23";
const D2 = "2025-02-24";

beforeAll(async () => {
  const noReferrer = (row: string[]) => row.filter((_, i) => i !== 2);
  const result = runPipeline([
    csvFile("events_20250223.csv", [
      // c1, phone: paid search (medium AE24AC = cpc), campaign "spring"; 2 page views, cart, checkout, a $100 order. 8 minutes.
      eventRow({ client: "c1", ts: at(D1, "10:00:00"), url: `https://shop.example/?utm_source=${GOOGLE}&utm_medium=AE24AC&utm_campaign=spring` }),
      eventRow({ client: "c1", ts: at(D1, "10:05:00"), url: "https://shop.example/products/a" }),
      eventRow({ client: "c1", ts: at(D1, "10:06:00"), event: "product_added_to_cart" }),
      eventRow({ client: "c1", ts: at(D1, "10:07:00"), event: "checkout_started" }),
      eventRow({ client: "c1", ts: at(D1, "10:08:00"), event: "checkout_completed", data: purchaseData("T1", 100, [{ id: "A", price: 100, qty: 1 }]) }),
      // c2, desktop: duckduckgo (anonymised host), lands on a product page and leaves (a bounce).
      eventRow({ client: "c2", ts: at(D1, "12:00:00"), url: "https://shop.example/products/b", referrer: "https://source-afb1343a.com/", ua: UA_WINDOWS }),
      // c3, desktop: direct, two page views 10 minutes apart.
      eventRow({ client: "c3", ts: at(D1, "13:00:00"), url: "https://shop.example/", ua: UA_WINDOWS }),
      eventRow({ client: "c3", ts: at(D1, "13:10:00"), url: "https://shop.example/products/c", ua: UA_WINDOWS }),
      // A crawler: not a visitor.
      eventRow({ client: "b1", ts: at(D1, "14:00:00"), url: "https://shop.example/", ua: BOT_UA }),
    ]),
    csvFile(
      "events_20250224.csv",
      [
        // This day's file has no referrer column: c3's untagged visit is of unknown origin, not Direct.
        noReferrer(eventRow({ client: "c3", ts: at(D2, "09:00:00"), url: "https://shop.example/", ua: UA_WINDOWS })),
        // c4, phone: affiliates (7B4C8A = Affiliates), source "partnerx" in plain text; buys $50 a minute later.
        noReferrer(eventRow({ client: "c4", ts: at(D2, "10:00:00"), url: "https://shop.example/?utm_medium=7B4C8A&utm_source=partnerx" })),
        noReferrer(eventRow({ client: "c4", ts: at(D2, "10:01:00"), event: "checkout_completed", data: purchaseData("T2", 50, [{ id: "B", price: 50, qty: 1 }]) })),
      ],
      HEADER.filter((h) => h !== "referrer"),
    ),
  ]);
  saveRunResult(t.db, createRun(t.db, "cli"), result);
  process.env.DATABASE_URL = `file:${t.path}`;
  ({ getTraffic } = await import("@/lib/db/queries/traffic"));
  all = (await getTraffic({ period: "all" }))!;
}, 60_000);
afterAll(() => t.cleanup());

describe("traffic drill-downs", () => {
  it("counts visitor sessions of the period, robots left out and said so", () => {
    expect(all.range).toEqual({ from: D1, to: D2, days: 2 });
    expect(all.robotsIncluded).toBe(false);
    expect(all.robotSessionsLeftOut).toBe(1);
    // c1, c2, c3 (23rd), c3 (24th), c4.
    expect(all.totals.sessions).toBe(5);
  });

  it("gives the funnel and engagement of the whole period", () => {
    const m = all.totals;
    // Bounces: c2 and c3's visit on the 24th. Page views 2+1+2+1+1. Durations 480+0+600+0+60 s.
    expect(m.bounceRate).toBeCloseTo(2 / 5, 12);
    expect(m.pagesPerSession).toBeCloseTo(7 / 5, 12);
    expect(m.avgDurationSec).toBeCloseTo(1140 / 5, 9);
    // Product view: c1, c2 (lands on a product), c3 (23rd), c4 (a purchase passed through every step).
    expect([m.productViews, m.addToCarts, m.checkouts, m.purchases]).toEqual([4, 2, 2, 2]);
    expect(m.conversionRate).toBeCloseTo(2 / 5, 12);
    expect([m.orders, m.revenue]).toEqual([2, 150]);
  });

  it("breaks the sessions down by channel, keeping the referrer-less visit apart from Direct", () => {
    const byChannel = Object.fromEntries(all.channels.map((c) => [c.channel, [c.sessions, c.purchases, c.revenue, c.bounceRate]]));
    expect(byChannel).toEqual({
      "Paid Search": [1, 1, 100, 0],
      "Organic Search": [1, 0, 0, 1],
      Direct: [1, 0, 0, 0],
      "Unknown (referrer not recorded)": [1, 0, 0, 1],
      Affiliates: [1, 1, 50, 0],
    });
    expect(all.channelOptions).toEqual(["Affiliates", "Direct", "Organic Search", "Paid Search", "Unknown (referrer not recorded)"]);
  });

  it("breaks them down by device", () => {
    const byDevice = Object.fromEntries(all.devices.map((d) => [d.device, [d.sessions, d.purchases, d.revenue]]));
    expect(byDevice).toEqual({ desktop: [3, 0, 0], mobile: [2, 2, 150] });
  });

  it("lists source / medium / campaign with the decoded names of hashed values", () => {
    const rows = all.sources.map((s) => [s.channel, s.source, s.sourceName, s.medium, s.mediumName, s.campaign, s.campaignName, s.sessions, s.revenue]);
    expect(rows).toEqual(
      expect.arrayContaining([
        ["Paid Search", GOOGLE, "google", "AE24AC", "cpc", "spring", null, 1, 100],
        ["Organic Search", "source-afb1343a.com", "duckduckgo.com", null, null, null, null, 1, 0],
        ["Affiliates", "partnerx", null, "7B4C8A", "Affiliates", null, null, 1, 50],
        // Direct and the unrecorded referrer have no source at all.
        ["Direct", null, null, null, null, null, null, 1, 0],
        ["Unknown (referrer not recorded)", null, null, null, null, null, null, 1, 0],
      ]),
    );
    expect(rows).toHaveLength(5);
  });

  it("lists landing pages by sessions", () => {
    expect(all.landingPages.map((p) => [p.path, p.sessions, p.bounceRate])).toEqual([
      ["/", 4, 1 / 4],
      ["/products/b", 1, 1],
    ]);
    expect(all.landingPageCount).toBe(2);
  });

  it("filters every breakdown by channel and by device", async () => {
    const paid = (await getTraffic({ period: "all", channel: "Paid Search" }))!;
    expect(paid.filters).toEqual({ channel: "Paid Search", device: null });
    expect([paid.totals.sessions, paid.totals.revenue]).toEqual([1, 100]);
    expect(paid.devices.map((d) => [d.device, d.sessions])).toEqual([["mobile", 1]]);
    expect(paid.landingPages.map((p) => p.path)).toEqual(["/"]);
    // The crawler landed direct: it is left out of Direct's figures, not of Paid Search's.
    expect(paid.robotSessionsLeftOut).toBe(0);
    expect((await getTraffic({ period: "all", channel: "Direct" }))!.robotSessionsLeftOut).toBe(1);
    // The pickers still offer every channel and device of the period.
    expect(paid.channelOptions).toHaveLength(5);

    const desktop = (await getTraffic({ period: "all", device: "desktop" }))!;
    expect([desktop.totals.sessions, desktop.totals.purchases, desktop.totals.revenue]).toEqual([3, 0, 0]);
    expect(desktop.channels.map((c) => c.channel).sort()).toEqual(["Direct", "Organic Search", "Unknown (referrer not recorded)"]);

    const both = (await getTraffic({ period: "all", channel: "Direct", device: "mobile" }))!;
    expect(both.totals.sessions).toBe(0);
    expect(both.totals.bounceRate).toBeNull();
  });

  it("ignores a filter value the period does not have, and says so", async () => {
    const r = (await getTraffic({ period: "all", channel: "Telepathy" }))!;
    expect(r.filters.channel).toBeNull();
    expect(r.ignored).toEqual(['channel "Telepathy" (no sessions in this period)']);
    expect(r.totals.sessions).toBe(5);
  });

  it("restricts to a custom period by the session's start day", async () => {
    const r = (await getTraffic({ from: D2, to: D2 }))!;
    expect(r.period).toBe("custom");
    expect([r.totals.sessions, r.totals.revenue, r.robotSessionsLeftOut]).toEqual([2, 50, 0]);
  });

  it("prints the filters and the filtered figures in the PDF", async () => {
    const paid = (await getTraffic({ period: "all", channel: "Paid Search" }))!;
    const { text } = pdfText(await renderTrafficPdf(paid, { generatedAt: new Date("2025-03-01T00:00:00Z") }));
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Filters: Paid Search. Period: Feb 23 – Feb 24, 2025. 1 visitor session. 0 robot sessions left out.");
    // The source row: the hashed source and medium with their names, the campaign as exported.
    expect(flat).toContain(`${GOOGLE} (google)`);
    expect(flat).toContain("AE24AC (cpc)");
    expect(flat).toContain("spring");
    expect(flat).toContain("$100");
    expect(flat).toContain("All 1 landing pages.");
    expect(flat).not.toContain("Affiliates");
  });
});
