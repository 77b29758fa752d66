import { describe, expect, it } from "vitest";
import { csvField, parseCsv, type CsvOptions, type OversizedField } from "./csv";
import { FIELD_PREVIEW_CHARS, MAX_FIELD_BYTES } from "./limits";

function parse(text: string) {
  const out: { fields: string[]; line: number; ok: boolean }[] = [];
  parseCsv(text, (fields, line, ok) => out.push({ fields, line, ok }));
  return out;
}

function parseWithOversized(text: string, options?: CsvOptions) {
  const out: { fields: string[]; line: number; ok: boolean; oversized: OversizedField[] | null }[] = [];
  parseCsv(text, (fields, line, ok, oversized) => out.push({ fields, line, ok, oversized }), options);
  return out;
}

describe("parseCsv", () => {
  it("splits plain records and keeps physical line numbers", () => {
    expect(parse("a,b\n1,2\n3,4")).toEqual([
      { fields: ["a", "b"], line: 1, ok: true },
      { fields: ["1", "2"], line: 2, ok: true },
      { fields: ["3", "4"], line: 3, ok: true },
    ]);
  });

  it("handles quoted commas, doubled quotes (embedded JSON) and newlines inside quotes", () => {
    const text = 'h1,h2\n"a,b","{""revenue"":12.5}"\n"multi\nline",x\nlast,row\n';
    const rows = parse(text);
    expect(rows[1]).toEqual({ fields: ["a,b", '{"revenue":12.5}'], line: 2, ok: true });
    expect(rows[2]).toEqual({ fields: ["multi\nline", "x"], line: 3, ok: true });
    expect(rows[3]).toEqual({ fields: ["last", "row"], line: 5, ok: true });
  });

  it("strips a BOM and accepts CRLF line ends", () => {
    const rows = parse("\uFEFFclient_id,x\r\n1,2\r\n");
    expect(rows.map((r) => r.fields)).toEqual([
      ["client_id", "x"],
      ["1", "2"],
    ]);
  });

  it("keeps empty fields and skips blank lines", () => {
    expect(parse("a,b,c\n,,\n\n1,,3\n").map((r) => r.fields)).toEqual([
      ["a", "b", "c"],
      ["", "", ""],
      ["1", "", "3"],
    ]);
  });

  it("marks a record that ends inside an unterminated quote as not ok", () => {
    const rows = parse('a,b\n1,"never closed\n2,3\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.ok).toBe(false);
    expect(rows[1]!.line).toBe(2);
  });

  it("round-trips values through csvField", () => {
    const values = ["plain", "with,comma", 'with "quote"', "new\nline"];
    const rows = parse(values.map(csvField).join(","));
    expect(rows[0]!.fields).toEqual(values);
  });

  it("keeps line numbers through quoted fields with doubled quotes and newlines", () => {
    const rows = parse('h1,h2\n"a ""b""\nc ""d""","x\ny"\n"""",z\nlast,1\n');
    expect(rows.map((r) => [r.line, r.fields])).toEqual([
      [1, ["h1", "h2"]],
      [2, ['a "b"\nc "d"', "x\ny"]],
      [5, ['"', "z"]],
      [6, ["last", "1"]],
    ]);
  });

  it("does not build a field over 1 MiB: a preview with a marker, reported as oversized", () => {
    const big = "x".repeat(MAX_FIELD_BYTES + 1);
    const quoted = `"${'a""'.repeat(600_000)}"`; // 1.2 M characters once the quotes are un-doubled
    const rows = parseWithOversized(`a,b\n1,${big}\n${quoted},2\n3,${"y".repeat(MAX_FIELD_BYTES)}\n4,5\n`);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[1]!.oversized).toEqual([{ field: 1, chars: MAX_FIELD_BYTES + 1 }]);
    expect(rows[1]!.fields[1]).toBe(`${"x".repeat(FIELD_PREVIEW_CHARS)}…[truncated: ${MAX_FIELD_BYTES + 1} characters]`);
    expect(rows[2]!.oversized).toEqual([{ field: 0, chars: 1_200_000 }]);
    expect(rows[2]!.fields[0]!.startsWith('a"a"a"')).toBe(true);
    expect(rows[2]!.fields[1]).toBe("2");
    expect(rows[3]!.oversized).toBeNull(); // exactly 1 MiB is kept whole
    expect(rows[3]!.fields[1]).toHaveLength(MAX_FIELD_BYTES);
    expect(rows[4]).toEqual({ fields: ["4", "5"], line: 5, ok: true, oversized: null });
  });

  it("measures the limit in UTF-8 bytes, and can be lifted", () => {
    const euros = "€".repeat(400_000); // 400,000 characters, 1,200,000 bytes
    expect(parseWithOversized(`a\n${euros}\n`)[1]!.oversized).toEqual([{ field: 0, chars: 400_000 }]);
    expect(parseWithOversized(`a\n${"é".repeat(500_000)}\n`)[1]!.oversized).toBeNull(); // 1,000,000 bytes
    const whole = parseWithOversized(`a\n${euros}\n`, { maxFieldBytes: Infinity })[1]!;
    expect(whole.oversized).toBeNull();
    expect(whole.fields[0]).toBe(euros);
  });

  it("an unterminated quote keeps only a preview of the rest of the file", () => {
    const rows = parseWithOversized(`a,b\n1,"${"z,\n".repeat(500_000)}`);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.ok).toBe(false);
    expect(rows[1]!.oversized).toEqual([{ field: 1, chars: 1_500_000 }]);
    expect(rows[1]!.fields[1]!.length).toBeLessThan(FIELD_PREVIEW_CHARS + 50);
  });

  it("stays linear on a field made of many doubled quotes (once quadratic)", () => {
    const text = `a,b\n"${'""'.repeat(2_000_000)}",x\n1,2\n`;
    const start = performance.now();
    const rows = parse(text);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
    // Linear work takes well under a second; the old line counting rescanned the field per quote (minutes).
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});
