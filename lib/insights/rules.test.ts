/**
 * Every rule fires on an input built by hand and stays silent on one just past its threshold; the
 * expected sentences, evidence and caveats are worked out by hand in the comments, never taken
 * from the rules.
 */
import { describe, expect, it } from "vitest";
import { annualRunRate, fittedChange, generateInsights, type Insight, type InsightInput } from "./rules";

const MODEL_CAVEAT = "Channel revenue and orders are credited under Last click; another model credits channels differently (compare on the Attribution page).";
const small = (n: number, what: string) => `Only ${n} orders behind ${what}: a few orders more or less move it a lot.`;

/** A neutral period where no rule fires (every rate 1.00%, no channel above 19%); each test changes one thing. */
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
const all = (i: InputOrInsights) => {
  const g = "working" in i ? i : generateInsights(i);
  return [...g.working, ...g.concerning, ...g.recommendations];
};
type InputOrInsights = InsightInput | ReturnType<typeof generateInsights>;
const ids = (i: InsightInput) => all(i).map((x) => x.id);
const find = (i: InsightInput, id: string): Insight => {
  const hit = all(i).find((x) => x.id === id);
  if (!hit) throw new Error(`${id} did not fire; fired: ${ids(i).join(", ")}`);
  return hit;
};

describe("insight rules", () => {
  it("fire nothing on a neutral period", () => {
    expect(ids(base())).toEqual([]);
  });

  describe("top channel (working)", () => {
    it("fires at >= 20% of revenue, with the revenue, total and share as evidence and the model as a caveat", () => {
      const i = base();
      i.channels[0]!.revenue = 5_000; // total 13,100; 5,000 / 13,100 = 38.17%
      const x = find(i, "top-channel");
      expect(x.kind).toBe("working");
      expect(x.text).toBe("Paid Search drove 38% of revenue ($5,000) under Last click.");
      expect(x.evidence).toEqual([
        { label: "Paid Search revenue", value: "$5,000" },
        { label: "Credited revenue, all channels", value: "$13,100" },
        { label: "Paid Search share", value: "38.2%" },
      ]);
      expect(x.caveats).toEqual([MODEL_CAVEAT]);
      expect(x.link.href).toBe("/attribution");
    });
    it("says when its lead over the next channel is within noise, and when it is not (the period's bootstrap)", () => {
      const i = base();
      i.channels[0]!.revenue = 5_000;
      const c = (revenue: number) => ({ revenue, revenueLow: 0, revenueHigh: 0, share: 0, shareLow: 0, shareHigh: 0 });
      i.channelIntervals = { channels: { "Paid Search": c(5000), Direct: c(1800) }, neighbours: [{ a: "Paid Search", b: "Direct", low: -200, high: 6100, withinNoise: true }] };
      expect(find(i, "top-channel").caveats).toEqual([
        MODEL_CAVEAT,
        "Paid Search and Direct are within noise of each other: the 90% interval of the difference runs from -$200 to $6,100, so the data cannot tell which earns more. The ranking of these two is not a finding.",
      ]);
      i.channelIntervals.neighbours[0] = { a: "Paid Search", b: "Direct", low: 1500, high: 4900, withinNoise: false };
      expect(find(i, "top-channel").caveats).toEqual([MODEL_CAVEAT, "Paid Search earns more than Direct beyond noise: the 90% interval of the difference runs from $1,500 to $4,900."]);
    });
    it("stays silent below 20%, and never names revenue without a touch as a channel", () => {
      expect(ids(base())).not.toContain("top-channel"); // 1,900 / 10,000 = 19%
      const i = base();
      i.channels.push({ channel: "Unattributed", sessions: 0, orders: 5, revenue: 3_000 }); // 23% of 13,000, but not a channel
      expect(ids(i)).not.toContain("top-channel");
    });
  });

  describe("revenue growth (working)", () => {
    it("fires at +10% or more, with a small-sample caveat under 30 orders", () => {
      const i = base();
      i.current.revenue = 11_500; // (11,500 - 10,000) / 10,000 = 15.0%
      const x = find(i, "revenue-growth");
      expect(x.text).toBe("Revenue grew 15.0% against the previous period of equal length ($11,500 vs $10,000).");
      expect(x.evidence).toEqual([
        { label: "Revenue", value: "$11,500" },
        { label: "Previous period", value: "$10,000" },
        { label: "Orders", value: "10 vs 10" },
      ]);
      expect(x.caveats).toEqual([small(10, "each period's revenue")]);
      // 40 orders in each period: no small-sample caveat.
      const big = base();
      big.current = { revenue: 11_500, orders: 40, sessions: 4_000 };
      big.previous = { revenue: 10_000, orders: 40, sessions: 4_000 };
      expect(find(big, "revenue-growth").caveats).toEqual([]);
    });
    it("stays silent under +10% and without a previous period", () => {
      const i = base();
      i.current.revenue = 10_999; // 9.99%
      expect(ids(i)).not.toContain("revenue-growth");
      const none = base();
      none.current.revenue = 20_000;
      none.previous = null;
      expect(ids(none)).not.toContain("revenue-growth");
    });
  });

  describe("best converting channel (working) and scaling it (recommendation)", () => {
    it("fires at 1.5x the average with >= 100 sessions", () => {
      const i = base();
      i.channels[2] = { channel: "Email", sessions: 200, orders: 6, revenue: 1_700 }; // 3.00% vs 10 / 1,000 = 1.00%
      const x = find(i, "best-converting-channel");
      expect(x.text).toBe("Email converts at 3.00%, 3.0x the 1.00% average (200 sessions).");
      expect(x.evidence).toEqual([
        { label: "Email conversion", value: "3.00%" },
        { label: "Email sessions", value: "200" },
        { label: "Email orders", value: "6" },
        { label: "Average conversion", value: "1.00%" },
      ]);
      expect(x.caveats).toEqual([small(6, "Email's rate"), MODEL_CAVEAT]);
      const scale = find(i, "scale-best");
      expect(scale.text).toBe("Scale what converts: Email turns sessions into orders best; check whether it can take more traffic at the same rate.");
      expect(scale.evidence).toEqual(x.evidence);
      expect(scale.caveats).toEqual([small(6, "Email's rate"), MODEL_CAVEAT, "More traffic usually converts below the current rate."]);
    });
    it("stays silent under 1.5x, and for a channel under 100 sessions however well it converts", () => {
      const i = base();
      i.channels[2] = { channel: "Email", sessions: 200, orders: 2.9, revenue: 1_700 }; // 1.45% = 1.45x
      expect(ids(i)).not.toContain("best-converting-channel");
      const few = base();
      few.channels[4] = { channel: "Referral", sessions: 50, orders: 5, revenue: 1_500 }; // 10%, but 50 sessions
      expect(ids(few)).not.toContain("best-converting-channel");
      expect(ids(few)).not.toContain("scale-best");
    });
  });

  describe("returning visitors (working)", () => {
    it("fires when returning visitors convert 1.5x new ones, saying what 'returning' can miss", () => {
      const i = base();
      i.newVsReturning = [
        { segment: "New", sessions: 800, orders: 4, revenue: 4_000 }, // 0.50%
        { segment: "Returning", sessions: 200, orders: 6, revenue: 6_000 }, // 3.00% = 6.0x
      ];
      const x = find(i, "returning-visitors");
      expect(x.text).toBe("Returning visitors convert at 3.00%, 6.0x new visitors (0.50%).");
      expect(x.evidence).toEqual([
        { label: "Returning conversion", value: "3.00% (6 of 200 sessions)" },
        { label: "New conversion", value: "0.50% (4 of 800 sessions)" },
      ]);
      expect(x.caveats).toEqual([
        "Returning means an earlier session in this data set: visitors first seen before its first day count as new.",
        small(6, "the returning rate"),
      ]);
    });
    it("says per person that returning counts an earlier session on any of the person's devices", () => {
      const i = base();
      i.newVsReturning = [
        { segment: "New", sessions: 800, orders: 4, revenue: 4_000 },
        { segment: "Returning", sessions: 200, orders: 6, revenue: 6_000 },
      ];
      i.perPerson = true;
      expect(find(i, "returning-visitors").caveats[0]).toBe("Returning means an earlier session of the person, on any of their devices, in this data set: people first seen before its first day count as new.");
    });
      it("stays silent under 1.5x or under 100 returning sessions", () => {
      const i = base();
      i.newVsReturning = [
        { segment: "New", sessions: 800, orders: 8, revenue: 8_000 }, // 1.00%
        { segment: "Returning", sessions: 200, orders: 2.9, revenue: 2_000 }, // 1.45%
      ];
      expect(ids(i)).not.toContain("returning-visitors");
      const few = base();
      few.newVsReturning = [
        { segment: "New", sessions: 901, orders: 8, revenue: 8_000 },
        { segment: "Returning", sessions: 99, orders: 9, revenue: 2_000 }, // 9.1%, but 99 sessions
      ];
      expect(ids(few)).not.toContain("returning-visitors");
    });
  });

  describe("revenue concentration (concerning)", () => {
    it("fires above 50% of revenue in one channel", () => {
      const i = base();
      i.channels[0]!.revenue = 20_000; // 20,000 / 28,100 = 71.17%
      const x = find(i, "revenue-concentration");
      expect(x.kind).toBe("concerning");
      expect(x.text).toBe("71% of revenue depends on one channel (Paid Search) under Last click: a change there moves the whole business.");
      expect(x.evidence).toEqual([
        { label: "Paid Search revenue", value: "$20,000" },
        { label: "Credited revenue, all channels", value: "$28,100" },
        { label: "Paid Search share", value: "71.2%" },
      ]);
      expect(x.caveats).toEqual([MODEL_CAVEAT]);
    });
    it("stays silent at 50% or less", () => {
      const i = base();
      i.channels[0]!.revenue = 8_000; // 8,000 / 16,100 = 49.7%
      expect(ids(i)).not.toContain("revenue-concentration");
      expect(ids(i)).not.toContain("diversify");
    });
  });

  describe("diversify (recommendation): budget only for a channel converting at or above the average", () => {
    /** 20 orders from 2,000 sessions: a 1.00% average; Direct holds 12,000 / 20,000 = 60% of revenue. */
    function concentrated(): InsightInput {
      return {
        ...base(),
        current: { revenue: 20_000, orders: 20, sessions: 2_000 },
        previous: null,
        channels: [
          { channel: "Direct", sessions: 1_000, orders: 12, revenue: 12_000 }, // 1.20%
          { channel: "Affiliates", sessions: 500, orders: 3, revenue: 4_000 }, // 0.60%: below the average
          { channel: "Paid Search", sessions: 300, orders: 4, revenue: 3_000 }, // 1.33%
          { channel: "Email", sessions: 200, orders: 1, revenue: 1_000 }, // 0.50%
        ],
      };
    }

    it("skips the second revenue source when it converts below the average (the Affiliates case) and names the next one that does not", () => {
      const i = concentrated();
      const x = find(i, "diversify");
      expect(x.text).toBe(
        "Reduce dependence on Direct: test more budget in Paid Search, the largest other source converting at or above the average (1.33% vs 1.00%; $3,000 from 300 sessions).",
      );
      expect(x.text).not.toContain("Affiliates");
      expect(x.evidence).toEqual([
        { label: "Paid Search conversion", value: "1.33%" },
        { label: "Paid Search sessions", value: "300" },
        { label: "Paid Search orders", value: "4" },
        { label: "Paid Search revenue", value: "$3,000" },
        { label: "Average conversion", value: "1.00%" },
      ]);
      expect(x.caveats).toEqual([small(4, "Paid Search's rate"), "More traffic usually converts below the current rate: watch the rate as spend grows.", MODEL_CAVEAT]);
    });

    it("recommends no budget at all when no other channel converts at the average", () => {
      const i = concentrated();
      i.channels[2] = { channel: "Paid Search", sessions: 300, orders: 2, revenue: 3_000 }; // 0.67%
      const x = find(i, "diversify");
      expect(x.text).toBe(
        "Reduce dependence on Direct, but no other channel with at least 100 sessions converts at the 1.00% average or better, so none has earned more budget yet: improve conversion in Affiliates, the next revenue source (0.60%), first.",
      );
      expect(x.text).not.toMatch(/budget in/);
      expect(x.evidence.at(-1)).toEqual({ label: "Average conversion", value: "1.00%" });
      expect(x.evidence[0]).toEqual({ label: "Affiliates conversion", value: "0.60%" });
    });

    it("says 'grow', not 'budget', for a channel that is not bought", () => {
      const i = concentrated();
      i.channels[2] = { channel: "Paid Search", sessions: 300, orders: 2, revenue: 3_000 }; // 0.67%
      i.channels[3] = { channel: "Email", sessions: 200, orders: 3, revenue: 1_000 }; // 1.50%
      expect(find(i, "diversify").text).toBe(
        "Reduce dependence on Direct: grow Email, the largest other source converting at or above the average (1.50% vs 1.00%; $1,000 from 200 sessions).",
      );
    });

    it("never recommends budget for a channel converting below the average, on any of 500 random periods", () => {
      // A second, plain check: parse the channel out of "budget in X" and compare its rate by hand.
      let seed = 12345;
      const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
      const names = ["Paid Search", "Paid Social", "Affiliates", "Email", "Direct", "Organic Search", "Referral"];
      let budgetAdvice = 0;
      for (let n = 0; n < 500; n++) {
        const channels = names.map((channel) => {
          const sessions = Math.floor(rand() * 3_000);
          return { channel, sessions, orders: Math.floor(sessions * rand() * 0.02), revenue: Math.floor(rand() * (channel === "Direct" ? 200_000 : 20_000)) };
        });
        const orders = channels.reduce((s, c) => s + c.orders, 0);
        const sessions = channels.reduce((s, c) => s + c.sessions, 0);
        const i: InsightInput = { ...base(), current: { revenue: channels.reduce((s, c) => s + c.revenue, 0), orders, sessions }, previous: null, channels };
        for (const x of all(i)) {
          const m = /budget in ([A-Za-z ]+?),/.exec(x.text);
          if (!m) continue;
          budgetAdvice++;
          const c = channels.find((ch) => ch.channel === m[1])!;
          expect(c.orders / c.sessions, `${x.text} (average ${orders / sessions})`).toBeGreaterThanOrEqual(orders / sessions);
          expect(["Paid Search", "Paid Social", "Affiliates"]).toContain(c.channel);
        }
      }
      expect(budgetAdvice).toBeGreaterThan(10); // the check above did run
    });
  });

  describe("device gap (concerning) and fixing mobile (recommendation)", () => {
    it("fires when desktop converts 1.5x mobile, with the size of the prize", () => {
      const i = base();
      i.devices = [
        { segment: "mobile", sessions: 600, orders: 3, revenue: 3_000 }, // 0.50%
        { segment: "desktop", sessions: 400, orders: 4, revenue: 4_000 }, // 1.00% = 2.0x
      ];
      const x = find(i, "device-gap");
      expect(x.text).toBe("Mobile converts at 0.50% against 1.00% on desktop (2.0x) while it carries 60% of sessions.");
      expect(x.evidence).toEqual([
        { label: "Mobile conversion", value: "0.50% (3 of 600 sessions)" },
        { label: "Desktop conversion", value: "1.00% (4 of 400 sessions)" },
        { label: "Mobile share of sessions", value: "60.0%" },
      ]);
      expect(x.caveats).toEqual([small(3, "one of the two rates")]);
      // Half the gap on 600 sessions: 600 x (1.00% - 0.50%) / 2 = 1.5 orders (about 2) at $10,000 / 10 = $1,000 AOV: $1,500.
      const fix = find(i, "fix-mobile");
      expect(fix.text).toBe("Review the mobile journey and checkout: closing half the conversion gap would add about 2 orders ($1,500 at the current $1,000 AOV) in a period like this one.");
      expect(fix.evidence).toEqual([
        { label: "Mobile sessions", value: "600" },
        { label: "Conversion gap", value: "1.00% desktop vs 0.50% mobile" },
        { label: "Average order value", value: "$1,000" },
      ]);
      expect(fix.caveats).toHaveLength(1);
    });
    it("stays silent under 1.5x, or with fewer than 200 sessions on either device", () => {
      const i = base();
      i.devices = [
        { segment: "mobile", sessions: 600, orders: 4, revenue: 3_000 }, // 0.667%
        { segment: "desktop", sessions: 400, orders: 3.9, revenue: 4_000 }, // 0.975% = 1.46x
      ];
      expect(ids(i)).not.toContain("device-gap");
      const few = base();
      few.devices = [
        { segment: "mobile", sessions: 801, orders: 4, revenue: 3_000 },
        { segment: "desktop", sessions: 199, orders: 6, revenue: 4_000 }, // 3.0%, but 199 sessions
      ];
      expect(ids(few)).not.toContain("device-gap");
      expect(ids(few)).not.toContain("fix-mobile");
    });
  });

  describe("downward revenue trend (concerning)", () => {
    it("fires on a fitted decline of 15% or more, with a weekly-pattern caveat under 14 days", () => {
      const i = base();
      // 1,000, 940, ..., 640: a straight line from 1,000 to 640, -36%.
      i.daily = i.daily.map((d, k) => ({ ...d, revenue: 1_000 - k * 60 }));
      const x = find(i, "revenue-trend-down");
      expect(x.text).toBe("Daily revenue trends down: the fitted line falls 36% from the first to the last day of the period.");
      expect(x.evidence).toEqual([
        { label: "Days fitted", value: "7" },
        { label: "Fitted change", value: "-36.0%" },
        { label: "Revenue 2025-03-01", value: "$1,000" },
        { label: "Revenue 2025-03-07", value: "$640" },
      ]);
      expect(x.caveats).toEqual(["A line fitted over 7 days: a weekly pattern can pass for a trend."]);
      const decline = find(i, "investigate-decline");
      expect(decline.evidence).toEqual(x.evidence);
      expect(decline.caveats).toEqual(x.caveats);
      // 14 days, 1,000 down to 610 (-39%): no caveat.
      const long = base();
      long.daily = Array.from({ length: 14 }, (_, k) => ({ day: `2025-03-${String(k + 1).padStart(2, "0")}`, revenue: 1_000 - k * 30, sessions: 140, orders: 1 }));
      expect(find(long, "revenue-trend-down").text).toContain("falls 39%");
      expect(find(long, "revenue-trend-down").caveats).toEqual([]);
    });
    it("stays silent on a 12% decline, and with fewer than 5 days", () => {
      const i = base();
      i.daily = i.daily.map((d, k) => ({ ...d, revenue: 1_000 - k * 20 })); // 1,000 to 880: -12%
      expect(ids(i)).not.toContain("revenue-trend-down");
      const short = base();
      short.daily = short.daily.slice(0, 4).map((d, k) => ({ ...d, revenue: 1_000 - k * 200 }));
      expect(ids(short)).not.toContain("revenue-trend-down");
      expect(fittedChange([100, 90, 80, 70, 60])).toBeCloseTo(-0.4, 10);
    });
  });

  describe("conversion down (concerning)", () => {
    it("fires on a fall of 10% or more against the previous period", () => {
      const i = base();
      i.current.orders = 8; // 0.80% vs 1.00%: -20.0%
      const x = find(i, "conversion-down");
      expect(x.text).toBe("Conversion rate fell 20.0% against the previous period (0.80% vs 1.00%).");
      expect(x.evidence).toEqual([
        { label: "Conversion", value: "0.80% (8 of 1,000 sessions)" },
        { label: "Previous period", value: "1.00% (10 of 1,000 sessions)" },
      ]);
      expect(x.caveats).toEqual([small(8, "each period's rate")]);
      expect(ids(i)).toContain("investigate-decline");
    });
    it("stays silent on a 5% fall and without a previous period", () => {
      const i = base();
      i.current.orders = 9.5;
      expect(ids(i)).not.toContain("conversion-down");
      const none = base();
      none.current.orders = 5;
      none.previous = null;
      expect(ids(none)).not.toContain("conversion-down");
    });
  });

  describe("unattributed revenue (concerning)", () => {
    it("fires above 20% of revenue without a touch", () => {
      const i = base();
      i.channels.push({ channel: "Unattributed", sessions: 0, orders: 3, revenue: 5_000 }); // 5,000 / 15,000 = 33.3%
      const x = find(i, "unattributed");
      expect(x.text).toBe("33% of revenue has no touch to credit (no client id or no session in the window).");
      expect(x.evidence).toEqual([
        { label: "Unattributed revenue", value: "$5,000" },
        { label: "Credited revenue, all channels", value: "$15,000" },
      ]);
      expect(x.caveats).toEqual([]);
    });
    it("stays silent at 20% or less", () => {
      const i = base();
      i.channels.push({ channel: "Unattributed", sessions: 0, orders: 1, revenue: 2_000 }); // 2,000 / 12,000 = 16.7%
      expect(ids(i)).not.toContain("unattributed");
    });
  });

  describe("data quality debt", () => {
    it("a client id spike is a concern with a tracking fix; shared transaction ids ask for reconciliation", () => {
      const i = base();
      i.qualityIssues = [
        { code: "NULL_CLIENT_ID_SPIKE", count: 685, days: ["2025-03-02"], message: "" },
        { code: "TRANSACTION_ID_COLLISION", count: 3, days: [], message: "" },
      ];
      const gap = find(i, "tracking-gap");
      expect(gap.text).toBe("Tracking lost client ids on 2025-03-02 (685 events): sessions, conversion and attribution for those days are undercounted.");
      expect(gap.evidence).toEqual([
        { label: "Events without a client id", value: "685" },
        { label: "Days flagged", value: "2025-03-02" },
      ]);
      const g = generateInsights(i);
      expect(g.recommendations.map((x) => x.id)).toEqual(["fix-tracking", "reconcile-transactions"]);
      expect(find(i, "reconcile-transactions").text).toBe("Reconcile 3 transaction ids used by two different purchases with the order system; both are counted until then.");
      expect(find(i, "reconcile-transactions").evidence).toEqual([{ label: "Shared transaction ids", value: "3" }]);
      const one = base();
      one.qualityIssues = [{ code: "TRANSACTION_ID_COLLISION", count: 1, days: [], message: "" }];
      expect(find(one, "reconcile-transactions").text).toBe("Reconcile 1 transaction id used by two different purchases with the order system; both are counted until then.");
    });
    it("stay silent without those findings (other findings do not trigger them)", () => {
      const i = base();
      i.qualityIssues = [{ code: "INVALID_PURCHASE", count: 6, days: ["2025-02-24"], message: "" }];
      expect(ids(i)).toEqual([]);
    });
  });

  it("every insight that fires carries evidence and a caveats list", () => {
    const i = base();
    i.channels[0]!.revenue = 20_000;
    i.current.orders = 8;
    i.devices = [
      { segment: "mobile", sessions: 600, orders: 3, revenue: 3_000 },
      { segment: "desktop", sessions: 400, orders: 4, revenue: 4_000 },
    ];
    i.qualityIssues = [{ code: "NULL_CLIENT_ID_SPIKE", count: 10, days: ["2025-03-02"], message: "" }];
    const fired = all(i);
    expect(fired.length).toBeGreaterThan(5);
    for (const x of fired) {
      expect(x.evidence.length, x.id).toBeGreaterThan(0);
      expect(Array.isArray(x.caveats), x.id).toBe(true);
    }
  });
});

