import { describe, expect, it } from "vitest";
import { channelRow } from "@/test/fixtures";
import type { AttributionChannelRow, AttributionData } from "@/lib/db/queries/attribution";
import { MODELS, MODEL_LABELS, MODEL_RULES, type Model } from "@/lib/pipeline/constants";
import { ATTRIBUTION_HEADINGS } from "@/test/pdf-headings";
import { layoutDefects, lineStartingWith, lines, overlappingWords, pct, pdfText, usd } from "@/test/pdf-text";
import type { CohortView, WindowFigures } from "@/lib/views/cohorts";
import { renderAttributionPdf } from "./attribution-pdf";

const row = channelRow;

const CHANNELS: [string, number][] = [["Direct", 1000], ["Affiliates", 600], ["Paid Search", 350], ["Email", 60], ["Organic Social", 20]];

/**
 * Credit of the k-th model in MODELS (first click k = 0, last click 1, linear 3, time decay 5):
 * a quarter order and $250 move from Direct to Paid Search per step. Every model credits the 16
 * orders and $16,000 of the totals (one order, $9.50, unattributed).
 */
const credit = (k: number): [string, number, number, number][] => [
  ["Direct", 1000, 8 - k * 0.25, 9000 - k * 250],
  ["Affiliates", 600, 4, 4000],
  ["Paid Search", 350, 2 + k * 0.25, 2000 + k * 250],
  ["Email", 60, 1, 990.5],
  ["Unattributed", 0, 1, 9.5],
];

function fixture(orders: number): AttributionData {
  const byModel = Object.fromEntries(
    MODELS.map((m, k) => [m, orders === 0 ? CHANNELS.map(([c, s]) => row(c, s, 0, 0)) : credit(k).map(([c, s, o, r]) => row(c, s, o, r))]),
  ) as Record<Model, AttributionChannelRow[]>;
  return {
    runId: 42,
    caveats: { channels: null, conversion: null, orders: null, products: null },
    intervals: null,
    byPerson: null,
    identity: null,
    createdAt: "2025-03-01T08:00:00.000Z",
    lookbackDays: 7,
    lookbackOptions: [1, 7, 14, 30],
    models: MODELS.map((id) => ({ id, label: MODEL_LABELS[id] })),
    byModel,
    totals: { orders, revenue: orders === 0 ? 0 : 16000, sessions: 2030 },
    journeys: {
      lookback_days: 7,
      timeToPurchase: [
        { label: "< 1 hour", orders: orders === 0 ? 0 : 11, revenue: 12000 },
        { label: "1–24 hours", orders: orders === 0 ? 0 : 4, revenue: 3990.5 },
        { label: "1–3 days", orders: 0, revenue: 0 },
      ],
      timeFromFirstVisit: [],
      unattributedOrders: orders === 0 ? 0 : 1,
      singleSessionOrders: orders === 0 ? 0 : 11,
      medianHoursToPurchase: orders === 0 ? null : 0.4,
      paths: orders === 0 ? [] : [{ path: "Direct", touches: 1, orders: 8, revenue: 9000, avgDaysToConversion: 0 }, { path: "Affiliates > Direct", touches: 2, orders: 4, revenue: 4000, avgDaysToConversion: 1.5 }, { path: "Paid Search > Email → Direct", touches: 3, orders: 3, revenue: 2990.5, avgDaysToConversion: 2.25 }],
      positions: [],
      nonConvertingPaths: [],
      nonConvertingJourneys: 0,
    },
    channelRules: [
      { channel: "Paid Search", description: "utm_medium is cpc/ppc/paid search, or paid with a search-engine utm_source" },
      { channel: "Referral", description: "any other external referrer (the store's own domain never counts)" },
      { channel: "Direct", description: "no campaign parameters and no external referrer" },
    ],
  };
}

const pages = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;

/** Credited orders as the table shows them, by hand: whole numbers bare, fractions with one decimal. */
const ordersText = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1 });
/** A signed dollar difference: "+$250.00", "-$250.00", "$0.00". */
const signed = (n: number) => (n === 0 ? usd(0) : `${n > 0 ? "+" : ""}${usd(n)}`);

