import { describe, expect, it } from "vitest";
import { classifyChannel, decodedName, hashHost, hashValue, landingSource } from "./channels";

const c = (params: Record<string, string>, referrerDomain: string | null = null) => classifyChannel({ params, referrerDomain, storeDomain: "shop.com" });

describe("channel classification", () => {
  it("matches the export's hashing (md5 prefixes)", () => {
    expect(hashValue("cpc")).toBe("AE24AC");
    expect(hashValue("Affiliates")).toBe("7B4C8A");
    expect(hashHost("duckduckgo.com")).toBe("source-afb1343a.com");
  });
  it("recognises plain and hashed utm_medium", () => {
    expect(c({ utm_medium: "cpc", utm_source: "google" })).toBe("Paid Search");
    expect(c({ utm_medium: "AE24AC" })).toBe("Paid Search");
    expect(c({ utm_medium: "7B4C8A" })).toBe("Affiliates");
    expect(c({ utm_medium: hashValue("email") })).toBe("Email");
    expect(c({ utm_medium: hashValue("paid"), utm_source: hashValue("facebook"), fbclid: "x" })).toBe("Paid Social");
  });
  it("falls back to click ids", () => {
    expect(c({ gclid: "x", affid: "y" })).toBe("Paid Search");
    expect(c({ irclickid: "x" })).toBe("Affiliates");
    expect(c({ _kx: "x" })).toBe("Email");
    expect(c({ ttclid: "x" })).toBe("Paid Social");
    expect(c({ fbclid: "x" })).toBe("Organic Social");
  });
  it("tagged traffic with an unknown medium is Unassigned", () => {
    expect(c({ utm_medium: "9A780E" })).toBe("Unassigned");
  });
  it("classifies referrers, plain and hashed; the store's own domain is never a referral", () => {
    expect(c({}, "www.google.com")).toBe("Organic Search");
    expect(c({}, "www.google.co.uk")).toBe("Organic Search");
    expect(c({}, "source-afb1343a.com")).toBe("Organic Search");
    expect(c({}, hashHost("m.facebook.com"))).toBe("Organic Social");
    expect(c({}, "com.google.android.gm")).toBe("Email");
    expect(c({}, "source-12345678.com")).toBe("Referral");
    expect(c({}, "shop.com")).toBe("Direct");
    expect(c({}, "checkout.shop.com")).toBe("Direct");
    expect(c({}, null)).toBe("Direct");
  });
});

describe("the store's own domains", () => {
  it("a referrer on the detected domain or a listed one is not a referral; other domains still are", () => {
    const own = (referrerDomain: string, ownDomains: string[]) => classifyChannel({ params: {}, referrerDomain, storeDomain: "shop.com", ownDomains });
    expect(own("www.shop.com", [])).toBe("Direct");
    expect(own("pay.checkout-partner.net", [])).toBe("Referral");
    expect(own("pay.checkout-partner.net", ["checkout-partner.net"])).toBe("Direct");
    expect(own("checkout-partner.net", ["checkout-partner.net"])).toBe("Direct");
    expect(own("notcheckout-partner.net", ["checkout-partner.net"])).toBe("Referral");
  });
});

describe("source and decoded names (drill-downs)", () => {
  it("decodes the hashed values DOMAIN.md gives as examples", () => {
    expect(decodedName("AE24AC")).toBe("cpc");
    expect(decodedName("7B4C8A")).toBe("Affiliates");
    expect(decodedName("source-afb1343a.com")).toBe("duckduckgo.com");
  });

  it("leaves plain, unknown and empty values undecoded", () => {
    expect(decodedName("cpc")).toBeNull();
    expect(decodedName("0A1B2C")).toBeNull();
    expect(decodedName("source-00000000.com")).toBeNull();
    expect(decodedName(null)).toBeNull();
  });

  it("takes the source from utm_source, else the external referrer, never the store's own domains", () => {
    expect(landingSource({ utm_source: "newsletter" }, "google.com", "shop.example")).toBe("newsletter");
    expect(landingSource({}, "google.com", "shop.example")).toBe("google.com");
    expect(landingSource({}, "www.shop.example", "shop.example")).toBeNull();
    expect(landingSource({}, "pay.partner.net", "shop.example", ["partner.net"])).toBeNull();
    expect(landingSource({}, null, "shop.example")).toBeNull();
  });
});
