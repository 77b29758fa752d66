import { describe, expect, it } from "vitest";
import { kpiSet } from "@/test/fixtures";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import type { Insight } from "@/lib/insights/rules";
import { EXECUTIVE_HEADINGS } from "@/test/pdf-headings";
import { int, layoutDefects, lines, linesContaining, overlappingWords, pct, pdfText, usd } from "@/test/pdf-text";
import { renderExecutivePdf } from "./executive-pdf";

const kpis = kpiSet;

const MODEL_CAVEAT = "Channel revenue and orders are credited under Last click; another model credits channels differently (compare on the Attribution page).";
const DIRECT_EVIDENCE = [
  { label: "Direct revenue", value: "$104,172" },
  { label: "Credited revenue, all channels", value: "$196,763" },
  { label: "Direct share", value: "52.9%" },
];
const insight = (kind: Insight["kind"], id: string, text: string, evidence = DIRECT_EVIDENCE, caveats: string[] = []): Insight => ({
  id, kind, text, evidence, caveats, link: { label: "Attribution", href: "/attribution" },
});
const days = ["2025-02-23", "2025-02-24", "2025-02-25", "2025-02-26", "2025-02-27", "2025-02-28", "2025-03-01", "2025-03-02", "2025-03-03"];

function fixture(): ExecutiveSummary {
  return {
    runId: 3,
    numberCaveats: { channels: null, conversion: null, orders: null, products: null },
    range: { from: "2025-02-23", to: "2025-03-03", days: 9 },
    period: "custom",
    previousRange: { from: "2025-02-14", to: "2025-02-22" },
    dataRange: { from: "2025-02-01", to: "2025-03-03" },
    model: "last_click",
    identity: "device",
    persons: { changedOrders: { first_click: 3, last_click: 1 }, crossDeviceBuyers: 2, crossDeviceOrders: 2 },
    modelLabel: "Last click",
    kpis: kpis(196_763.4, 187, 25_920, 9),
    previous: kpis(160_000, 170, 26_500, 9),
    daily: days.map((day, i) => ({ day, revenue: 18_000 + ((i * 3_701) % 15_000), orders: 15 + ((i * 7) % 14), sessions: 2_500 + i * 60 })),
    channels: [
      { channel: "Direct", sessions: 10_936, orders: 93, revenue: 104_171.8, share: 0.529 },
      { channel: "Affiliates", sessions: 5_928, orders: 35, revenue: 32_098, share: 0.163 },
      { channel: "Paid Search", sessions: 3_559, orders: 25, revenue: 31_806, share: 0.162 },
      { channel: "Email", sessions: 641, orders: 14, revenue: 8_673, share: 0.044 },
      { channel: "Organic Social", sessions: 232, orders: 0, revenue: 0, share: 0 },
    ],
    devices: [
      { segment: "mobile", sessions: 17_578, orders: 114, revenue: 120_005.4, conversionRate: 0.00649 },
      { segment: "desktop", sessions: 7_663, orders: 67, revenue: 72_486, conversionRate: 0.00874 },
      { segment: "tablet", sessions: 679, orders: 6, revenue: 4_272, conversionRate: 0.00884 },
    ],
    deviceGap: 0.2258,
    newVsReturning: [
      { segment: "New", sessions: 24_107, orders: 137, revenue: 136_634.6, conversionRate: 0.00568 },
      { segment: "Returning", sessions: 1_813, orders: 50, revenue: 60_128.8, conversionRate: 0.0276 },
    ],
    topProducts: [
      { name: "Puffy Lux Mattress", revenue: 80_536, estimated: 0, units: 62, orders: 61 },
      { name: "Puffy Royal Mattress", revenue: 51_376, estimated: 0, units: 22, orders: 21 },
      { name: "Puffy Cloud Mattress", revenue: 35_253, estimated: 0, units: 43, orders: 41 },
    ],
    // As on the sample export: every item priced, 9 orders whose priced items exceed the revenue.
    productRevenue: { revenue: 207_069, estimated: 0, orderRevenue: 196_763.4, share: 207_069 / 196_763.4, unpricedItems: 0, unpricedOrders: 0, over: 10_305.6, overOrders: 9, under: 0, underOrders: 0 },
    // The first bar and the share are the same orders: 127 of 127 + 35 + 24 + 1 + 0 = 187.
    timeFromFirstVisit: [
      { label: "First session", orders: 127 },
      { label: "Later, < 1 day", orders: 35 },
      { label: "Later, 1–7 days", orders: 24 },
      { label: "Later, 7–30 days", orders: 1 },
      { label: "Later, > 30 days", orders: 0 },
    ],
    singleSessionShare: 127 / 187,
    caveats: [
      { code: "TRANSACTION_ID_COLLISION", count: 3, days: ["2025-02-26", "2025-02-27", "2025-03-01"], message: "transaction ids are shared by two different purchases; both are counted as orders until reconciled." },
      { code: "NULL_CLIENT_ID_SPIKE", count: 1_036, days: ["2025-03-02", "2025-03-03"], message: "days lost client ids on many events: their sessions, conversion rate and attribution are undercounted." },
    ],
    insights: {
      working: [insight("working", "top-channel", "Direct drove 53% of revenue ($104,172) under Last click.", DIRECT_EVIDENCE, [MODEL_CAVEAT])],
      concerning: [insight("concerning", "revenue-concentration", "53% of revenue depends on one channel (Direct) under Last click: a change there moves the whole business.")],
      recommendations: [],
    },
  };
}