/**
 * The comparison table rows expected for models k (A) and l (B), computed here from the fixture's
 * construction: channel, orders A, revenue A, orders B, revenue B, B - A, (B - A) / A.
 */
function expectedRows(k: number, l: number): string[] {
  const a = credit(k);
  const b = credit(l);
  const rows = a.map(([channel, , ordersA, revenueA], i) => {
    const [, , ordersB, revenueB] = b[i]!;
    const diff = revenueB - revenueA;
    return `${channel} ${ordersText(ordersA)} ${usd(revenueA)} ${ordersText(ordersB)} ${usd(revenueB)} ${signed(diff)} ${diff > 0 ? "+" : ""}${pct(diff / revenueA)}`;
  });
  return [...rows, "Total 16 $16,000.00 16 $16,000.00 $0.00 0.0%"];
}

/** A window's figures from its customers worked by hand: observable, repeat buyers, revenue (dollars) of the observable ones. */
const win = (days: 7 | 14 | 30, observable: number, repeat: number, dollars: number): WindowFigures => ({
  days, observable, repeat, repeatRate: observable > 0 ? repeat / observable : null, revenuePerCustomer: observable > 0 ? dollars / observable : null,
});
/**
 * Four customers per device, three persons: Paid Search has 3 (2 bought 7+ days before the end, one of
 * them again within 7 days: $300 in all; 1 bought 14+ days before, $100), Direct 1 ($80, observable
 * for 7 days only). No first purchase is 30 days before the end.
 */
const COHORTS: CohortView = {
  identity: "device",
  lastDay: "2025-03-01",
  customers: 4,
  merge: { deviceCustomers: 4, persons: 3 },
  byChannel: [
    { key: "Paid Search", customers: 3, windows: [win(7, 2, 1, 300), win(14, 1, 0, 100), win(30, 0, 0, 0)] },
    { key: "Direct", customers: 1, windows: [win(7, 1, 0, 80), win(14, 0, 0, 0), win(30, 0, 0, 0)] },
  ],
  byWeek: [
    { key: "2025-02-03", customers: 1, windows: [win(7, 1, 0, 100), win(14, 1, 0, 100), win(30, 0, 0, 0)] },
    { key: "2025-02-17", customers: 3, windows: [win(7, 2, 1, 280), win(14, 0, 0, 0), win(30, 0, 0, 0)] },
  ],
};

