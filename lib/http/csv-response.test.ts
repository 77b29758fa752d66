import { describe, expect, it } from "vitest";
import { csvLine, neutralise } from "./csv-response";

describe("CSV output", () => {
  it("neutralises spreadsheet formulas but keeps numbers", () => {
    expect(neutralise("=HYPERLINK(\"http://x\")")).toBe("'=HYPERLINK(\"http://x\")");
    expect(neutralise("+1+2")).toBe("'+1+2");
    expect(neutralise("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutralise("-2+3")).toBe("'-2+3");
    expect(neutralise("-1234.5")).toBe("-1234.5");
    expect(neutralise("https://shop.example/?a=1")).toBe("https://shop.example/?a=1");
  });
  it("quotes values with separators and writes nulls as empty", () => {
    expect(csvLine(["a,b", 'say "hi"', null, 3, "=1+1"])).toBe('"a,b","say ""hi""",,3,\'=1+1\n');
  });
});
