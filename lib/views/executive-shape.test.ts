import { describe, expect, it } from "vitest";
import { kpiSet } from "@/test/fixtures";
import {
  alignedTicks, caveatCount, caveatDays, channelBars, computeChange, daysIn, deviceGapText, formatRange, formatRunRate, isEmptyRange, kpiTiles, presetRange, previousCoverage, summarySearch,
} from "./executive-shape";

const DATA = { from: "2025-02-23", to: "2025-03-03" };

const kpis = kpiSet;

describe("computeChange", () => {
  it("gives a relative change with its direction", () => {
    expect(computeChange(110, 100)).toEqual({ direction: "up", text: "10.0%" });
    expect(computeChange(75, 100)).toEqual({ direction: "down", text: "25.0%" });
    expect(computeChange(100, 100)).toEqual({ direction: "flat", text: "0.0%" });
  });
  it("is null without a previous value or without a current value", () => {
    expect(computeChange(100, null)).toBeNull();
    expect(computeChange(100, undefined)).toBeNull();
    expect(computeChange(null, 100)).toBeNull();
  });
  it("handles a zero previous value", () => {
    expect(computeChange(5, 0)).toEqual({ direction: "up", text: "from 0" });
    expect(computeChange(0, 0)).toEqual({ direction: "flat", text: "0.0%" });
  });
  it("gives rates in percentage points", () => {
    expect(computeChange(0.0085, 0.007, "points")).toEqual({ direction: "up", text: "0.15 pp" });
    expect(computeChange(0.007, 0.0085, "points")).toEqual({ direction: "down", text: "0.15 pp" });
    expect(computeChange(0.00721, 0.00720, "points")?.direction).toBe("flat");
  });
});

describe("presetRange", () => {
  it("counts back from the data's last day", () => {
    expect(presetRange("last7", DATA)).toEqual({ from: "2025-02-25", to: "2025-03-03", clamped: false });
    expect(daysIn(presetRange("last7", DATA))).toBe(7);
  });
  it("clamps a window longer than the data to the data's first day", () => {
    expect(presetRange("last14", DATA)).toEqual({ from: "2025-02-23", to: "2025-03-03", clamped: true });
  });
  it("covers the whole data", () => {
    expect(presetRange("all", DATA)).toEqual({ ...DATA, clamped: false });
  });
  it("crosses month and year boundaries", () => {
    expect(presetRange("last14", { from: "2024-11-01", to: "2025-01-05" })).toEqual({ from: "2024-12-23", to: "2025-01-05", clamped: false });
  });
});

describe("formatting", () => {
  it("formats the annual run rate compactly", () => {
    expect(formatRunRate(7_979_849)).toBe("$7.98M");
    expect(formatRunRate(196_763.4)).toBe("$196.8k");
    expect(formatRunRate(2_500_000_000)).toBe("$2.50B");
    expect(formatRunRate(950)).toBe("$950");
    expect(formatRunRate(null)).toBe("—");
  });
  it("formats date ranges", () => {
    expect(formatRange(DATA)).toBe("Feb 23 – Mar 3, 2025");
    expect(formatRange({ from: "2024-12-30", to: "2025-01-02" })).toBe("Dec 30, 2024 – Jan 2, 2025");
    expect(formatRange({ from: "2025-03-03", to: "2025-03-03" })).toBe("Mar 3, 2025");
  });
  it("builds the query string", () => {
    expect(summarySearch({ from: "2025-02-25", to: "2025-03-03", model: "first_click" })).toBe("from=2025-02-25&to=2025-03-03&model=first_click");
    // Per device is the default and is not written; per person is.
    expect(summarySearch({ from: "2025-02-25", to: "2025-03-03", model: "first_click", identity: "device" })).toBe("from=2025-02-25&to=2025-03-03&model=first_click");
    expect(summarySearch({ from: "2025-02-25", to: "2025-03-03", model: "last_click", identity: "person" })).toBe("from=2025-02-25&to=2025-03-03&model=last_click&identity=person");
  });
  it("describes the device gap", () => {
    expect(deviceGapText(0.2258)).toBe("Desktop converts 0.23 percentage points better than mobile.");
    expect(deviceGapText(-0.1)).toBe("Mobile converts 0.10 percentage points better than desktop.");
    expect(deviceGapText(null)).toMatch(/Not enough/);
  });
});

