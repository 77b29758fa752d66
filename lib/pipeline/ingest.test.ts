import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { csvFile, eventRow } from "@/test/csv-builder";
import { IngestError, ingest, partitionDay } from "./ingest";
import { parseTimestamp, parseUserAgent, referrerDomain } from "./normalize";

describe("ingest", () => {
  it("reads gzip files like plain ones", () => {
    const plain = csvFile("events_20250223.csv", [eventRow({ ts: "2025-02-23T10:00:00.000Z" })]);
    const gz = { name: "events_20250223.csv.gz", content: gzipSync(Buffer.from(plain.content as string)) };
    const a = ingest([plain]);
    const b = ingest([gz]);
    expect(b.rows.columns.timestamp).toEqual(a.rows.columns.timestamp);
    expect(b.files[0]!.day).toBe("2025-02-23");
  });

  it("rejects a file that is not an event export, naming it", () => {
    expect(() => ingest([{ name: "prices.csv", content: "sku,price\nA,1\n" }])).toThrow(IngestError);
    expect(() => ingest([{ name: "empty.csv", content: "" }])).toThrow(/empty/);
  });

  it("derives the partition day from the file name only when it is a real date", () => {
    expect(partitionDay("events_20250304.csv")).toBe("2025-03-04");
    expect(partitionDay("events_20250231.csv")).toBeNull();
    expect(partitionDay("upload.csv")).toBeNull();
  });
});

describe("normalize helpers", () => {
  it("parses strict ISO 8601 UTC timestamps", () => {
    expect(parseTimestamp("2025-02-23T00:00:01.750Z")).toBe(Date.UTC(2025, 1, 23, 0, 0, 1, 750));
    expect(parseTimestamp("2025-02-29T00:00:00.000Z")).toBeNaN();
    expect(parseTimestamp("2025-02-23 00:00:01")).toBeNaN();
    expect(parseTimestamp("")).toBeNaN();
  });

  it("reads device, OS and browser from user agents", () => {
    expect(parseUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Mobile/15E148 Safari/604.1")).toEqual({
      deviceType: "mobile",
      os: "iOS",
      browser: "Mobile Safari",
    });
    expect(parseUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36").deviceType).toBe("desktop");
    expect(parseUserAgent(null).deviceType).toBe("desktop");
  });

  it("extracts referrer domains, including app referrers", () => {
    expect(referrerDomain("https://www.google.com/")).toBe("www.google.com");
    expect(referrerDomain("android-app://com.google.android.gm/")).toBe("com.google.android.gm");
    expect(referrerDomain("")).toBeNull();
  });
});