/** Page objects in the file ("/Type /Page", not "/Type /Pages"). */
const pages = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;
/** Page heights from the media boxes (A4 is 841.89 points): pages must not shrink to their content. */
const heights = (pdf: Buffer) => [...pdf.toString("latin1").matchAll(/\/MediaBox\s*\[\s*0 0 [\d.]+ ([\d.]+)\s*\]/g)].map((m) => Math.round(Number(m[1])));

/** A run rate in millions, by hand: 7,979,849 → "$7.98M". */
const millions = (n: number) => `$${(n / 1e6).toFixed(2)}M`;
/** A relative change, unsigned (the arrow is drawn, not written): (187, 170) → "10.0%". */
const change = (now: number, before: number) => pct(Math.abs(now - before) / before);

describe("renderExecutivePdf", () => {
  it("renders the summary on exactly two pages", async () => {
    const pdf = await renderExecutivePdf(fixture(), { generatedAt: new Date("2025-03-04T08:00:00Z") });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pages(pdf)).toBe(2);
    expect(heights(pdf)).toEqual([842, 842]);
    expect(pdf.length).toBeGreaterThan(5_000);

    // Page 1: the KPI tiles of the period, each with its change against the previous 9 days.
    // Expected values are derived here from the fixture's totals: $196,763.40, 187 orders, 25,920
    // sessions in 9 days, against $160,000, 170 orders, 26,500 sessions.
    const { pages: text } = pdfText(pdf);
    expect(text).toHaveLength(2);
    const [one, two] = [text[0]!, text[1]!];
    expect(one).toContain("Feb 23 – Mar 3, 2025 (9 days) · channel credit: Last click");
    expect(one).toContain("Changes compare with the previous 9 days, Feb 14 – Feb 22, 2025.");
    const [revenue, orders, sessions, days] = [196_763.4, 187, 25_920, 9];
    const [revenue0, orders0, sessions0] = [160_000, 170, 26_500];
    const aov = revenue / orders; // $1,052.21
    const aov0 = revenue0 / orders0; // $941.18
    const rps = revenue / sessions; // $7.59
    const rps0 = revenue0 / sessions0; // $6.04
    const conversion = orders / sessions; // 0.72%
    const conversion0 = orders0 / sessions0; // 0.64%
    const rows = lines(one);
    expect(rows).toContain("REVENUE ORDERS AVG ORDER VALUE SESSIONS");
    expect(rows).toContain([usd(revenue, 0), int(orders), usd(aov, 0), int(sessions)].join(" "));
    expect(rows).toContain("$196,763 187 $1,052 25,920");
    expect(rows).toContain(
      [`${change(revenue, revenue0)} was ${usd(revenue0, 0)}`, `${change(orders, orders0)} was ${int(orders0)}`, `${change(aov, aov0)} was ${usd(aov0, 0)}`, `${change(sessions, sessions0)} was ${int(sessions0)}`].join(" "),
    );
    expect(rows).toContain("23.0% was $160,000 10.0% was 170 11.8% was $941 2.2% was 26,500");
    expect(rows).toContain("CONVERSION RATE REVENUE / SESSION ANNUAL RUN RATE");
    // The run rate is withheld: 9 days x 365 would print $7.98M; it needs 28 days of data.
    expect(rows.some((l) => l.startsWith(`${pct(conversion, 2)} ${usd(rps)} — `))).toBe(true);
    expect(rows.some((l) => l.startsWith("0.72% $7.59 — "))).toBe(true);
    expect(one).not.toContain(millions((revenue / days) * 365));
    // Conversion changes in percentage points: 0.7215% - 0.6415% = 0.08 pp.
    const pp = ((conversion - conversion0) * 100).toFixed(2);
    expect(rows).toContain(`${pp} pp was ${pct(conversion0, 2)} ${change(rps, rps0)} was ${usd(rps0)} withheld: needs 28 days of data,`);
    expect(rows).toContain("0.08 pp was 0.64% 25.7% was $6.04 withheld: needs 28 days of data,");
    expect(one).toContain("the run rate is revenue per day");
    expect(one).toContain("187 orders from 25,920 sessions in 9");
    // Channel mix under last click: share and revenue (to the dollar) per channel, largest first.
    const channels: [string, number, number][] = [["Direct", 0.529, 104_171.8], ["Affiliates", 0.163, 32_098], ["Paid Search", 0.162, 31_806], ["Email", 0.044, 8_673], ["Organic Social", 0, 0]];
    const mix = rows.filter((l) => channels.some(([c]) => l.startsWith(`${c} `) && /%/.test(l)));
    expect(mix).toEqual(channels.map(([c, share, rev]) => `${c} ${pct(share)} ${usd(rev, 0)}`));
    expect(mix[0]).toBe("Direct 52.9% $104,172");
    expect(one).toContain("Share of revenue credited to each channel under last click attribution (7-day lookback).");

    // Page 2: insights, devices and visitors, products, time to purchase, caveats.
    expect(two).toContain("Direct drove 53% of revenue ($104,172) under");
    expect(two).toContain("53% of revenue depends on one channel");
    expect(two).toContain("Nothing stands out in this period.");
    // Segments: sessions, orders, conversion = orders / sessions, revenue to the dollar.
    const segments: [string, number, number, number][] = [
      ["Mobile", 17_578, 114, 120_005.4], ["Desktop", 7_663, 67, 72_486], ["Tablet", 679, 6, 4_272],
      ["New", 24_107, 137, 136_634.6], ["Returning", 1_813, 50, 60_128.8],
    ];
    for (const [name, s, o, r] of segments) {
      expect(linesContaining(two, `${name} ${int(s)} ${int(o)} ${pct(o / s, 2)} ${usd(r, 0)}`), name).toHaveLength(1);
    }
    expect(lines(two)).toContain("Mobile 17,578 114 0.65% $120,005 New 24,107 137 0.57% $136,635");
    // Desktop 67 / 7,663 = 0.874%, mobile 114 / 17,578 = 0.649%: 0.23 points apart.
    expect(two).toContain(`Desktop converts ${((67 / 7_663 - 114 / 17_578) * 100).toFixed(2)} percentage points better than mobile.`);
    expect(two).toContain("Desktop converts 0.23 percentage points better than mobile.");
    for (const [name, units, rev] of [["Puffy Lux Mattress", 62, 80_536], ["Puffy Royal Mattress", 22, 51_376], ["Puffy Cloud Mattress", 43, 35_253]] as const) {
      expect(linesContaining(two, `${name} ${units} ${usd(rev, 0)}`), name).toHaveLength(1);
    }
    // The chart's first bar and the caption count the same orders: 127 of 187 = 67.9%.
    for (const [label, n] of [["First session", 127], ["Later, < 1 day", 35], ["Later, 1–7 days", 24], ["Later, 7–30 days", 1], ["Later, > 30 days", 0]] as const) {
      expect(lines(two).some((l) => l.endsWith(`${label} ${n}`)), label).toBe(true);
    }
    expect(lines(two).join(" ")).toContain(`${pct(127 / 187)} of orders (127 of 187) came in the buyer's first session;`);
    expect(two).toContain("67.9% of orders (127 of 187) came in the buyer's first session;");
    // Each insight with its evidence and, when it has any, its caveats; nothing drawn over anything.
    expect(linesContaining(two, "Evidence (Attribution): Direct revenue $104,172 ·")).toHaveLength(2); // working and concerning
    expect(lines(two).join(" ")).toContain("Credited revenue, all channels $196,763 · Direct");
    expect(linesContaining(two, "Caveat: Channel revenue and orders are credited")).toHaveLength(1); // the working insight only
    expect(lines(two).join(" ")).toContain("differently (compare on the Attribution page).");
    expect(overlappingWords(pdf)).toEqual([]);
    // Product revenue against order revenue: 207,069 / 196,763.40 = 105.2%; no estimate, so no
    // "of which" column; the 9 orders whose priced items exceed their revenue by $10,305.60.
    const note = lines(two).join(" ");
    expect(note).toContain(`Product revenue ${usd(207_069, 0)} is ${pct(207_069 / 196_763.4)} of order revenue ${usd(196_763.4, 0)}.`);
    expect(note).toContain("Product revenue $207,069 is 105.2% of order revenue $196,763.");
    expect(note).toContain("Priced items exceed the revenue of 9 orders by $10,306; they count at price x quantity.");
    expect(two).not.toContain("of which est.");
    expect(two).toContain("3 transaction ids on Feb 26, Feb 27, Mar 1: transaction ids are shared by two different purchases");
    expect(two).toContain("1,036 events on Mar 2, Mar 3: days lost client ids on many events");
    for (const page of text) expect(page).toContain("Run #3 · Feb 23 – Mar 3, 2025 · Last click · Generated 2025-03-04 08:00 UTC");
    expect(layoutDefects(pdf, { headings: EXECUTIVE_HEADINGS })).toEqual([]);
  });

  it("stays on two pages with long lists, no previous period and many caveats", async () => {
    const long = "Reduce dependence on one channel: test more budget in Affiliates, the second revenue source, and watch whether its conversion rate holds as spend grows over the next weeks.";
    // The longest insights the rules make, each with five numbers and three caveats.
    const evidence = [...DIRECT_EVIDENCE, { label: "Paid Search conversion", value: "0.80%" }, { label: "Average conversion", value: "0.72%" }];
    const many = (kind: Insight["kind"]) => Array.from({ length: 9 }, (_, i) => insight(kind, `${kind}-${i}`, long, evidence, [MODEL_CAVEAT, `Only ${i + 3} orders behind this rate: a few orders more or less move it a lot.`, "More traffic usually converts below the current rate."]));
    const data: ExecutiveSummary = {
      ...fixture(),
      previous: null,
      channels: Array.from({ length: 14 }, (_, i) => ({ channel: `Channel number ${i + 1}`, sessions: 100 * i, orders: i, revenue: 1_000 * (14 - i), share: (14 - i) / 105 })),
      topProducts: Array.from({ length: 10 }, (_, i) => ({ name: `A very long product name that goes on and on, model ${i}`, revenue: 10_000 - i * 500, estimated: 0, units: 10 + i, orders: 9 + i })),
      caveats: ["A", "B", "C", "D", "E", "F"].map((c, i) => ({ code: `CODE_${c}`, count: i + 1, days: days.slice(0, i + 2), message: long })),
      insights: { working: many("working"), concerning: many("concerning"), recommendations: many("recommendation") },
    };
    const pdf = await renderExecutivePdf(data);
    expect(pages(pdf)).toBe(2);
    expect(heights(pdf)).toEqual([842, 842]);

    const { pages: text } = pdfText(pdf);
    const [one, two] = [text[0]!, text[1]!];
    // No previous period: six tiles say so, the run rate says why it is withheld; no change is printed.
    expect(one).toContain("No previous period: the data has nothing for Feb 14 – Feb 22, 2025, so no changes are shown.");
    expect(linesContaining(one, "no previous period").join(" ").match(/no previous period/g)).toHaveLength(6);
    expect(one).toContain("withheld: needs 28 days of data,");
    expect(one).not.toMatch(/\bwas \$/);
    // Ten channels of fourteen (revenue 14,000 down to 5,000 of 105,000), then "+ 4 smaller channels".
    for (let i = 0; i < 14; i++) {
      const row = `Channel number ${i + 1} ${pct((14 - i) / 105)} ${usd(1_000 * (14 - i), 0)}`;
      expect(lines(one).includes(row), row).toBe(i < 10);
    }
    expect(one).toContain("+ 4 smaller channels");
    // Eight products of ten, names cut to 34 characters.
    for (let i = 0; i < 10; i++) {
      const row = `A very long product name that goe… ${10 + i} ${usd(10_000 - i * 500, 0)}`;
      expect(linesContaining(two, row).length, row).toBe(i < 8 ? 1 : 0);
    }
    // As many insights per list as fit the page, then "+ n more in the app" (n = 9 - shown) in each
    // of the three lists; two caveats each, then "+ 1 more caveat in the app"; all of it legible (no
    // word drawn over another).
    const joined = lines(two).join(" ");
    const shown = joined.match(/Caveat: Only \d+ orders behind this rate/g)!.length / 3;
    expect(shown).toBeGreaterThanOrEqual(1);
    expect(joined.match(new RegExp(`\\+ ${9 - shown} more in the app`, "g"))).toHaveLength(3);
    expect(joined.match(/\+ 1 more caveat in the app/g)).toHaveLength(3 * shown);
    expect(joined.match(/Caveat: Channel revenue and orders are credited/g)).toHaveLength(3 * shown);
    expect(two).not.toContain("Caveat: More traffic");
    expect(overlappingWords(pdf)).toEqual([]);
    // Four caveats of six (unknown codes count "findings"), then "+ 2 more."
    expect(two).toContain("1 finding on Feb 23, Feb 24: Reduce dependence");
    expect(two).toContain("2 findings on Feb 23, Feb 24, Feb 25: Reduce dependence");
    expect(two).toContain("3 findings on Feb 23, Feb 24, Feb 25, Feb 26: Reduce dependence");
    expect(two).toContain("4 findings on 5 days, Feb 23 – Feb 27, 2025: Reduce dependence");
    expect(two).not.toMatch(/[56] findings on/);
    expect(two).toContain("+ 2 more. Details: the Data quality page and its PDF report.");
  });

  it("prints each caveat beside the figures it qualifies and still fits two pages", async () => {
    const data: ExecutiveSummary = {
      ...fixture(),
      channels: Array.from({ length: 14 }, (_, i) => ({ channel: `Channel number ${i + 1}`, sessions: 100 * i, orders: i, revenue: 1_000 * (14 - i), share: (14 - i) / 105 })),
      numberCaveats: {
        channels: "Channel shares: 2 of 9 days (2025-03-02, 2025-03-03) have no referrer column.",
        conversion: "Conversion: on 1 of 9 days (2025-03-01) unusually many events carry no client id.",
        orders: "Orders: 3 orders share a transaction id with a different purchase (2025-02-24).",
        products: "Product revenue: items without a price on 3 of 9 days (2025-03-01, 2025-03-02, 2025-03-03).",
      },
    };
    const pdf = await renderExecutivePdf(data);
    expect(pages(pdf)).toBe(2);
    expect(heights(pdf)).toEqual([842, 842]);
    const { pages: text } = pdfText(pdf);
    const one = lines(text[0]!).join(" ");
    const two = lines(text[1]!).join(" ");
    // Conversion and orders under the key figures, before the trend; channel shares just above the channel bars.
    const at = (t: string) => one.indexOf(t);
    expect(at("Caveat. Conversion: on 1 of 9 days (2025-03-01)")).toBeGreaterThan(at("Key figures"));
    expect(at("Caveat. Orders: 3 orders share a transaction id")).toBeLessThan(at("Daily trend"));
    expect(at("Caveat. Channel shares: 2 of 9 days (2025-03-02, 2025-03-03)")).toBeGreaterThan(at("Channel mix"));
    expect(at("Caveat. Channel shares")).toBeLessThan(at("Channel number 1 "));
    expect(one).toContain("+ 4 smaller channels");
    expect(two).toContain("Caveat. Product revenue: items without a price on 3 of 9 days");
    expect(one).not.toContain("Product revenue: items");
    expect(overlappingWords(pdf)).toEqual([]);
    // Both pages well filled, no heading last on a page.
    expect(layoutDefects(pdf, { headings: EXECUTIVE_HEADINGS })).toEqual([]);
  });

  it("shows the estimated part of each product's revenue and what product revenue covers", async () => {
    // Two products carry estimates (items without a price); order revenue $170,000, product
    // revenue $167,165 + nothing over: 80,536 + 51,376 + 35,253 = 167,165, of which 1,234 + 2,000
    // = 3,234 estimated for 7 items in 5 orders; 2 fully priced orders leave $2,835 unexplained.
    const data: ExecutiveSummary = {
      ...fixture(),
      topProducts: [
        { name: "Puffy Lux Mattress", revenue: 80_536, estimated: 1_234, units: 62, orders: 61 },
        { name: "Puffy Royal Mattress", revenue: 51_376, estimated: 0, units: 22, orders: 21 },
        { name: "Puffy Cloud Mattress", revenue: 35_253, estimated: 2_000, units: 43, orders: 41 },
      ],
      productRevenue: { revenue: 167_165, estimated: 3_234, orderRevenue: 170_000, share: 167_165 / 170_000, unpricedItems: 7, unpricedOrders: 5, over: 0, overOrders: 0, under: 2_835, underOrders: 2 },
    };
    const pdf = await renderExecutivePdf(data);
    expect(pages(pdf)).toBe(2);
    const two = pdfText(pdf).pages[1]!;
    expect(two).toContain("of which est.");
    expect(linesContaining(two, `Puffy Lux Mattress 62 ${usd(80_536, 0)} ${usd(1_234, 0)}`)).toHaveLength(1);
    expect(linesContaining(two, "Puffy Royal Mattress 22 $51,376 -")).toHaveLength(1);
    expect(linesContaining(two, "Puffy Cloud Mattress 43 $35,253 $2,000")).toHaveLength(1);
    const note = lines(two).join(" ");
    expect(note).toContain(`Product revenue $167,165 is ${pct(167_165 / 170_000)} of order revenue $170,000.`);
    expect(note).toContain("Product revenue $167,165 is 98.3% of order revenue $170,000.");
    expect(note).toContain("$3,234 of it is estimated: 7 items in 5 orders had no price, so each gets the part of its order's revenue the priced items leave, split by quantity.");
    expect(note).toContain("$2,835 of the revenue of 2 fully priced orders is not in their items' price x quantity.");
  });

  it("prints the run rate from 28 days of data", async () => {
    // 300,000 over 30 covered days x 365 = 3,650,000 -> "$3.65M".
    const data: ExecutiveSummary = { ...fixture(), previous: null, kpis: kpis(300_000, 280, 38_000, 30) };
    const one = pdfText(await renderExecutivePdf(data)).pages[0]!;
    expect(lines(one).some((l) => l.startsWith(`${pct(280 / 38_000, 2)} ${usd(300_000 / 38_000)} ${millions((300_000 / 30) * 365)} `))).toBe(true);
    expect(lines(one).some((l) => l.startsWith("0.74% $7.89 $3.65M "))).toBe(true);
    expect(one).not.toContain("withheld");
  });

  it("renders an empty range as two pages without figures", async () => {
    const data: ExecutiveSummary = { ...fixture(), daily: [], channels: [], devices: [], newVsReturning: [], topProducts: [], previous: null, kpis: { ...kpis(0, 0, 0, 9), annualRunRate: null } };
    const pdf = await renderExecutivePdf(data);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pages(pdf)).toBe(2);
    expect(heights(pdf)).toEqual([842, 842]);
    const { pages: text } = pdfText(pdf);
    expect(text[0]).toContain("No data for Feb 23 – Mar 3, 2025");
    expect(text[0]).toContain("Nothing was recorded in this period. The run has data from Feb 1 – Mar 3, 2025.");
    expect(text[1]).toContain("Nothing to analyse");
    // No zero figures pretending to be data: no dollar amounts, no KPI tiles.
    expect(text.join("")).not.toMatch(/\$\d/);
    expect(text[0]).not.toContain("Key figures");
  });
});
