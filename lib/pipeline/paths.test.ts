/**
 * Conversion paths (issue: paths): days to conversion per path, GA4's early / middle / late split
 * of touches, and the most common non-converting paths; every figure worked by hand.
 */
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { journeys, positionSplit } from "./aggregates";
import type { TouchRow } from "./attribution";

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.parse("2025-03-10T00:00:00Z");
const touch = (client: string, at: number, channel: string): TouchRow => ({ session_id: `${client}:${at}`, client_id: client, ts: T0 + at, channel });

// Buyers:
//   a: Email (day 0), Email (day 1), Direct (day 2), purchase day 3 ($100) → path Email > Direct, 3 days; 3 touches: early Email, middle Email, late Direct
//   b: Paid Search (day 0), purchase day 0 + 12 h ($50) → path Paid Search, 0.5 days; 1 touch: early, middle and late
//   c: Paid Search, Affiliates, Email, Direct (days 0-3), purchase day 4 ($80) → 4 touches: early Paid Search, middle Affiliates and Email (½ each), late Direct; 4 days
//   d: Affiliates (day 0), Direct (day 1), purchase day 1 + 12 h ($20) → 2 touches: early Affiliates, late Direct, no middle; path Affiliates > Direct, 1.5 days
const byClient = new Map<string, TouchRow[]>([
  ["a", [touch("a", 0, "Email"), touch("a", D, "Email"), touch("a", 2 * D, "Direct")]],
  ["b", [touch("b", 0, "Paid Search")]],
  ["c", [touch("c", 0, "Paid Search"), touch("c", D, "Affiliates"), touch("c", 2 * D, "Email"), touch("c", 3 * D, "Direct")]],
  ["d", [touch("d", 0, "Affiliates"), touch("d", D, "Direct")]],
]);
const orders = aq.from([
  { order_id: "1", client_id: "a", ts: T0 + 3 * D, revenue_cents: 10_000, revenue: 100 },
  { order_id: "2", client_id: "b", ts: T0 + 12 * H, revenue_cents: 5_000, revenue: 50 },
  { order_id: "3", client_id: "c", ts: T0 + 4 * D, revenue_cents: 8_000, revenue: 80 },
  { order_id: "4", client_id: "d", ts: T0 + D + 12 * H, revenue_cents: 2_000, revenue: 20 },
]);
// Visitors without an order (sessions of a client adjacent, oldest first):
//   x: Organic Search (day 0), Organic Search (day 1)  → "Organic Search"
//   y: Direct (day 0)                                   → "Direct"
//   z: Email (day 0), Direct (day 9)                     → 7-day window before its last session: "Direct" only
//   w: Organic Search (day 2)                            → "Organic Search"
const visitorRows = [
  ["a", 0, "Email"], ["x", 0, "Organic Search"], ["x", D, "Organic Search"], ["y", 0, "Direct"], ["z", 0, "Email"], ["z", 9 * D, "Direct"], ["w", 2 * D, "Organic Search"],
] as const;
const visitors = { length: visitorRows.length, client_id: visitorRows.map((r) => r[0]), start_ts: visitorRows.map((r) => T0 + r[1]), channel: visitorRows.map((r) => r[2]) };

describe("conversion paths", () => {
  const j = journeys(orders, byClient, 7, visitors);

  it("splits a journey's touches GA4's way: a quarter early, a quarter late, at least one each", () => {
    expect([1, 2, 3, 4, 6, 8].map((n) => positionSplit(n))).toEqual([
      { early: 1, late: 1 },
      { early: 1, late: 1 },
      { early: 1, late: 1 },
      { early: 1, late: 1 },
      { early: 2, late: 2 },
      { early: 2, late: 2 },
    ]);
  });

  it("gives each path its orders, revenue and mean days to conversion", () => {
    expect(j.paths).toEqual([
      { path: "Email > Direct", touches: 2, orders: 1, revenue: 100, avgDaysToConversion: 3 },
      { path: "Paid Search > Affiliates > Email > Direct", touches: 4, orders: 1, revenue: 80, avgDaysToConversion: 4 },
      { path: "Paid Search", touches: 1, orders: 1, revenue: 50, avgDaysToConversion: 0.5 },
      { path: "Affiliates > Direct", touches: 2, orders: 1, revenue: 20, avgDaysToConversion: 1.5 },
    ]);
  });

  it("credits each channel's touches by their position in the journey", () => {
    // early: a Email, b Paid Search, c Paid Search, d Affiliates → Email 1, Paid Search 2, Affiliates 1
    // middle: a Email, b Paid Search, c Affiliates ½ + Email ½ (d has none) → Email 1.5, Paid Search 1, Affiliates 0.5
    // late: a Direct, b Paid Search, c Direct, d Direct → Direct 3, Paid Search 1
    const by = Object.fromEntries(j.positions.map((p) => [p.channel, [p.early, p.middle, p.late]]));
    expect(by).toEqual({ "Paid Search": [2, 1, 1], Direct: [0, 0, 3], Email: [1, 1.5, 0], Affiliates: [1, 0.5, 0] });
    // Each stage hands out one conversion per order that has it: 4 early, 3 middle, 4 late.
    const sum = (k: "early" | "middle" | "late") => j.positions.reduce((s, p) => s + p[k], 0);
    expect([sum("early"), sum("middle"), sum("late")]).toEqual([4, 3, 4]);
  });

  it("lists the most common paths of visitors who did not buy, in the same window", () => {
    expect(j.nonConvertingJourneys).toBe(4);
    expect(j.nonConvertingPaths).toEqual([
      { path: "Direct", touches: 1, clients: 2 },
      { path: "Organic Search", touches: 1, clients: 2 },
    ]);
  });
});
