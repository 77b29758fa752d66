import { describe, expect, it } from "vitest";
import { fittedChange, generateInsights, type InsightInput } from "./rules";

/** A neutral period where no rule fires; each test changes one thing. */
function base(): InsightInput {
  return {
    modelLabel: "Last click",
    current: { revenue: 10_000, orders: 10, sessions: 1_000 },
    previous: { revenue: 10_000, orders: 10, sessions: 1_000 },
    channels: [
      { channel: "Paid Search", sessions: 300, orders: 3, revenue: 1_900 },
      { channel: "Direct", sessions: 300, orders: 3, revenue: 1_800 },
      { channel: "Email", sessions: 200, orders: 2, revenue: 1_700 },
      { channel: "Affiliates", sessions: 100, orders: 1, revenue: 1_600 },
      { channel: "Referral", sessions: 50, orders: 0.5, revenue: 1_500 },
      { channel: "Organic Search", sessions: 50, orders: 0.5, revenue: 1_500 },
    ],
    devices: [
      { segment: "mobile", sessions: 600, orders: 6, revenue: 6_000 },
      { segment: "desktop", sessions: 400, orders: 4, revenue: 4_000 },
    ],
    newVsReturning: [
      { segment: "New", sessions: 800, orders: 8, revenue: 8_000 },
      { segment: "Returning", sessions: 200, orders: 2, revenue: 2_000 },
    ],
    daily: Array.from({ length: 7 }, (_, i) => ({ day: `2025-03-0${i + 1}`, revenue: 1_000 + (i % 2) * 50, sessions: 140, orders: 1 })),
    qualityIssues: [],
  };
}
const ids = (i: InsightInput) => {
  const g = generateInsights(i);
  return [...g.working, ...g.concerning, ...g.recommendations].map((x) => x.id);
};

describe("insight rules", () => {
  it("fire nothing on a neutral period", () => {
    expect(ids(base())).toEqual([]);
  });

  it("top channel: fires at >= 20% of revenue, names the channel and model", () => {
    const i = base();
    i.channels[0]!.revenue = 5_000;
    const g = generateInsights(i);
    expect(g.working.map((x) => x.id)).toContain("top-channel");
    expect(g.working.find((x) => x.id === "top-channel")!.text).toBe("Paid Search drove 38% of revenue ($5,000) under Last click.");
    expect(g.working.find((x) => x.id === "top-channel")!.evidence.href).toBe("/attribution");
  });

  it("revenue concentration above 50% is a concern with a diversify recommendation", () => {
    const i = base();
    i.channels[0]!.revenue = 20_000;
    expect(ids(i)).toEqual(expect.arrayContaining(["revenue-concentration", "diversify"]));
    const j = base();
    j.channels[0]!.revenue = 8_000; // 8000 / 16100 = 49.7%: not concentrated
    expect(ids(j)).not.toContain("revenue-concentration");
  });

  it("device gap fires when desktop converts 1.5x mobile, with the size of the prize", () => {
    const i = base();
    i.devices = [
      { segment: "mobile", sessions: 600, orders: 3, revenue: 3_000 },
      { segment: "desktop", sessions: 400, orders: 4, revenue: 4_000 },
    ];
    const g = generateInsights(i);
    expect(g.concerning.map((x) => x.id)).toContain("device-gap");
    // mobile 0.5% vs desktop 1%: half the gap on 600 sessions = 1.5 orders at $1,000 AOV
    expect(g.recommendations.find((x) => x.id === "fix-mobile")!.text).toContain("about 2 orders ($1,500");
    const j = base(); // equal conversion: silent
    expect(ids(j)).not.toContain("device-gap");
  });

  it("growth and decline against the previous period", () => {
    const up = base();
    up.current.revenue = 11_500;
    expect(ids(up)).toContain("revenue-growth");
    const down = base();
    down.current.orders = 8;
    expect(ids(down)).toEqual(expect.arrayContaining(["conversion-down", "investigate-decline"]));
    const none = base();
    none.previous = null;
    expect(ids(none)).toEqual([]);
  });

  it("downward trend needs a fitted decline of 15% over at least 5 days", () => {
    const i = base();
    i.daily = i.daily.map((d, k) => ({ ...d, revenue: 1_000 - k * 60 }));
    expect(ids(i)).toContain("revenue-trend-down");
    const short = base();
    short.daily = short.daily.slice(0, 4).map((d, k) => ({ ...d, revenue: 1_000 - k * 200 }));
    expect(ids(short)).not.toContain("revenue-trend-down");
    expect(fittedChange([100, 90, 80, 70, 60])).toBeCloseTo(-0.4, 10);
  });

  it("best converting channel and returning visitors", () => {
    const i = base();
    i.channels[2] = { channel: "Email", sessions: 200, orders: 6, revenue: 1_700 };
    i.newVsReturning = [
      { segment: "New", sessions: 800, orders: 4, revenue: 4_000 },
      { segment: "Returning", sessions: 200, orders: 6, revenue: 6_000 },
    ];
    expect(ids(i)).toEqual(expect.arrayContaining(["best-converting-channel", "scale-best", "returning-visitors"]));
  });

  it("data quality debt: client id spikes and transaction collisions", () => {
    const i = base();
    i.qualityIssues = [
      { code: "NULL_CLIENT_ID_SPIKE", count: 685, days: ["2025-03-02"], message: "" },
      { code: "TRANSACTION_ID_COLLISION", count: 3, days: [], message: "" },
    ];
    const g = generateInsights(i);
    expect(g.concerning.find((x) => x.id === "tracking-gap")!.text).toContain("2025-03-02 (685 events)");
    expect(g.recommendations.map((x) => x.id)).toEqual(["fix-tracking", "reconcile-transactions"]);
  });

  it("unattributed revenue above 20%", () => {
    const i = base();
    i.channels.push({ channel: "Unattributed", sessions: 0, orders: 3, revenue: 5_000 });
    expect(ids(i)).toContain("unattributed");
  });
});
