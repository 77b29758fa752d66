import { describe, expect, it } from "vitest";
import { noiseSentence, rangeText, withinNoise } from "./intervals";

describe("intervals in words", () => {
  it("writes a range and the verdict on two neighbours", () => {
    expect(rangeText(8120.4, 10530)).toBe("$8,120 – $10,530");
    expect(noiseSentence({ a: "Paid Search", b: "Affiliates", low: -1200, high: 3400, withinNoise: true })).toBe(
      "Paid Search and Affiliates are within noise of each other: the 90% interval of the difference runs from -$1,200 to $3,400, so the data cannot tell which earns more.",
    );
    expect(noiseSentence({ a: "Direct", b: "Email", low: 500, high: 2500, withinNoise: false })).toBe("Direct earns more than Email beyond noise: the 90% interval of the difference runs from $500 to $2,500.");
  });

  it("lists only the pairs within noise whose channels both earn something", () => {
    const c = (revenue: number) => ({ revenue, revenueLow: 0, revenueHigh: 0, share: 0, shareLow: 0, shareHigh: 0 });
    const m = {
      channels: { A: c(100), B: c(90), C: c(0), D: c(0) },
      neighbours: [
        { a: "A", b: "B", low: -5, high: 20, withinNoise: true },
        { a: "B", b: "C", low: 10, high: 150, withinNoise: false },
        { a: "C", b: "D", low: 0, high: 0, withinNoise: true },
      ],
    };
    expect(withinNoise(m).map((v) => `${v.a}-${v.b}`)).toEqual(["A-B"]);
    expect(withinNoise(null)).toEqual([]);
  });
});
