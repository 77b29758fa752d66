import { describe, expect, it } from "vitest";
import { bootstrapIntervals, quantile, seededRandom, type OrderCredits } from "./bootstrap";

const order = (credits: Record<string, number>): OrderCredits => new Map(Object.entries(credits));

/** Orders alternating over a pattern of credits, `n` of them. */
function orders(n: number, pattern: Record<string, number>[]): OrderCredits[] {
  return Array.from({ length: n }, (_, i) => order(pattern[i % pattern.length]!));
}

describe("bootstrap over orders", () => {
  it("interpolates quantiles between ranks (type 7), worked by hand", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    // h = 3 × 0.05 = 0.15: 1 + 0.15 × (2 − 1).
    expect(quantile([1, 2, 3, 4], 0.05)).toBeCloseTo(1.15, 12);
    expect(quantile([7], 0.95)).toBe(7);
  });

  it("draws the same numbers from the same seed, all in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    // Not stuck: the mean of 1,000 uniform draws is near 0.5.
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / 1000 - 0.5)).toBeLessThan(0.05);
  });

  it("gives a channel that takes every order no uncertainty at all", () => {
    const r = bootstrapIntervals({ last_click: orders(50, [{ Email: 1000 }]) });
    // Every resample is 50 orders of $10: always $500, always 100%.
    expect(r.last_click!.channels.Email).toEqual({ revenue: 500, revenueLow: 500, revenueHigh: 500, share: 1, shareLow: 1, shareHigh: 1 });
  });

  it("holds the point estimate inside every interval, for every model", () => {
    const pattern: Record<string, number>[] = [{ Email: 5000 }, { "Paid Search": 12000 }, { "Paid Search": 3000, Direct: 3000 }, { Direct: 800 }, { Affiliates: 25000 }, { Email: 1500, Affiliates: 1500 }];
    const r = bootstrapIntervals({ linear: orders(300, pattern), first_click: orders(300, pattern.slice().reverse()) });
    for (const model of ["linear", "first_click"]) {
      for (const [name, c] of Object.entries(r[model]!.channels)) {
        expect(c.revenueLow, `${model} ${name}`).toBeLessThanOrEqual(c.revenue);
        expect(c.revenueHigh, `${model} ${name}`).toBeGreaterThanOrEqual(c.revenue);
        expect(c.shareLow).toBeLessThanOrEqual(c.share + 1e-12);
        expect(c.shareHigh).toBeGreaterThanOrEqual(c.share - 1e-12);
        expect(c.revenueLow).toBeLessThan(c.revenueHigh);
      }
    }
  });

  it("narrows as orders grow (about as the square root of their number)", () => {
    const pattern: Record<string, number>[] = [{ Email: 5000 }, { "Paid Search": 12000 }, { Direct: 800 }, { Email: 2000 }];
    const width = (n: number) => {
      const c = bootstrapIntervals({ m: orders(n, pattern) }).m!.channels.Email!;
      return (c.revenueHigh - c.revenueLow) / c.revenue;
    };
    const small = width(100);
    const big = width(10_000);
    // Ten times the square root of 100 times the orders; allow for resampling noise.
    expect(small / big).toBeGreaterThan(6);
    expect(small / big).toBeLessThan(16);
  });

  it("says when two channels cannot be told apart, and when they can", () => {
    // A and B alternate with the same revenue: their difference is noise. C earns ten times more.
    const r = bootstrapIntervals({ m: orders(400, [{ A: 1000 }, { B: 1000 }, { C: 20000 }]) });
    const verdicts = Object.fromEntries(r.m!.neighbours.map((v) => [`${v.a}>${v.b}`, v.withinNoise]));
    expect(verdicts).toEqual({ "C>A": false, "A>B": true });
  });

  it("gives the same intervals on every run", () => {
    const input = { m: orders(120, [{ A: 1000 }, { B: 3000 }, { A: 500, B: 500 }]) };
    expect(bootstrapIntervals(input)).toEqual(bootstrapIntervals(input));
  });

  it("leaves a channel out of the ranking on request (Unattributed), comparing the channels around it", () => {
    const r = bootstrapIntervals({ m: orders(300, [{ A: 3000 }, { Unattributed: 2000 }, { B: 1000 }]) }, { notRanked: new Set(["Unattributed"]) });
    expect(r.m!.neighbours.map((v) => `${v.a}>${v.b}`)).toEqual(["A>B"]);
    // Its interval is still given.
    expect(r.m!.channels.Unattributed!.revenue).toBe(2000);
  });
});
