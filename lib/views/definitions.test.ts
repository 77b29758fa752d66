import { describe, expect, it } from "vitest";
import { definitionsText } from "./definitions";

describe("definitionsText", () => {
  it("states the run's timeout, precedence, robots and own domains", () => {
    expect(definitionsText({ sessionTimeoutMinutes: 30, storeDomain: "shop.com", ownDomains: ["pay.example.net"], bots: { included: false }, tagging: { precedence: "utm" } })).toBe(
      "Definitions: a session ends after 30 minutes without an event; utm tags win over an ad click id; robots are left out of visitor figures; referrers from shop.com (detected from page URLs), pay.example.net are the store's own, not referrals.",
    );
  });
  it("reads runs that predate the settings, and says when no domain was detected", () => {
    expect(definitionsText({ sessionTimeoutMinutes: 45, storeDomain: null, bots: { included: true }, tagging: { precedence: "click_id" } })).toBe(
      "Definitions: a session ends after 45 minutes without an event; an ad click id wins over utm tags; robots count as visitors; the store's own domain could not be detected.",
    );
    expect(definitionsText(null)).toBeNull();
  });
});
