import { describe, expect, it } from "vitest";
import { kpiSet } from "@/test/fixtures";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import type { Insight } from "@/lib/insights/rules";
import { renderExecutivePdf } from "./executive-pdf";

const kpis = kpiSet;

const insight = (kind: Insight["kind"], id: string, text: string): Insight => ({ id, kind, text, evidence: { label: "Attribution", href: "/attribution" } });
const days = ["2025-02-23", "2025-02-24", "2025-02-25", "2025-02-26", "2025-02-27", "2025-02-28", "2025-03-01", "2025-03-02", "2025-03-03"];

function fixture(): ExecutiveSummary {
  return {
    runId: 3,
    range: { from: "2025-02-23", to: "2025-03-03", days: 9 },
    previousRange: { from: "2025-02-14", to: "2025-02-22" },
    dataRange: { from: "2025-02-01", to: "2025-03-03" },
    model: "last_click",
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
      { name: "Puffy Lux Mattress", revenue: 80_536, units: 62, orders: 61 },
      { name: "Puffy Royal Mattress", revenue: 51_376, units: 22, orders: 21 },
      { name: "Puffy Cloud Mattress", revenue: 35_253, units: 43, orders: 41 },
    ],
    timeFromFirstVisit: [
      { label: "Same session", orders: 127 },
      { label: "< 1 day", orders: 35 },
      { label: "1–7 days", orders: 24 },
      { label: "7–30 days", orders: 1 },
      { label: "> 30 days", orders: 0 },
    ],
    singleSessionShare: 0.7326,
    caveats: [
      { code: "TRANSACTION_ID_COLLISION", count: 3, days: ["2025-02-26", "2025-02-27", "2025-03-01"], message: "transaction ids are shared by two different purchases; both are counted as orders until reconciled." },
      { code: "NULL_CLIENT_ID_SPIKE", count: 1_036, days: ["2025-03-02", "2025-03-03"], message: "days lost client ids on many events: their sessions, conversion rate and attribution are undercounted." },
    ],
    insights: {
      working: [insight("working", "top-channel", "Direct drove 53% of revenue ($104,172) under Last click.")],
      concerning: [insight("concerning", "revenue-concentration", "53% of revenue depends on one channel (Direct) under Last click: a change there moves the whole business.")],
      recommendations: [],
    },
  };
}

/** Page objects in the file ("/Type /Page", not "/Type /Pages"). */
const pages = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;
/** Page heights from the media boxes (A4 is 841.89 points): pages must not shrink to their content. */
const heights = (pdf: Buffer) => [...pdf.toString("latin1").matchAll(/\/MediaBox\s*\[\s*0 0 [\d.]+ ([\d.]+)\s*\]/g)].map((m) => Math.round(Number(m[1])));

describe("renderExecutivePdf", () => {
  it("renders the summary on exactly two pages", async () => {
    const pdf = await renderExecutivePdf(fixture(), { generatedAt: new Date("2025-03-04T08:00:00Z") });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pages(pdf)).toBe(2);
    expect(heights(pdf)).toEqual([842, 842]);
    expect(pdf.length).toBeGreaterThan(5_000);
  });

  it("stays on two pages with long lists, no previous period and many caveats", async () => {
    const long = "Reduce dependence on one channel: test more budget in Affiliates, the second revenue source, and watch whether its conversion rate holds as spend grows over the next weeks.";
    const many = (kind: Insight["kind"]) => Array.from({ length: 9 }, (_, i) => insight(kind, `${kind}-${i}`, long));
    const data: ExecutiveSummary = {
      ...fixture(),
      previous: null,
      channels: Array.from({ length: 14 }, (_, i) => ({ channel: `Channel number ${i + 1}`, sessions: 100 * i, orders: i, revenue: 1_000 * (14 - i), share: (14 - i) / 105 })),
      topProducts: Array.from({ length: 10 }, (_, i) => ({ name: `A very long product name that goes on and on, model ${i}`, revenue: 10_000 - i * 500, units: 10 + i, orders: 9 + i })),
      caveats: ["A", "B", "C", "D", "E", "F"].map((c, i) => ({ code: `CODE_${c}`, count: i + 1, days: days.slice(0, i + 2), message: long })),
      insights: { working: many("working"), concerning: many("concerning"), recommendations: many("recommendation") },
    };
    const pdf = await renderExecutivePdf(data);
    expect(pages(pdf)).toBe(2);
    expect(heights(pdf)).toEqual([842, 842]);
  });

  it("renders an empty range as two pages without figures", async () => {
    const data: ExecutiveSummary = { ...fixture(), daily: [], channels: [], devices: [], newVsReturning: [], topProducts: [], previous: null, kpis: { ...kpis(0, 0, 0, 9), annualRunRate: null } };
    const pdf = await renderExecutivePdf(data);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pages(pdf)).toBe(2);
    expect(heights(pdf)).toEqual([842, 842]);
  });
});
