import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { csvFile, eventRow } from "@/test/csv-builder";
import { IngestError, ingest, partitionDay } from "./ingest";
import { parseSimpleUrl, parseTimestamp, parseUrl, parseUserAgent, referrerDomain } from "./normalize";

describe("ingest", () => {
  it("reads gzip files like plain ones", () => {
    const plain = csvFile("events_20250223.csv", [eventRow({ ts: "2025-02-23T10:00:00.000Z" })]);
    const gz = { name: "events_20250223.csv.gz", content: gzipSync(Buffer.from(plain.content as string)) };
    const a = ingest([plain]);
    const b = ingest([gz]);
    expect(b.rows.columns.timestamp).toEqual(a.rows.columns.timestamp);
    expect(b.files[0]!.day).toBe("2025-02-23");
  });

  it("keeps every row whatever the line ends (LF, CRLF, lone CR, mixed, quoted newlines) across files", () => {
    const header = "client_id,page_url,referrer,timestamp,event_name,event_data,user_agent";
    const row = (c: string) => `${c},https://shop.example/,,2025-02-23T10:00:00Z,page_viewed,,UA`;
    const r = ingest([
      { name: "events_20250223.csv", content: [header, row("a"), row("b"), row("c")].join("\r") },
      { name: "events_20250224.csv", content: `${header}\r\n${row("d")}\n${row("e")}\r${row("f")}\r\n` },
      { name: "events_20250225.csv", content: `${header}\n${row("g")}\n"h\nh",https://shop.example/,,2025-02-25T10:00:00Z,page_viewed,,UA` },
    ]);
    expect(r.rows.columns.client_id).toEqual(["a", "b", "c", "d", "e", "f", "g", "h\nh"]);
    expect(r.rows.length).toBe(8);
    expect(Array.from(r.rows.fileIndex)).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
    expect(Array.from(r.rows.line)).toEqual([2, 3, 4, 2, 3, 4, 2, 3]);
    expect(r.files.map((f) => f.rows)).toEqual([3, 3, 2]);
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
    expect(parseTimestamp("2000-01-01T00:00:00.000Z")).toBe(Date.UTC(2000, 0, 1));
    expect(parseTimestamp("2099-12-31T23:59:59.999Z")).toBe(Date.UTC(2099, 11, 31, 23, 59, 59, 999));
    for (const absurd of ["1999-12-31T23:59:59.999Z", "2100-01-01T00:00:00.000Z", "9999-12-31T10:00:00.000Z", "0025-03-01T10:00:00.000Z", "1970-01-01T00:00:00.000Z"]) {
      expect(parseTimestamp(absurd)).toBeNaN();
    }
  });

  it("timestamp edge cases agree with the strict ISO 8601 pattern and calendar", () => {
    // Reference: the pattern and calendar rule the character-code parser implements.
    const reference = (text: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/.exec(text);
      if (!m) return NaN;
      const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
      if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return NaN;
      // Only years 2000–2099 (a year 9999 or 0025 is a broken clock; Date.UTC would even read 0099 as 1999).
      if (y < 2000 || y > 2099) return NaN;
      const t = Date.UTC(y, mo - 1, d, h, mi, s, m[7] ? Number(m[7].padEnd(3, "0")) : 0);
      return new Date(t).getUTCDate() === d ? t : NaN;
    };
    const cases = [
      "2025-02-23T10:00:00Z", "2025-02-23T10:00:00.5Z", "2025-02-23T10:00:00.05Z", "2025-02-23T10:00:00.123Z", "2025-02-23T10:00:00.1234Z",
      "2024-02-29T23:59:59.999Z", "2025-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z", "2025-00-10T00:00:00Z", "2025-01-00T00:00:00Z",
      "2025-02-23T24:00:00Z", "2025-02-23T23:60:00Z", "2025-02-23T23:59:60Z", "2025-02-23t10:00:00Z", "2025-02-23T10:00:00z", "2025-02-23T10:00:00",
      "2025-02-23T10:00:00.Z", "2025-02-23T10:00:00,5Z", " 2025-02-23T10:00:00Z", "2025-02-23T10:00:00Z ", "2025-2-23T10:00:00Z", "20a5-02-23T10:00:00Z",
      "2025-02-23T1a:00:00Z", "2025-02-23T10:00:00.1a3Z", "2025-02-23T10:00:00+00:00", "0099-12-31T00:00:00Z", "9999-12-31T23:59:59.999Z", "2025/02/23T10:00:00Z",
      "0025-03-01T10:00:00.000Z", "1970-01-01T00:00:00.000Z", "1999-12-31T23:59:59.999Z", "2000-01-01T00:00:00.000Z", "2099-12-31T23:59:59.999Z", "2100-01-01T00:00:00.000Z",
    ];
    for (const text of cases) expect([text, parseTimestamp(text)]).toEqual([text, reference(text)]);
  });

  it("reads plain URLs on the fast path exactly as the WHATWG parser does", () => {
    // Reference: the WHATWG parser itself (`new URL`), the first value of a repeated parameter
    // kept, every name an own property (even `toString` or `__proto__`).
    const reference = (text: string) => {
      const u = new URL(text);
      const params: Record<string, string> = {};
      for (const [key, value] of u.searchParams) {
        if (!Object.hasOwn(params, key)) Object.defineProperty(params, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return { host: u.hostname.toLowerCase(), path: u.pathname, params };
    };
    // Each of these takes the fast path (read off the text, no `new URL`): checked first, so the
    // comparison cannot quietly turn into parseUrlWhatwg against itself.
    const fast = [
      "https://dreamloft.com/products/cloud?utm_source=google&utm_medium=cpc&gclid=AbC-123_x",
      "https://Shop.Example.COM/A/b/?a=1&a=2&&b&c=&=v#frag?x=1",
      "http://shop.example", "https://shop.example?x=1", "https://shop.example/#top", "HTTPS://shop.example/p",
      "https://shop.example/.hidden/x", "https://shop.example./p", "https://-shop.example/p",
      "https://shop.example/p;v=1/@x:y!$'()*,?q=a/b?c:d@e!$()*,;=",
      "https://shop.example/p?toString=1&constructor=2&__proto__=3&hasOwnProperty=4",
    ];
    for (const text of fast) {
      expect([text, parseSimpleUrl(text)]).not.toEqual([text, null]);
      expect([text, parseUrl(text)]).toEqual([text, reference(text)]);
    }
    // Worked by hand for two of them, so the reference is not the only witness.
    expect(parseUrl(fast[1]!)).toEqual({ host: "shop.example.com", path: "/A/b/", params: { a: "1", b: "", c: "", "": "v" } });
    expect(parseUrl(fast[10]!)).toEqual({ host: "shop.example", path: "/p", params: { toString: "1", constructor: "2", ["__proto__"]: "3", hasOwnProperty: "4" } });
  });

  it("reads every other URL through the WHATWG parser (expected results worked by hand from the URL standard)", () => {
    const none = { host: null, path: null, params: {} };
    const at = (host: string, path: string, params: Record<string, string> = {}) => ({ host, path, params });
    const cases: [string, ReturnType<typeof parseUrl>][] = [
      ["https://shop.example/a/./b", at("shop.example", "/a/b")], // dot segments removed
      ["https://shop.example/a/../b", at("shop.example", "/b")],
      ["https://shop.example/a/..", at("shop.example", "/")],
      ["https://shop.example:8443/p?q=1", at("shop.example", "/p", { q: "1" })], // hostname leaves the port out
      ["https://shop.example:99999/p", none], // port above 65535: not a URL
      ["https://user:pw@shop.example/p", at("shop.example", "/p")],
      ["https://shop.example/p?q=a+b", at("shop.example", "/p", { q: "a b" })], // `+` is a space in a query value
      ["https://shop.example/p?q=a%20b&r=%E2%82%AC", at("shop.example", "/p", { q: "a b", r: "€" })], // query values decoded
      ["https://shop.example/caf%C3%A9", at("shop.example", "/caf%C3%A9")], // paths stay encoded
      ["https://shop.example/café", at("shop.example", "/caf%C3%A9")], // and get encoded
      ["https://shop.example/p?q=it's", at("shop.example", "/p", { q: "it's" })],
      ["https://shop.example/p q", at("shop.example", "/p%20q")],
      [" https://shop.example/p", at("shop.example", "/p")], // leading space trimmed
      ["https://shop.example/p\\q", at("shop.example", "/p/q")], // backslash is a slash in http(s)
      ["https://shop.example/p|q", at("shop.example", "/p|q")],
      ["https://192.168.0.1/p", at("192.168.0.1", "/p")],
      ["https://0x7f.1/p", at("127.0.0.1", "/p")], // IPv4 in hex and short form
      ["https://shop.123/p", none], // a host ending in a number must be IPv4, and this is not
      ["https://xn--caf-dma.example/p", at("xn--caf-dma.example", "/p")], // punycode kept as written
      ["https://shop..example/p", at("shop..example", "/p")], // empty labels are allowed
      ["https://.shop.example/p", at(".shop.example", "/p")],
      ["ftp://shop.example/p", at("shop.example", "/p")],
      ["android-app://com.google.android.gm/", at("com.google.android.gm", "/")],
      ["mailto:someone@example.com", at("", "someone@example.com")], // opaque path, empty host
      ["not a url", none],
      ["https://", none], // http(s) needs a host
      ["https:///p", at("p", "/")], // extra slashes after http(s): skipped, `p` is the host
    ];
    for (const [text, expected] of cases) {
      expect([text, parseSimpleUrl(text)]).toEqual([text, null]);
      expect([text, parseUrl(text)]).toEqual([text, expected]);
    }
    expect(parseUrl(null)).toEqual(none);
    expect(parseUrl("")).toEqual(none);
  });

  it("reads device, OS and browser from user agents", () => {
    expect(parseUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Mobile/15E148 Safari/604.1")).toEqual({
      deviceType: "mobile",
      os: "iOS",
      browser: "Mobile Safari",
      bot: null,
    });
    expect(parseUserAgent("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").bot).toBe("Googlebot");
    expect(parseUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36").deviceType).toBe("desktop");
    expect(parseUserAgent(null).deviceType).toBe("desktop");
  });

  it("extracts referrer domains, including app referrers", () => {
    expect(referrerDomain("https://www.google.com/")).toBe("www.google.com");
    expect(referrerDomain("android-app://com.google.android.gm/")).toBe("com.google.android.gm");
    expect(referrerDomain("")).toBeNull();
  });
});
