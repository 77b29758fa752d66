import { describe, expect, it } from "vitest";
import { identityText, periodIdentityText, personRows } from "./identity-view";

const row = (channel: string, sessions: number, orders: number, revenue: number) => ({ channel, sessions, orders, revenue, conversionRate: orders / sessions, aov: revenue / orders, revenuePerSession: revenue / sessions });

describe("the attribution page per person", () => {
  it("takes orders and revenue from the person credit, keeps sessions, recomputes the rates", () => {
    // Per device: Direct 100 sessions, 2 orders, $200; Paid Social 50 sessions, 0 orders.
    // Per person the ad gets one of those orders: Direct 1 / $80, Paid Social 1 / $120.
    const rows = personRows([row("Direct", 100, 2, 200), { channel: "Paid Social", sessions: 50, orders: 0, revenue: 0, conversionRate: 0, aov: null, revenuePerSession: 0 }], {
      Direct: { orders: 1, revenue: 80 },
      "Paid Social": { orders: 1, revenue: 120 },
    });
    expect(rows).toEqual([
      { channel: "Paid Social", sessions: 50, orders: 1, revenue: 120, conversionRate: 0.02, aov: 120, revenuePerSession: 2.4 },
      { channel: "Direct", sessions: 100, orders: 1, revenue: 80, conversionRate: 0.01, aov: 80, revenuePerSession: 0.8 },
    ]);
  });

  it("adds a channel only the person view credits, and leaves rows alone without person credit", () => {
    const rows = personRows([row("Direct", 10, 1, 50)], { Unattributed: { orders: 1, revenue: 50 } });
    expect(rows.map((r) => [r.channel, r.sessions, r.orders, r.revenue])).toEqual([
      ["Unattributed", 0, 1, 50],
      ["Direct", 10, 0, 0],
    ]);
    const same = [row("Direct", 10, 1, 50)];
    expect(personRows(same, undefined)).toBe(same);
  });

  it("says what stitching changes", () => {
    expect(identityText({ multiDevicePersons: 17, multiDeviceBuyers: 16, clients: 12_071, persons: 12_054 }, { first_click: 9, last_click: 1 })).toBe(
      "17 people use more than one device (16 of them bought): 12,071 client ids are 12,054 persons. Per person, 1 order changes channel under last click and 9 under first click (7-day lookback).",
    );
  });

  it("says which view the executive figures are in and what persons change in the period", () => {
    const p = { changedOrders: { first_click: 3, last_click: 1 }, crossDeviceBuyers: 2, crossDeviceOrders: 3 };
    expect(periodIdentityText("device", p)).toBe(
      "Per device: each client id (a browser on a device) is its own buyer. Per person, 1 order of this period changes channel under last click and 3 under first click (7-day lookback); 2 cross-device buyers (more than one device) placed 3 orders.",
    );
    expect(periodIdentityText("person", { changedOrders: { first_click: 0, last_click: 2 }, crossDeviceBuyers: 1, crossDeviceOrders: 1 })).toBe(
      "Per person: each order is credited over all the buyer's devices; new vs returning and time to purchase follow the person (an earlier session on any of their devices). Per person, 2 orders of this period change channel under last click and 0 under first click (7-day lookback); 1 cross-device buyer (more than one device) placed 1 order.",
    );
    expect(periodIdentityText("device", null)).toBe("Per device: this run was stored before devices were joined into persons; the next run adds the per-person view.");
  });
});
