/**
 * A planted cross-device journey: a phone clicks a paid social ad and leaves its email in the
 * pop-up; two days later a laptop comes direct and buys with the same email. Per device the order
 * is Direct's under first click; per person it is the ad's. Worked by hand.
 */
import { describe, expect, it } from "vitest";
import { csvFile, eventRow, purchaseData, UA_IPHONE, UA_WINDOWS } from "@/test/csv-builder";
import { runPipeline } from "./index";
import { buildSummary } from "./summary";

const EMAIL = "a".repeat(64);
const purchase = { ...purchaseData("T1", 120, [{ id: "A", price: 120, qty: 1 }]), user_email: EMAIL };
const result = runPipeline([
  csvFile("events_20250301.csv", [
    eventRow({ client: "phone", ts: "2025-03-01T10:00:00.000Z", url: "https://shop.example/?utm_medium=paidsocial&utm_source=facebook", ua: UA_IPHONE }),
    eventRow({ client: "phone", ts: "2025-03-01T10:01:00.000Z", event: "email_filled_on_popup", data: { user_email: EMAIL }, ua: UA_IPHONE }),
    // A visitor who never buys and shares nothing.
    eventRow({ client: "other", ts: "2025-03-01T11:00:00.000Z", url: "https://shop.example/", ua: UA_WINDOWS }),
  ]),
  csvFile("events_20250303.csv", [
    eventRow({ client: "laptop", ts: "2025-03-03T09:00:00.000Z", url: "https://shop.example/", ua: UA_WINDOWS }),
    eventRow({ client: "laptop", ts: "2025-03-03T09:05:00.000Z", event: "checkout_completed", data: purchase, ua: UA_WINDOWS }),
  ]),
]);

describe("attribution per person", () => {
  it("joins the phone and the laptop into one person", () => {
    expect(result.identity).toEqual({ clients: 3, persons: 2, multiDevicePersons: 1, multiDeviceBuyers: 1 });
    const person = Object.fromEntries((result.clients.objects() as { client_id: string; person_id: string }[]).map((c) => [c.client_id, c.person_id]));
    // The person is named by its smallest client id: "laptop" < "phone".
    expect(person).toEqual({ laptop: "laptop", phone: "laptop", other: "other" });
  });

  it("credits the planted first touch per person, Direct per device", () => {
    const byPerson = result.attributionByPerson.byModel;
    expect(byPerson.first_click![7]).toEqual({ "Paid Social": { orders: 1, revenue: 120 } });
    expect(byPerson.last_click![7]).toEqual({ Direct: { orders: 1, revenue: 120 } });
    // Linear: two touches in 7 days, half each.
    expect(byPerson.linear![7]).toEqual({ "Paid Social": { orders: 0.5, revenue: 60 }, Direct: { orders: 0.5, revenue: 60 } });
    const device = (result.credits.objects() as { model: string; lookback_days: number; channel: string; revenue_cents: number }[]).filter((c) => c.model === "first_click" && c.lookback_days === 7);
    expect(device.map((c) => [c.channel, c.revenue_cents])).toEqual([["Direct", 12_000]]);
    expect(result.attributionByPerson.changedOrders).toEqual({ first_click: 1, last_click: 0 });
  });

  it("keeps revenue whole per person under every model and window, and reports both views in the JSON summary", () => {
    const check = result.validation.find((v) => v.name === "revenue_conservation_by_person")!;
    expect(check.passed).toBe(true);
    const s = buildSummary(1, result);
    expect(s.identity).toEqual({ clients: 3, persons: 2, multiDevicePersons: 1, multiDeviceBuyers: 1 });
    expect(s.attributionByPerson.first_click).toEqual({ "Paid Social": { orders: 1, revenue: 120 } });
    expect(s.attribution.first_click).toEqual({ Direct: { orders: 1, revenue: 120 } });
  });

  it("stores each order's credit per person and model (7-day lookback), the person's timeline on the order, and new vs returning per person", () => {
    const stored = (result.attributionByPerson.orderCredits.objects() as { order_id: string; model: string; lookback_days: number; channel: string; credit: number; revenue_cents: number }[])
      .filter((c) => c.model === "first_click" || c.model === "linear")
      .map((c) => [c.model, c.lookback_days, c.channel, c.credit, c.revenue_cents]);
    expect(stored).toEqual([
      ["first_click", 7, "Paid Social", 1, 12_000],
      ["linear", 7, "Paid Social", 0.5, 6_000],
      ["linear", 7, "Direct", 0.5, 6_000],
    ]);
    // The laptop's purchase session is its client's first (device: "first session", 0 h from its
    // first visit) but the person's second; the person was first seen on the phone two days earlier.
    const [order] = result.orders.objects() as Record<string, unknown>[];
    expect(order).toMatchObject({ session_number: 1, client_first_seen: Date.parse("2025-03-03T09:00:00.000Z"), person_id: "laptop", person_devices: 2, person_session_number: 2, person_first_seen: Date.parse("2025-03-01T10:00:00.000Z") });
    // Visitors on 03-03: the laptop's session is New per device, Returning per person; its order goes with it.
    const seg = (dimension: string) => result.dailySegments.filter((r) => r.day === "2025-03-03" && r.dimension === dimension).map((r) => [r.value, r.sessions, r.orders, r.revenue]);
    expect(seg("visitor")).toEqual([["New", 1, 1, 120]]);
    expect(seg("person_visitor")).toEqual([["Returning", 1, 1, 120]]);
    // On 03-01 the phone and the other visitor are new either way.
    expect(result.dailySegments.filter((r) => r.day === "2025-03-01" && r.dimension === "person_visitor").map((r) => [r.value, r.sessions])).toEqual([["New", 2]]);
  });
});
