import { describe, expect, it } from "vitest";
import { checkSessionTimeout, parseOwnDomains } from "./settings";

describe("settings input", () => {
  it("accepts whole minutes from 5 to 240 and says what is wrong otherwise", () => {
    expect(checkSessionTimeout("45")).toEqual({ ok: true, value: 45 });
    expect(checkSessionTimeout(5)).toEqual({ ok: true, value: 5 });
    for (const bad of ["4", "241", "30.5", "", "abc", null, Number.NaN]) {
      expect(checkSessionTimeout(bad)).toEqual({ ok: false, error: "The session timeout must be a whole number of minutes from 5 to 240." });
    }
  });
  it("reads domains one per line or comma-separated, reduces URLs and www., sorts and de-duplicates", () => {
    expect(parseOwnDomains(" https://www.Pay.example.net/checkout?x=1 \n shop-two.com, pay.example.net;")).toEqual({ ok: true, value: ["pay.example.net", "shop-two.com"] });
    expect(parseOwnDomains("")).toEqual({ ok: true, value: [] });
  });
  it("refuses what is not a domain, naming it, and more than 20", () => {
    expect(parseOwnDomains("shop.com\nlocalhost")).toEqual({ ok: false, error: '"localhost" is not a domain (e.g. checkout.example.com).' });
    expect(parseOwnDomains("<script>.com")).toMatchObject({ ok: false });
    expect(parseOwnDomains(Array.from({ length: 21 }, (_, i) => `d${i}.com`).join(","))).toEqual({ ok: false, error: "At most 20 domains." });
  });
});