describe("annual run rate", () => {
  it("is revenue per covered day x 365 from 28 days of data", () => {
    // 280,000 / 28 x 365 = 3,650,000; 300,000 / 30 x 365 = 3,650,000.
    expect(annualRunRate(280_000, 28)).toEqual({ value: 3_650_000, withheld: null });
    expect(annualRunRate(300_000, 30)).toEqual({ value: 3_650_000, withheld: null });
  });
  it("is withheld, with the reason, below 28 days (3 days would give millions)", () => {
    expect(annualRunRate(81_941, 3)).toEqual({ value: null, withheld: "needs 28 days of data, has 3" });
    expect(annualRunRate(196_763.4, 9)).toEqual({ value: null, withheld: "needs 28 days of data, has 9" });
    expect(annualRunRate(270_000, 27)).toEqual({ value: null, withheld: "needs 28 days of data, has 27" });
  });
  it("is nothing at all without data", () => {
    expect(annualRunRate(0, 0)).toEqual({ value: null, withheld: null });
  });
});

describe("insights on days the data qualifies", () => {
  const CHANNELS = "Channel shares: 2 of 7 days have no referrer column.";
  const CONVERSION = "Conversion: on 1 of 7 days many events carry no client id.";
  const ORDERS = "Orders: 2 orders share a transaction id.";

  it("a channel insight carries the channel-share caveat first; one citing conversion also the conversion caveat", () => {
    const i = base();
    i.channels[0]!.revenue = 5_000; // top channel fires (38%): evidence revenue/share, links to attribution
    i.dataCaveats = { channels: CHANNELS, conversion: CONVERSION, orders: ORDERS };
    const top = find(i, "top-channel");
    // Evidence: "Paid Search revenue", "Credited revenue, all channels", "Paid Search share": channels + orders/revenue, no conversion.
    expect(top.caveats).toEqual([CHANNELS, ORDERS, MODEL_CAVEAT]);
  });

  it("without data caveats the insight is as before", () => {
    const i = base();
    i.channels[0]!.revenue = 5_000;
    expect(find(i, "top-channel").caveats).toEqual([MODEL_CAVEAT]);
    i.dataCaveats = { channels: null, conversion: null, orders: null };
    expect(find(i, "top-channel").caveats).toEqual([MODEL_CAVEAT]);
  });
});