describe("kpiTiles", () => {
  const current = kpis(196_763.4, 187, 25_920, 9);

  it("says there is no previous period instead of a change, and withholds a run rate from 9 days", () => {
    const tiles = kpiTiles({ kpis: current, previous: null, previousRange: { from: "2025-02-14", to: "2025-02-22" }, dataRange: DATA });
    expect(tiles.map((t) => t.id)).toEqual(["revenue", "orders", "aov", "sessions", "conversion", "rps", "run-rate"]);
    expect(tiles.every((t) => t.change === null && t.previous === null)).toBe(true);
    expect(tiles.filter((t) => t.note === "no previous period").map((t) => t.id)).toEqual(["revenue", "orders", "aov", "sessions", "conversion", "rps"]);
    // 9 days x 365 would be $7.98M: withheld, saying why.
    const runRate = tiles.find((t) => t.id === "run-rate");
    expect(runRate?.value).toBe("—");
    expect(runRate?.note).toBe("withheld: needs 28 days of data, has 9");
    expect(tiles.find((t) => t.id === "aov")?.value).toBe("$1,052");
    expect(tiles.find((t) => t.id === "conversion")?.value).toBe("0.72%");
  });

  it("shows the run rate from 28 days of data on", () => {
    // 280,000 / 28 x 365 = 3,650,000 -> "$3.65M".
    const tiles = kpiTiles({ kpis: kpis(280_000, 200, 30_000, 28), previous: null, previousRange: { from: "2025-01-03", to: "2025-01-30" }, dataRange: { from: "2025-01-31", to: "2025-02-27" } });
    expect(tiles.find((t) => t.id === "run-rate")).toMatchObject({ value: "$3.65M", note: "no previous period" });
  });

  it("compares run rates only when both periods have 28 days of data", () => {
    const data = { from: "2025-01-02", to: "2025-03-31" };
    // Current: 365,000 / 30 x 365 = 4,440,833 -> "$4.44M"; previous fully covered: 300,000 / 30 x 365
    // = 3,650,000 -> "$3.65M"; change (4,440,833.33 - 3,650,000) / 3,650,000 = +21.67% -> up "21.7%".
    const full = kpiTiles({ kpis: kpis(365_000, 300, 40_000, 30), previous: kpis(300_000, 280, 38_000, 30), previousRange: { from: "2025-01-30", to: "2025-02-28" }, dataRange: data });
    expect(full.find((t) => t.id === "run-rate")).toMatchObject({ value: "$4.44M", previous: "$3.65M", change: { direction: "up", text: "21.7%" }, note: null });
    // A previous period the data covers for 20 of its 30 days (Jan 2 - Jan 21): its run rate is withheld.
    const partial = kpiTiles({ kpis: kpis(365_000, 300, 40_000, 30), previous: kpis(200_000, 180, 25_000, 30), previousRange: { from: "2024-12-23", to: "2025-01-21" }, dataRange: data });
    expect(partial.find((t) => t.id === "run-rate")).toMatchObject({ value: "$4.44M", previous: null, change: null, note: "previous period withheld: needs 28 days of data, has 20" });
  });

  it("compares with a previous period fully inside the data", () => {
    const data = { from: "2025-02-01", to: "2025-03-03" };
    const tiles = kpiTiles({ kpis: current, previous: kpis(150_000, 170, 24_000, 9), previousRange: { from: "2025-02-14", to: "2025-02-22" }, dataRange: data });
    const revenue = tiles.find((t) => t.id === "revenue");
    expect(revenue?.change).toEqual({ direction: "up", text: "31.2%" });
    expect(revenue?.previous).toBe("$150,000");
    expect(tiles.find((t) => t.id === "conversion")?.change?.text).toBe("0.01 pp");
    expect(tiles.filter((t) => t.note !== null).map((t) => [t.id, t.note])).toEqual([["run-rate", "withheld: needs 28 days of data, has 9"]]);
  });

  it("does not compare totals with a partly covered previous period, but compares rates; 7 days make no run rate", () => {
    const previous = kpis(45_865.6, 46, 6_466, 7);
    const s = { kpis: kpis(150_897.8, 141, 19_454, 7), previous, previousRange: { from: "2025-02-18", to: "2025-02-24" }, dataRange: DATA };
    expect(previousCoverage(s)).toEqual({ covered: 2, days: 7 });
    const tiles = kpiTiles(s);
    const revenue = tiles.find((t) => t.id === "revenue");
    expect(revenue?.change).toBeNull();
    expect(revenue?.note).toBe("previous period: 2 of 7 days");
    expect(tiles.find((t) => t.id === "aov")?.change).not.toBeNull();
    // Once $150,897.8 / 7 days x 365 = "$7.87M" against $45,865.6 / 2 days x 365 = "$8.37M": both
    // extrapolations from a week or less, now withheld.
    const runRate = tiles.find((t) => t.id === "run-rate");
    expect(runRate).toMatchObject({ value: "—", previous: null, change: null, note: "withheld: needs 28 days of data, has 7" });
  });
});

describe("sections", () => {
  it("detects an empty range", () => {
    expect(isEmptyRange({ daily: [] })).toBe(true);
    expect(isEmptyRange({ daily: [{ day: "2025-02-23", revenue: 1, orders: 1, sessions: 1 }] })).toBe(false);
  });
  it("sizes channel bars against the largest share", () => {
    const bars = channelBars([
      { channel: "Direct", sessions: 10, orders: 5, revenue: 500, share: 0.5 },
      { channel: "Email", sessions: 10, orders: 2, revenue: 250, share: 0.25 },
    ]);
    expect(bars.map((b) => b.width)).toEqual([1, 0.5]);
    expect(bars[1]?.shareText).toBe("25.0%");
    expect(channelBars([{ channel: "Direct", sessions: 1, orders: 0, revenue: 0, share: 0 }])[0]?.width).toBe(0);
  });
});

describe("caveats", () => {
  it("names what a caveat counts and the days it touches", () => {
    expect(caveatCount("NULL_CLIENT_ID_SPIKE", 1036)).toBe("1,036 events");
    expect(caveatCount("TRANSACTION_ID_COLLISION", 1)).toBe("1 transaction id");
    expect(caveatCount("SOMETHING_NEW", 2)).toBe("2 findings");
    expect(caveatDays(["2025-03-03", "2025-03-02"])).toBe("on Mar 2, Mar 3");
    expect(caveatDays(["2025-02-24", "2025-02-25", "2025-02-27", "2025-02-28", "2025-03-03"])).toBe("on 5 days, Feb 24 – Mar 3, 2025");
    expect(caveatDays([])).toBe("across the run");
  });
});

describe("alignedTicks", () => {
  it("puts integer right ticks on the left axis' grid lines", () => {
    const t = alignedTicks(33_183, 29);
    expect(t.left).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    expect(t.right).toEqual([0, 10, 20, 30, 40]);
    expect(alignedTicks(20_000, 3)).toEqual({ left: [0, 5_000, 10_000, 15_000, 20_000], right: [0, 1, 2, 3, 4] });
    expect(alignedTicks(0, 0)).toEqual({ left: [0, 1], right: [0, 1] });
  });
});
