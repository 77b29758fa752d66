import { describe, expect, it } from "vitest";
import { csvField, parseCsv } from "./csv";

function parse(text: string) {
  const out: { fields: string[]; line: number; ok: boolean }[] = [];
  parseCsv(text, (fields, line, ok) => out.push({ fields, line, ok }));
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
});
