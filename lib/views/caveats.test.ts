import { describe, expect, it } from "vitest";
import { caveatList, dayList, numberCaveats, type RangeFacts } from "./caveats";

const none: RangeFacts = { days: 7, referrerMissingDays: [], nullClientSpikeDays: [], collisionOrders: 0, collisionDays: [], unpricedDays: [], estimatedCents: 0, productCents: 500_000 };

describe("numberCaveats", () => {
  it("says nothing for a clean range", () => {
    expect(numberCaveats(none)).toEqual({ channels: null, conversion: null, orders: null, products: null });
    expect(caveatList(numberCaveats(none))).toEqual([]);
  });

  it("names the days and the share behind each caveat", () => {
    const c = numberCaveats({
      days: 7,
      referrerMissingDays: ["2025-03-06", "2025-03-05"],
      nullClientSpikeDays: ["2025-03-04"],
      collisionOrders: 3,
      collisionDays: ["2025-03-01", "2025-03-02"],
      unpricedDays: ["2025-03-05", "2025-03-06", "2025-03-07"],
      estimatedCents: 12_345_00, // $12,345 of $49,380: 25.0%
      productCents: 49_380_00,
    });
    expect(c.channels).toBe(
      'Channel shares: 2 of 7 days (2025-03-05, 2025-03-06) have no referrer column; untagged visits there are "Unknown (referrer not recorded)", not Direct, so Direct, Organic and Referral read low.',
    );
    expect(c.conversion).toBe("Conversion: on 1 of 7 days (2025-03-04) unusually many events carry no client id; they form no sessions, so sessions read low and conversion high there.");
    expect(c.orders).toBe("Orders: 3 orders share a transaction id with a different purchase (2025-03-01, 2025-03-02); each is counted as its own order and flagged for reconciliation.");
    expect(c.products).toBe("Product revenue: items without a price on 3 of 7 days (2025-03-05, 2025-03-06, 2025-03-07); $12,345 of $49,380 (25.0%) is allocated to them by quantity and marked estimated.");
    expect(caveatList(c)).toHaveLength(4);
  });

  it("lists up to four days, else the span", () => {
    expect(dayList(["2025-03-03", "2025-03-01"])).toBe("2025-03-01, 2025-03-03");
    expect(dayList(["2025-03-05", "2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04"])).toBe("2025-03-01 to 2025-03-05");
  });
});
