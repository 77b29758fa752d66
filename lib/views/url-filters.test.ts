import { describe, expect, it } from "vitest";
import { filterSearch, parseFilters, withFilters } from "./url-filters";

describe("URL filters", () => {
  it("reads valid filters and drops invalid ones", () => {
    expect(parseFilters(new URLSearchParams("period=last7&model=linear&lookback=14"))).toEqual({ period: "last7", model: "linear", lookback: 14 });
    expect(parseFilters({ period: "custom", from: "2025-03-01", to: "2025-03-05" })).toEqual({ period: "custom", from: "2025-03-01", to: "2025-03-05" });
    // Not a model, not an offered window, a reversed range, an impossible date, an unknown period.
    expect(parseFilters(new URLSearchParams("model=magic&lookback=5&from=2025-03-05&to=2025-03-01&period=year"))).toEqual({});
    expect(parseFilters({ from: "2025-02-30", to: "2025-03-01" })).toEqual({});
    expect(parseFilters({ from: "2025-13-40", to: "x" })).toEqual({});
    // Custom without dates is no period at all (the page's default applies).
    expect(parseFilters({ period: "custom" })).toEqual({});
  });

  it("writes only what is set, dates only for a custom period, and round-trips", () => {
    expect(filterSearch({ period: "last7", from: "2025-03-01", to: "2025-03-07", model: "last_click" })).toBe("period=last7&model=last_click");
    const custom = { period: "custom" as const, from: "2025-03-01", to: "2025-03-05", model: "linear" as const, lookback: 30 };
    expect(filterSearch(custom)).toBe("period=custom&from=2025-03-01&to=2025-03-05&model=linear&lookback=30");
    expect(parseFilters(new URLSearchParams(filterSearch(custom)))).toEqual(custom);
    expect(withFilters("/attribution", { model: "first_click", lookback: 7 }, "channels")).toBe("/attribution?model=first_click&lookback=7#channels");
    expect(withFilters("/monitoring", {})).toBe("/monitoring");
  });

  it("carries a channel and a device, refusing values that are neither", () => {
    expect(parseFilters(new URLSearchParams("channel=Paid+Search&device=mobile"))).toEqual({ channel: "Paid Search", device: "mobile" });
    expect(parseFilters(new URLSearchParams("channel=Telepathy&device=%3Cscript%3E"))).toEqual({});
    expect(parseFilters({ channel: "Unknown (referrer not recorded)" })).toEqual({ channel: "Unknown (referrer not recorded)" });
    const f = { period: "last14" as const, channel: "Email", device: "tablet" };
    expect(filterSearch(f)).toBe("period=last14&channel=Email&device=tablet");
    expect(parseFilters(new URLSearchParams(filterSearch(f)))).toEqual(f);
  });
});
