import { describe, expect, it } from "vitest";
import { cohorts, firstTouchChannels, weekOf, type CohortOrder } from "./cohorts";

const ms = (iso: string) => Date.parse(iso);
const order = (customerId: string, iso: string, dollars: number): CohortOrder => ({ customerId, tsMs: ms(iso), revenueCents: Math.round(dollars * 100) });

// Worked by hand, data up to (not including) 2025-03-31 00:00 UTC:
//   A (Email)       03-01 10:00 $100, 03-05 $50, 03-20 $30 → 7 d and 14 d: repeat, $150; 30 d ends 03-31 10:00: not observable
//   B (Email)       03-10 00:00 $80                        → 7 d, 14 d: no repeat, $80; 30 d not observable
//   C (Paid Search) 02-20 12:00 $200, 03-22 12:00 $40      → 7 d, 14 d: no repeat, $200; 30 d ends exactly at the 2nd order: repeat, $240
//   D (unknown)     03-28 $10                              → nothing observable yet
const ORDERS = [
  order("A", "2025-03-05T10:00:00Z", 50),
  order("A", "2025-03-01T10:00:00Z", 100),
  order("A", "2025-03-20T10:00:00Z", 30),
  order("B", "2025-03-10T00:00:00Z", 80),
  order("C", "2025-02-20T12:00:00Z", 200),
  order("C", "2025-03-22T12:00:00Z", 40),
  order("D", "2025-03-28T00:00:00Z", 10),
];
const CHANNEL: Record<string, string | null> = { A: "Email", B: "Email", C: "Paid Search", D: null };
const result = cohorts(ORDERS, (c) => CHANNEL[c] ?? null, ms("2025-03-31T00:00:00Z"));
const flat = (row: (typeof result.byChannel)[number]) => row.windows.map((w) => [w.days, w.observable, w.repeat, w.repeatRate, w.revenuePerCustomer]);

describe("customer cohorts", () => {
  it("groups customers by first-touch channel, judging only windows that have ended", () => {
    expect(result.customers).toBe(4);
    expect(result.byChannel.map((r) => [r.key, r.customers])).toEqual([
      ["Email", 2],
      ["Paid Search", 1],
      ["Unknown", 1],
    ]);
    expect(flat(result.byChannel[0]!)).toEqual([
      [7, 2, 1, 0.5, 115],
      [14, 2, 1, 0.5, 115],
      [30, 0, 0, null, null],
    ]);
    expect(flat(result.byChannel[1]!)).toEqual([
      [7, 1, 0, 0, 200],
      [14, 1, 0, 0, 200],
      [30, 1, 1, 1, 240],
    ]);
    // Too recent for any window: not observable, never "did not come back".
    expect(flat(result.byChannel[2]!)).toEqual([
      [7, 0, 0, null, null],
      [14, 0, 0, null, null],
      [30, 0, 0, null, null],
    ]);
  });

  it("groups customers by the week (Monday, UTC) of their first purchase", () => {
    expect(result.byWeek.map((r) => [r.key, r.customers])).toEqual([
      ["2025-02-17", 1],
      ["2025-02-24", 1],
      ["2025-03-10", 1],
      ["2025-03-24", 1],
    ]);
    expect(weekOf(ms("2025-03-02T23:59:59Z"))).toBe("2025-02-24");
    expect(weekOf(ms("2025-03-03T00:00:00Z"))).toBe("2025-03-03");
  });
});

describe("first-touch channel of a customer with several devices", () => {
  // P: phone's first session 03-01 09:00 (Email), laptop's 03-02 (Direct) → Email, whatever the row order.
  // Q: two devices starting at the same millisecond: session ids "q-laptop-1" < "q-phone-1" → the laptop's (Paid Search).
  const sessions = [
    { customerId: "P", startMs: ms("2025-03-02T08:00:00Z"), sessionId: "p-laptop-1", channel: "Direct" },
    { customerId: "P", startMs: ms("2025-03-01T09:00:00Z"), sessionId: "p-phone-1", channel: "Email" },
    { customerId: "Q", startMs: ms("2025-03-03T10:00:00Z"), sessionId: "q-phone-1", channel: "Organic Social" },
    { customerId: "Q", startMs: ms("2025-03-03T10:00:00Z"), sessionId: "q-laptop-1", channel: "Paid Search" },
  ];
  it("takes the earliest session, then the smallest session id", () => {
    expect(Object.fromEntries(firstTouchChannels(sessions))).toEqual({ P: "Email", Q: "Paid Search" });
    expect(Object.fromEntries(firstTouchChannels([...sessions].reverse()))).toEqual({ P: "Email", Q: "Paid Search" });
  });
});
