import { describe, expect, it } from "vitest";
import { filterText, funnelSteps, sessionCount, valueLabel } from "./traffic-shape";

describe("traffic shaping", () => {
  it("gives each funnel step its share of sessions and of the step before", () => {
    // The sample's whole funnel as issue 14 quotes it: 38,265 → 20,274 → 2,716 → 905 → 280.
    const steps = funnelSteps({ sessions: 38_265, productViews: 20_274, addToCarts: 2_716, checkouts: 905, purchases: 280 });
    expect(steps.map((s) => s.step)).toEqual(["Sessions", "Product view", "Add to cart", "Checkout", "Purchase"]);
    expect(steps[0]).toEqual({ step: "Sessions", sessions: 38_265, ofSessions: 1, ofPrevious: null });
    expect(steps[2]!.ofPrevious).toBeCloseTo(2_716 / 20_274, 12);
    expect(steps[4]!.ofSessions).toBeCloseTo(280 / 38_265, 12);
    expect(steps[4]!.ofPrevious).toBeCloseTo(280 / 905, 12);
  });

  it("has no rates without sessions (not 0%)", () => {
    const steps = funnelSteps({ sessions: 0, productViews: 0, addToCarts: 0, checkouts: 0, purchases: 0 });
    expect(steps.every((s) => s.ofSessions === null && s.ofPrevious === null)).toBe(true);
  });

  it("shows a hashed value with its decoded name, and a missing one as (none)", () => {
    expect(valueLabel("AE24AC", "cpc")).toBe("AE24AC (cpc)");
    expect(valueLabel("spring", null)).toBe("spring");
    expect(valueLabel(null, null)).toBe("(none)");
    expect(valueLabel("", null)).toBe("(none)");
  });

  it("names the filters", () => {
    expect(filterText({ channel: "Email", device: "mobile" })).toBe("Email · mobile");
    expect(filterText({ channel: null, device: "tablet" })).toBe("tablet");
    expect(filterText({ channel: null, device: null })).toBe("all channels and devices");
  });

  it("counts sessions in words", () => {
    expect(sessionCount(1)).toBe("1 visitor session");
    expect(sessionCount(13_464)).toBe("13,464 visitor sessions");
    expect(sessionCount(0)).toBe("0 visitor sessions");
  });
});
