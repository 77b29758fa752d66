import { describe, expect, it } from "vitest";
import { analyzeGaps } from "./gaps";

const minutes = (...m: number[]) => m.map((x) => x * 60_000);

describe("analyzeGaps", () => {
  it("buckets gaps by upper bound (a gap on a bound goes to the next bucket) and reports shares at or under each threshold", () => {
    const g = analyzeGaps(minutes(30, 0.5, 2000, 4.99, 1, 30.01), 30);
    expect(g.gaps).toBe(6);
    expect(Object.fromEntries(g.buckets.map((b) => [b.label, b.count]))).toEqual({
      "< 1 min": 1, "1–5 min": 2, "5–10 min": 0, "10–15 min": 0, "15–30 min": 0, "30–60 min": 2, "1–2 h": 0, "2–6 h": 0, "6–24 h": 0, "> 24 h": 1,
    });
    expect(g.shareUnder.find((s) => s.minutes === 30)!.share).toBeCloseTo(4 / 6);
    expect(g.shareUnder.find((s) => s.minutes === 5)!.share).toBeCloseTo(3 / 6);
    expect(g.medianMinutes).toBe(30);
    expect(g.timeoutMinutes).toBe(30);
  });

  it("no gaps: empty buckets and no median", () => {
    const g = analyzeGaps([], 30);
    expect(g.gaps).toBe(0);
    expect(g.buckets.every((b) => b.count === 0)).toBe(true);
    expect(g.medianMinutes).toBeNull();
  });
});
