import { describe, expect, it } from "vitest";
import { purchaseTiming, purchaseTimingCaption } from "./purchase-timing";

describe("purchaseTiming", () => {
  it("puts every first-session order in the first bar, however long the session, and later ones by time from the first visit", () => {
    const t = purchaseTiming([
      { sessionNumber: 1, hoursFromFirstVisit: 0 },
      { sessionNumber: 1, hoursFromFirstVisit: 0.2 },
      { sessionNumber: 1, hoursFromFirstVisit: 2 }, // a two-hour first session: still the first session
      { sessionNumber: 2, hoursFromFirstVisit: 0.6 },
      { sessionNumber: 2, hoursFromFirstVisit: 30 },
      { sessionNumber: 3, hoursFromFirstVisit: 200 },
      { sessionNumber: 5, hoursFromFirstVisit: 800 },
    ]);
    expect(t.buckets).toEqual([
      { label: "First session", orders: 3 },
      { label: "Later, < 1 day", orders: 1 },
      { label: "Later, 1–7 days", orders: 1 },
      { label: "Later, 7–30 days", orders: 1 },
      { label: "Later, > 30 days", orders: 1 },
    ]);
    // The share is the first bar over all bars: 3 of 7.
    expect(t.orders).toBe(7);
    expect(t.firstSessionOrders).toBe(3);
    expect(t.firstSessionShare).toBeCloseTo(3 / 7, 12);
    expect(purchaseTimingCaption(t)).toBe("42.9% of orders (3 of 7) came in the buyer's first session; later ones by time from the first visit.");
  });

  it("places bucket bounds on the later side: exactly 24 hours is 1–7 days", () => {
    const t = purchaseTiming([{ sessionNumber: 2, hoursFromFirstVisit: 24 }, { sessionNumber: 2, hoursFromFirstVisit: 23.99 }]);
    expect(t.buckets.map((b) => b.orders)).toEqual([0, 1, 1, 0, 0]);
  });

  it("has no share without orders", () => {
    const t = purchaseTiming([]);
    expect(t.firstSessionShare).toBeNull();
    expect(t.buckets.every((b) => b.orders === 0)).toBe(true);
    expect(purchaseTimingCaption(t)).toBe("No orders with a known first visit in this period.");
  });
});
