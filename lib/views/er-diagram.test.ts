import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dataModel } from "@/lib/db/schema-model";
import { erDiagramSvg, escapeXml } from "./er-diagram";

const real = dataModel(readFileSync(join(process.cwd(), "prisma", "schema.prisma"), "utf8"));

/** Tags open and close in order (self-closing ones aside): well-formed enough for an inline SVG. */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, close, name, self] = m;
    if (self) continue;
    if (!close) stack.push(name!);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

describe("erDiagramSvg", () => {
  const svg = erDiagramSvg(real);

  it("draws every model and marks keys", () => {
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    for (const m of real.models) expect(svg).toContain(`data-model="${m.name}"`);
    expect(svg).toMatch(/>PK</);
    expect(svg).toMatch(/>UK</);
    expect(svg).toMatch(/>FK</);
    expect(balanced(svg)).toBe(true);
  });

  it("draws a line per run-scoped table and per logical key", () => {
    const toRun = real.relations.filter((r) => r.to === "Run").length;
    const logical = real.relations.filter((r) => r.kind === "logical").length;
    expect(svg.match(/stroke-dasharray="6 3"/g)).toHaveLength(logical);
    // one stub per run-scoped table from its column's runner
    expect(svg.match(/<path d="M\d+(\.\d+)? [\d.]+H\d+(\.\d+)?" stroke="#8792a2" stroke-width="1.4"\/>/g)).toHaveLength(toRun);
  });

  it("puts Run at the top, centred, and keeps boxes inside the canvas", () => {
    const width = Number(/viewBox="0 0 ([\d.]+) /.exec(svg)?.[1]);
    expect(width).toBeGreaterThanOrEqual(1000);
    const boxes = [...svg.matchAll(/<g data-model="(\w+)"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"/g)].map((m) => ({ name: m[1], x: Number(m[2]), y: Number(m[3]), w: Number(m[4]) }));
    expect(boxes).toHaveLength(real.models.length);
    const run = boxes.find((b) => b.name === "Run")!;
    expect(run.x + run.w / 2).toBeCloseTo(width / 2, 0);
    expect(Math.min(...boxes.map((b) => b.y))).toBe(run.y);
    for (const b of boxes) expect(b.x + b.w).toBeLessThanOrEqual(width);
  });

  it("escapes names", () => {
    const svgEvil = erDiagramSvg({
      models: [{ name: "A<b>", doc: null, uniques: [], indexes: [], fields: [{ name: "x&<y>", type: "Int", optional: false, list: false, id: true, unique: false, compositeUnique: false, relation: false, references: null, default: null, doc: null }] }],
      relations: [],
    }, { notes: { "A<b>": "CSV: <script>" } });
    expect(svgEvil).not.toContain("<b>");
    expect(svgEvil).not.toContain("<script>");
    expect(svgEvil).toContain("A&lt;b&gt;");
    expect(svgEvil).toContain("x&amp;&lt;y&gt;");
    expect(balanced(svgEvil)).toBe(true);
    expect(escapeXml(`"'`)).toBe("&quot;&#39;");
  });

  it("scales to its container when fluid", () => {
    expect(erDiagramSvg(real, { width: "fluid" })).toMatch(/^<svg [^>]*width="100%"/);
  });
});
