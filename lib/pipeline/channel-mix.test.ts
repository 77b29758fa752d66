import { describe, expect, it } from "vitest";
import type { DailySegmentRow } from "./aggregates";
import { channelMixCheck } from "./monitoring";

const days = Array.from({ length: 12 }, (_, i) => `2025-01-${String(i + 1).padStart(2, "0")}`);
const seg = (day: string, value: string, sessions: number): DailySegmentRow => ({ day, dimension: "channel", value, sessions, orders: 0, revenue: 0 });

/** 100 sessions a day: Direct 40, Organic Search 30 (+/-1 so the history has spread), Paid Search 30. */
function steady(day: string, i: number): DailySegmentRow[] {
  const wobble = i % 2 === 0 ? 1 : -1;
  return [seg(day, "Direct", 40 - wobble), seg(day, "Organic Search", 30 + wobble), seg(day, "Paid Search", 30)];
}

describe("channelMixCheck", () => {
  const recent = new Set(days.slice(-7));

  it("passes a steady mix", () => {
    const c = channelMixCheck(days, days.flatMap(steady), recent);
    expect(c.status).toBe("PASS");
    expect(c.days).toEqual([]);
    expect(c.value).toBe(0);
  });

  it("flags Organic Search vanishing into a new Unknown channel from day 11, naming channels and days", () => {
    const segments = days.flatMap((d, i) =>
      i < 10 ? steady(d, i) : [seg(d, "Direct", 40), seg(d, "Unknown (referrer not recorded)", 30), seg(d, "Paid Search", 30)],
    );
    const c = channelMixCheck(days, segments, recent);
    expect(c.status).toBe("CRITICAL");
    expect(c.days).toEqual(["2025-01-11", "2025-01-12"]);
    // Organic Search 30% -> 0% on day 11: expected share is the mean of days 1-10 = 30%; 30 points.
    expect(c.value).toBe(30);
    expect(c.explanation).toContain("Organic Search 2025-01-11: 0.0% of sessions vs expected 30.0%");
    expect(c.explanation).toContain("Unknown (referrer not recorded) 2025-01-11: 30.0% of sessions vs expected 0.0%");
  });

  it("ignores a move under 5 share points even when the z-score is large", () => {
    // Paid Search 30 every day (flat history), then 33: z is huge against the floored deviation, but 3 points is not material.
    const segments = days.flatMap((d, i) => (i < 11 ? steady(d, i) : [seg(d, "Direct", 38), seg(d, "Organic Search", 29), seg(d, "Paid Search", 33)]));
    expect(channelMixCheck(days, segments, recent).status).toBe("PASS");
  });

  it("only the recent days set the status, and too little history is not scored", () => {
    const segments = days.flatMap((d, i) => (i === 8 ? [seg(d, "Direct", 100)] : steady(d, i)));
    expect(channelMixCheck(days, segments, new Set(days.slice(-2))).status).toBe("PASS");
    const short = channelMixCheck(days.slice(0, 5), days.slice(0, 5).flatMap(steady), new Set(days.slice(0, 5)));
    expect(short.value).toBeNull();
    expect(short.explanation).toContain("not scored yet");
  });
});

describe("channel mix in a run", () => {
  it("flags the days a generated store loses its referrer column, in the JSON summary too", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { generateDemo } = await import("@/lib/demo/generator");
    const { readDecodedSources } = await import("@/lib/io/read-sources");
    const { runPipeline, buildSummary } = await import("@/lib/pipeline");
    const dir = mkdtempSync(join(tmpdir(), "mix-"));
    try {
      // 14 days; the last three files have no referrer column (indexes 11, 12, 13).
      const demo = await generateDemo({ days: 14, eventsPerDay: 1500, seed: 3, endDate: "2025-03-14", defects: { missingReferrerFileIndexes: [11, 12, 13] } }, dir);
      const r = runPipeline(await readDecodedSources(demo.files), { now: Date.parse("2025-03-15T06:00:00Z") });
      const check = buildSummary(1, r).monitoring.checks.find((c) => c.id === "channel_mix")!;
      expect(check.status).toBe("CRITICAL");
      expect(check.flaggedDays).toEqual(["2025-03-12", "2025-03-13", "2025-03-14"]);
      expect(check.explanation).toContain("Unknown (referrer not recorded) 2025-03-12");
      const same = await generateDemo({ days: 14, eventsPerDay: 1500, seed: 3, endDate: "2025-03-14", defects: { missingReferrerFileIndexes: [] } }, join(dir, "clean"));
      const clean = runPipeline(await readDecodedSources(same.files), { now: Date.parse("2025-03-15T06:00:00Z") });
      expect(clean.monitoring.checks.find((c) => c.id === "channel_mix")!.status).toBe("PASS");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