describe("renderAttributionPdf", () => {
  it("renders a multi-page PDF comparing two models", async () => {
    const pdf = await renderAttributionPdf(fixture(16), "first_click", "last_click", { generatedAt: new Date("2025-03-02T00:00:00Z") });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pages(pdf)).toBeGreaterThanOrEqual(2);
    expect(pdf.length).toBeGreaterThan(5_000);

    const { text, pages: byPage } = pdfText(pdf);
    expect(byPage).toHaveLength(pages(pdf));
    const one = byPage[0]!;
    expect(one).toContain("First click vs Last click · 7-day lookback · Run #42 · loaded 2025-03-01 08:00 UTC");
    // Totals: 16 orders, $16,000, 2,030 sessions; AOV $1,000.00, conversion 16 / 2,030 = 0.79%.
    expect(lines(one)).toContain("ORDERS REVENUE SESSIONS");
    expect(lines(one)).toContain("16 $16,000 2,030");
    expect(lines(one)).toContain(`1 unattributed AOV ${usd(16_000 / 16)} conversion ${pct(16 / 2_030, 2)}`);
    // Top channel: Direct under both, $9,000 / $16,000 = 56.3% (first click), $8,750 / $16,000 = 54.7% (last click);
    // the largest shift is Direct's -$250 (Paid Search's +$250 ties; the table's first row wins).
    expect(lines(one)).toContain("Direct Direct -$250");
    expect(lines(one)).toContain(`${pct(9_000 / 16_000)} of revenue, First click ${pct(8_750 / 16_000)} of revenue, Last click Direct`);
    expect(lines(one)).toContain("56.3% of revenue, First click 54.7% of revenue, Last click Direct");
    // The comparison table: every channel under both models, the difference, and the totals.
    const table = lines(one).filter((l) => /^(Direct|Affiliates|Paid Search|Email|Unattributed|Total) \d/.test(l));
    expect(table).toEqual(expectedRows(0, 1));
    expect(table).toEqual([
      "Direct 8 $9,000.00 7.8 $8,750.00 -$250.00 -2.8%",
      "Affiliates 4 $4,000.00 4 $4,000.00 $0.00 0.0%",
      "Paid Search 2 $2,000.00 2.3 $2,250.00 +$250.00 +12.5%",
      "Email 1 $990.50 1 $990.50 $0.00 0.0%",
      "Unattributed 1 $9.50 1 $9.50 $0.00 0.0%",
      "Total 16 $16,000.00 16 $16,000.00 $0.00 0.0%",
    ]);
    // Grouped bars: A (above the label) and B (beside it) revenue per channel, to the dollar.
    const oneLines = lines(one);
    const legend = oneLines.indexOf("A: First click B: Last click");
    expect(legend).toBeGreaterThan(0);
    expect(oneLines.slice(legend + 1, legend + 11)).toEqual(["$9,000", "Direct $8,750", "$4,000", "Affiliates $4,000", "$2,000", "Paid Search $2,250", "$991", "Email $991", "$10", "Unattributed $10"]);

    // Journeys: median 0.4 h = 24 minutes; 11 of 16 orders in one session = 68.8%; 1 unattributed.
    expect(text).toContain("Time to purchase");
    expect(lines(text)).toContain("24.0 min 68.8% 1");
    expect(lines(text)).toContain("11 of 16 orders no client id or no session in the window");
    // Path, touches, orders, revenue, mean days from the first touch to the purchase (the fixture's 0, 1.5, 2.25).
    expect(lineStartingWith(text, "Direct 1 ")).toBe(`Direct 1 8 ${usd(9_000)} 0.0`);
    expect(lineStartingWith(text, "Affiliates -> Direct ")).toBe("Affiliates -> Direct 2 4 $4,000.00 1.5");
    expect(lineStartingWith(text, "Paid Search -> Email -> Direct ")).toBe("Paid Search -> Email -> Direct 3 3 $2,990.50 2.3");
    expect(lineStartingWith(text, "1 Paid Search ")).toBe("1 Paid Search utm_medium is cpc/ppc/paid search, or paid with a search-engine utm_source");
    expect(lineStartingWith(text, "3 Direct ")).toBe("3 Direct no campaign parameters and no external referrer");
  });

  it("renders fractional multi-touch credit and a run without orders", async () => {
    const linear = await renderAttributionPdf(fixture(16), "linear", "time_decay");
    expect(linear.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Linear (k = 3) vs time decay (k = 5): Direct 7.25 → 6.75 orders, $8,250 → $7,750 (-6.1%); Paid Search +$500 (+18.2%).
    const linearText = pdfText(linear).pages[0]!;
    expect(lines(linearText).filter((l) => /^(Direct|Affiliates|Paid Search|Email|Unattributed|Total) \d/.test(l))).toEqual(expectedRows(3, 5));
    expect(lines(linearText)).toContain("Direct 7.3 $8,250.00 6.8 $7,750.00 -$500.00 -6.1%");
    expect(lines(linearText)).toContain("Paid Search 2.8 $2,750.00 3.3 $3,250.00 +$500.00 +18.2%");
    expect(linearText).toContain("Revenue per channel: Linear vs Time decay (7-day half-life)");

    const empty = await renderAttributionPdf(fixture(0), "first_click", "last_click");
    expect(empty.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pages(empty)).toBeGreaterThanOrEqual(1);
    const { text } = pdfText(empty);
    expect(text).toContain("This run has no orders: there is no revenue to attribute.");
    expect(lines(text)).toContain("0 $0 2,030");
    expect(lines(text)).toContain("all attributed AOV — conversion 0.00%");
    expect(lines(text)).toContain("- - none");
    expect(lines(text)).toContain("no revenue no revenue the models agree");
    // Every channel with sessions is listed with nothing credited; no percentage without a base.
    const table = lines(text).filter((l) => /^(Direct|Affiliates|Paid Search|Email|Organic Social|Total) \d/.test(l));
    expect(table).toEqual([...CHANNELS.map(([c]) => `${c} 0 $0.00 0 $0.00 $0.00 -`), "Total 0 $0.00 0 $0.00 $0.00 -"]);
    expect(text).toContain("No attributed orders in this window.");
    expect(lines(text)).toContain("- — 0");
    expect(lines(text)).toContain("0 of 0 orders no client id or no session in the window");
  });

  it("prints the channel table of the model the page shows before the comparison", async () => {
    // The page shows Linear (k = 3) while comparing first and last click: Direct 7.25 orders, $9,000 − 3 × $250.
    const pdf = await renderAttributionPdf(fixture(16), "first_click", "last_click", { model: "linear" });
    const first = pdfText(pdf).pages[0]!;
    expect(first).toContain("Channels: Linear · First click vs Last click · 7-day lookback");
    const table = lines(first).filter((l) => /^(Direct|Affiliates|Paid Search|Email|Unattributed) \d/.test(l));
    // The model's rows come first (2,030 sessions in all): channel, sessions, credited orders, revenue, share of $16,000.
    expect(table.slice(0, 5).map((l) => l.split(" ").slice(0, -2).join(" "))).toEqual([
      "Direct 1,000 7.3 $8,250.00 51.6%",
      "Affiliates 600 4 $4,000.00 25.0%",
      "Paid Search 350 2.8 $2,750.00 17.2%",
      "Email 60 1 $990.50 6.2%",
      "Unattributed 0 1 $9.50 0.1%",
    ]);
    // With the run's intervals: a range per channel and the verdict on neighbours, in words.
    const withIntervals = fixture(16);
    const c = (revenue: number, low: number, high: number) => ({ revenue, revenueLow: low, revenueHigh: high, share: 0, shareLow: 0, shareHigh: 0 });
    withIntervals.intervals = { linear: { channels: { Direct: c(8250, 7100, 9400), Affiliates: c(4000, 3000, 5100) }, neighbours: [{ a: "Direct", b: "Affiliates", low: 2100, high: 6300, withinNoise: false }] } };
    const flat = pdfText(await renderAttributionPdf(withIntervals, "first_click", "last_click", { model: "linear" })).text.replace(/\s+/g, " ");
    expect(flat).toContain("Direct 1,000 7.3 $8,250.00 $7,100 – $9,400 51.6%");
    expect(flat).toContain("Every channel earns more than the next one down beyond noise.");
    withIntervals.intervals.linear!.neighbours[0] = { a: "Direct", b: "Affiliates", low: -300, high: 6300, withinNoise: true };
    const close = pdfText(await renderAttributionPdf(withIntervals, "first_click", "last_click", { model: "linear" })).text.replace(/\s+/g, " ");
    expect(close).toContain("Direct and Affiliates are within noise of each other: the 90% interval of the difference runs from -$300 to $6,300, so the data cannot tell which earns more.");
    // Per person: the person credit replaces orders and revenue (sessions stay), and the per-device intervals are left out.
    const person = { ...fixture(16), byPerson: { linear: { Direct: { orders: 6.25, revenue: 7250 }, "Paid Search": { orders: 3.75, revenue: 3750 }, Affiliates: { orders: 4, revenue: 4000 }, Email: { orders: 1, revenue: 990.5 }, Unattributed: { orders: 1, revenue: 9.5 } } } };
    const personText = pdfText(await renderAttributionPdf(person, "first_click", "last_click", { model: "linear", identity: "person" })).text.replace(/\s+/g, " ");
    expect(personText).toContain("Channels: Linear, per person");
    expect(personText).toContain("Direct 1,000 6.3 $7,250.00 45.3%");
    expect(personText).toContain("Paid Search 350 3.8 $3,750.00 23.4%");
    // Without a model, no such section.
    expect(pdfText(await renderAttributionPdf(fixture(16), "first_click", "last_click")).text).not.toContain("Channels: ");
  });

  it("prints the customer cohorts of the identity asked for, with windows nobody can be judged on yet left out and said so", async () => {
    const text = pdfText(await renderAttributionPdf(fixture(16), "first_click", "last_click", { cohorts: COHORTS })).text;
    const flat = text.replace(/\s+/g, " ");
    expect(lines(text)).toContain("Customer cohorts, per device");
    expect(flat).toContain("4 customers per device. Per device: a customer is a client id (a browser on a device), its first touch the channel of that client's first session. 4 customers per device are 3 persons.");
    expect(flat).toContain("30 days: not observable yet (no first purchase is that long before the data ends).");
    // The 30-day columns are left out; Paid Search: 1 of 2 = 50.0% repeat, $300 / 2 = $150; 0 of 1, $100.
    expect(lines(text)).toContain("First-touch channel Customers Repeat 7 d Rev. / cust. 7 d Repeat 14 d Rev. / cust. 14 d");
    expect(lines(text)).toContain("Paid Search 3 50.0% $150 0.0% $100");
    expect(lines(text)).toContain("Direct 1 0.0% $80 not yet not yet");
    expect(lines(text)).toContain("2025-02-17 3 50.0% $140 not yet not yet");
    // Per person, the section says so; without cohorts there is no such section.
    const person = pdfText(await renderAttributionPdf(fixture(16), "first_click", "last_click", { identity: "person", cohorts: { ...COHORTS, identity: "person", customers: 3 } })).text.replace(/\s+/g, " ");
    expect(person).toContain("Customer cohorts, per person");
    expect(person).toContain("3 customers per person. Per person: a customer is a person (devices joined through a shared email)");
    expect(pdfText(await renderAttributionPdf(fixture(16), "first_click", "last_click")).text).not.toContain("Customer cohorts");
  });

  it("never ends a page on a heading or a table header, nor leaves a page under a third full, wherever the content falls", async () => {
    // Eighteen channel rules (as the pipeline has) and a note that grows a few lines at a time move
    // the sections through the page bottoms.
    const rules = Array.from({ length: 18 }, (_, i) => ({ channel: `Channel ${i + 1}`, description: `rule number ${i + 1}: utm_medium is one of several values, or the referrer is a known host of this kind` }));
    const data = { ...fixture(16), channelRules: rules };
    const cohorts = { ...COHORTS, byWeek: Array.from({ length: 12 }, (_, i) => ({ ...COHORTS.byWeek[1]!, key: `2025-0${1 + Math.floor(i / 4)}-0${1 + (i % 4)}` })) };
    const sentence = "Visitor figures leave out 3,900 robot sessions (15.0% of all sessions): crawlers and automation, by user agent. ";
    for (let n = 0; n <= 24; n += 3) {
      const pdf = await renderAttributionPdf(data, "first_click", "last_click", { note: n === 0 ? null : sentence.repeat(n), cohorts });
      expect(layoutDefects(pdf, { headings: ATTRIBUTION_HEADINGS }), `${n} sentences of note`).toEqual([]);
    }
  });

  it("compares the data-driven models with their two-sentence rules, nothing drawn over anything", async () => {
    const pdf = await renderAttributionPdf(fixture(16), "markov", "shapley");
    const { text } = pdfText(pdf);
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain(`A, ${MODEL_LABELS.markov}: ${MODEL_RULES.markov}`);
    expect(flat).toContain(`B, ${MODEL_LABELS.shapley}: ${MODEL_RULES.shapley}`);
    // Markov (k = 6) vs Shapley (k = 7): $250 more to Paid Search.
    expect(lines(pdfText(pdf).pages[0]!).filter((l) => /^(Direct|Affiliates|Paid Search|Email|Unattributed|Total) \d/.test(l))).toEqual(expectedRows(6, 7));
    expect(overlappingWords(pdf)).toEqual([]);
  });
});

