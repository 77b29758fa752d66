import { describe, expect, it } from "vitest";
import { scoreSeries } from "./anomaly";

/** Deterministic noise (LCG) so the tests are repeatable. */
function noise(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 2 ** 32;
    return s / 2 ** 32 - 0.5;
  };
}
const days = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
const series = (values: number[]) => days(values.length).map((day, i) => ({ day, value: values[i]! }));

describe("z-score detector", () => {
  const rnd = noise(42);
  const base = Array.from({ length: 20 }, () => 1000 + rnd() * 60); // ~N(1000, 17)

  it("finds a planted spike and a planted drop", () => {
    const values = [...base];
    values[12] = 1400;
    values[17] = 600;
    const scored = scoreSeries(series(values));
    expect(scored[12]!.status).toBe("CRITICAL");
    expect(scored[12]!.z!).toBeGreaterThan(4);
    expect(scored[17]!.status).toBe("CRITICAL");
    expect(scored[17]!.z!).toBeLessThan(-4);
    expect(scored.filter((p) => p.status === "WARNING" || p.status === "CRITICAL").map((p) => p.day)).toEqual([scored[12]!.day, scored[17]!.day]);
  });

  it("does not alarm on a flat series with noise", () => {
    const scored = scoreSeries(series(base));
    expect(scored.filter((p) => p.status !== "PASS" && p.status !== "NOT_SCORED")).toEqual([]);
    expect(scored.filter((p) => p.status === "NOT_SCORED")).toHaveLength(7);
  });

  it("scores only against earlier days, with at least 7 of them", () => {
    const scored = scoreSeries(series(base.slice(0, 8)));
    expect(scored.slice(0, 7).every((p) => p.basis === "insufficient history")).toBe(true);
    expect(scored[7]!.basis).toBe("trailing");
  });

  it("respects direction: a spike-only metric ignores drops", () => {
    const values = [...base];
    values[15] = 500;
    expect(scoreSeries(series(values), { direction: "spike" })[15]!.status).toBe("PASS");
    expect(scoreSeries(series(values), { direction: "drop" })[15]!.status).toBe("CRITICAL");
  });

  it("needs a material change: tiny values on a flat history do not alarm", () => {
    const flat = Array.from({ length: 12 }, () => 2);
    flat[10] = 3; // +1 on a count of 2 is a 50% change but only 1 unit
    expect(scoreSeries(series(flat), { minAbsoluteChange: 3 })[10]!.status).toBe("PASS");
    expect(scoreSeries(series(flat), { minAbsoluteChange: 0, minRelativeChange: 0.1 })[10]!.status).toBe("CRITICAL");
  });

  it("compares with the same weekday once there are three weeks of data", () => {
    // Weekends are double: a trailing window would call every Saturday a spike, the weekday basis does not.
    const values = days(35).map((d) => ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) ? 2000 : 1000) + rnd() * 40);
    const scored = scoreSeries(series(values));
    const late = scored.slice(21);
    expect(late.every((p) => p.basis === "weekday")).toBe(true);
    expect(late.filter((p) => p.status === "WARNING" || p.status === "CRITICAL")).toEqual([]);
  });
});
