/**
 * The executive summary per device and per person (lib/db/queries/executive-summary.ts) on a
 * hand-made export, every figure worked out by hand below: a person clicks a paid social ad on a
 * phone and leaves an email, and two days later buys on a laptop that came direct, with that email.
 * Per device the order is Direct's and the laptop a new visitor buying in its first session; per
 * person the order is the ad's under first click, the laptop's visit is the person's second
 * (returning) and the purchase came 47 hours after the first visit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun, saveRunResult } from "@/lib/db/save-run";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import { runPipeline } from "@/lib/pipeline";
import { renderExecutivePdf } from "@/lib/reports/executive-pdf";
import { SummaryQuery } from "@/lib/views/summary-query";
import { csvFile, eventRow, purchaseData, UA_IPHONE, UA_WINDOWS } from "../csv-builder";
import { pdfText } from "../pdf-text";
import { tempDatabase } from "../temp-db";

const t = tempDatabase();
let getExecutiveSummary: typeof import("@/lib/db/queries/executive-summary").getExecutiveSummary;

const EMAIL_A = "a".repeat(64);
const EMAIL_B = "b".repeat(64);
const D1 = "2025-03-01";
const D3 = "2025-03-03";

beforeAll(async () => {
  const result = runPipeline([
    csvFile("events_20250301.csv", [
      // phone: lands from a paid social ad at 10:00 and leaves email A in the pop-up.
      eventRow({ client: "phone", ts: `${D1}T10:00:00.000Z`, url: "https://shop.example/?utm_medium=paidsocial&utm_source=facebook", ua: UA_IPHONE }),
      eventRow({ client: "phone", ts: `${D1}T10:01:00.000Z`, event: "email_filled_on_popup", data: { user_email: EMAIL_A }, ua: UA_IPHONE }),
      // other: one device only, direct, buys $50 with email B.
      eventRow({ client: "other", ts: `${D1}T11:00:00.000Z`, url: "https://shop.example/", ua: UA_WINDOWS }),
      eventRow({ client: "other", ts: `${D1}T11:05:00.000Z`, event: "checkout_completed", data: { ...purchaseData("T0", 50, [{ id: "B", price: 50, qty: 1 }]), user_email: EMAIL_B }, ua: UA_WINDOWS }),
    ]),
    csvFile("events_20250303.csv", [
      // laptop: direct at 09:00, buys $120 at 09:05 with email A: the phone's person.
      eventRow({ client: "laptop", ts: `${D3}T09:00:00.000Z`, url: "https://shop.example/", ua: UA_WINDOWS }),
      eventRow({ client: "laptop", ts: `${D3}T09:05:00.000Z`, event: "checkout_completed", data: { ...purchaseData("T1", 120, [{ id: "A", price: 120, qty: 1 }]), user_email: EMAIL_A }, ua: UA_WINDOWS }),
    ]),
  ]);
  expect(result.validation.filter((v) => !v.passed)).toEqual([]);
  saveRunResult(t.db, createRun(t.db, "cli"), result);
  process.env.DATABASE_URL = `file:${t.path}`;
  ({ getExecutiveSummary } = await import("@/lib/db/queries/executive-summary"));
}, 60_000);
afterAll(() => t.cleanup());

const summary = async (identity: "device" | "person", from: string, to: string, model: "first_click" | "last_click" = "first_click") =>
  (await getExecutiveSummary({ from, to, model, identity }))!;
const channels = (s: ExecutiveSummary) => s.channels.filter((c) => c.revenue > 0).map((c) => [c.channel, c.orders, c.revenue, c.share]);
const visitors = (s: ExecutiveSummary) => s.newVsReturning.map((r) => [r.segment, r.sessions, r.orders, r.revenue]);

describe("executive summary per device and per person", () => {
  it("credits the laptop's order to Direct per device and to the phone's ad per person, for the period", async () => {
    const device = await summary("device", D3, D3);
    const person = await summary("person", D3, D3);
    expect([device.identity, person.identity]).toEqual(["device", "person"]);
    expect(channels(device)).toEqual([["Direct", 1, 120, 1]]);
    expect(channels(person)).toEqual([["Paid Social", 1, 120, 1]]);
    // Last click: the laptop's own Direct session either way.
    expect(channels(await summary("person", D3, D3, "last_click"))).toEqual([["Direct", 1, 120, 1]]);
    // The KPIs do not depend on the view: one order, $120, one visitor session on the 3rd.
    expect(person.kpis).toMatchObject({ orders: 1, revenue: 120, sessions: 1 });
    expect(person.kpis).toEqual(device.kpis);
  });

  it("sums the stored per-order person credits over the period: the whole data holds both orders", async () => {
    const device = await summary("device", D1, D3);
    const person = await summary("person", D1, D3);
    // T0 ($50, other, Direct either way) + T1 ($120).
    expect(channels(device)).toEqual([["Direct", 2, 170, 1]]);
    expect(channels(person)).toEqual([
      ["Paid Social", 1, 120, 120 / 170],
      ["Direct", 1, 50, 50 / 170],
    ]);
    // Sessions per channel stay per device: the phone's ad session, other's and the laptop's direct ones.
    expect(person.channels.map((c) => [c.channel, c.sessions])).toEqual([
      ["Paid Social", 1],
      ["Direct", 2],
    ]);
  });

  it("counts the orders that change channel and the cross-device buyers of the period, in both views", async () => {
    const on3 = await summary("device", D3, D3);
    expect(on3.persons).toEqual({ changedOrders: { first_click: 1, last_click: 0 }, crossDeviceBuyers: 1, crossDeviceOrders: 1 });
    expect((await summary("person", D3, D3)).persons).toEqual(on3.persons);
    // On the 1st only other's order: a one-device buyer whose channel is Direct either way.
    expect((await summary("person", D1, D1)).persons).toEqual({ changedOrders: { first_click: 0, last_click: 0 }, crossDeviceBuyers: 0, crossDeviceOrders: 0 });
  });

  it("counts the laptop's visit as new per device and returning per person, its order with it", async () => {
    expect(visitors(await summary("device", D3, D3))).toEqual([["New", 1, 1, 120]]);
    expect(visitors(await summary("person", D3, D3))).toEqual([["Returning", 1, 1, 120]]);
    // The 1st: the phone and other are new either way; other's order came in its new session.
    expect(visitors(await summary("person", D1, D1))).toEqual([["New", 2, 1, 50]]);
  });

  it("times the purchase from the person's first visit: the buyer's first session per device, 47 hours later per person", async () => {
    const device = await summary("device", D3, D3);
    const person = await summary("person", D3, D3);
    const bars = (s: ExecutiveSummary) => Object.fromEntries(s.timeFromFirstVisit.filter((b) => b.orders > 0).map((b) => [b.label, b.orders]));
    expect(bars(device)).toEqual({ "First session": 1 });
    expect(device.singleSessionShare).toBe(1);
    // 2025-03-01 10:00 (phone) to 2025-03-03 09:05: 47 h 5 min, in the 1–7 days bucket.
    expect(bars(person)).toEqual({ "Later, 1–7 days": 1 });
    expect(person.singleSessionShare).toBe(0);
  });

  it("takes identity from the query (per device by default) and prints it in the PDF with the per-person figures", async () => {
    expect(SummaryQuery.parse({ from: D3, to: D3 }).identity).toBe("device");
    expect(SummaryQuery.parse({ from: D3, to: D3, identity: "person" }).identity).toBe("person");
    expect(SummaryQuery.safeParse({ identity: "household" }).success).toBe(false);
    const { pages } = pdfText(await renderExecutivePdf(await summary("person", D3, D3)));
    expect(pages[0]).toContain("channel credit: First click, per person");
    expect(pages[0]!.replace(/\s+/g, " ")).toContain("Per person, 0 orders of this period change channel under last click and 1 under first click (7-day lookback); 1 cross-device buyer (more than one device) placed 1 order.");
    expect(pages[0]).toContain("Paid Social");
    expect(pages[1]).toContain("Returning: the person had an earlier session on any device.");
    const device = pdfText(await renderExecutivePdf(await summary("device", D3, D3)));
    expect(device.pages[0]).toContain("channel credit: First click, per device");
    expect(device.pages[0]).not.toContain("Paid Social");
  });
});
