/**
 * The entity-relationship diagram of the data model as an SVG string, drawn from the parsed schema
 * (lib/db/schema-model.ts) so it cannot drift. Pure. Layout: the table most others reference (Run)
 * at the top centre; run-scoped tables on a 4-column grid below, each tied to it by a line from a
 * runner in the gutter to its `runId` row; other keys (logical keys within a run) as dashed lines
 * routed through the gutters between neighbouring boxes. Boxes list the key columns only.
 */
import { columnsOf, keyTags, type DataModel, type KeyTag, type ModelRelation, type SchemaField, type SchemaModel } from "@/lib/db/schema-model";

export interface ErDiagramOptions {
  /** Grid rows of model names (a layout hint: models not named fill the free cells after them). */
  placement?: string[][];
  /** Footer per model, e.g. the CSV exports it feeds. */
  notes?: Record<string, string>;
  /** "100%" to scale to the container (the page); pixels by default (the docs file). */
  width?: "fixed" | "fluid";
}

export const DEFAULT_PLACEMENT: string[][] = [
  ["EventChunk", "Session", "Client", "SourceFile"],
  ["AttributionCredit", "Order", "OrderItem", "Finding"],
  ["ChannelPerformance", "FunnelStep", "Engagement", "QuarantinedRow"],
  ["DailyMetric", "DailySegment", "ValidationCheck"],
];

const W = 1120;
const COLS = 4;
const MARGIN = 40;
const GUTTER = 60;
const BOX_W = (W - 2 * MARGIN - (COLS - 1) * GUTTER) / COLS;
const HEAD = 30;
const ROW = 21;
const ROW_GAP = 48;
const INK = "#1d2430";
const MUTED = "#5f6b7a";
const LINE = "#8792a2";
const LOGICAL = "#2f5bd3";
const TAG_COLORS: Record<KeyTag, [string, string]> = { PK: ["#fff4e0", "#8a5200"], UK: ["#e8f5e9", "#2e7d32"], FK: ["#e8eefc", "#2f5bd3"] };

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

interface Box {
  model: SchemaModel;
  col: number;
  row: number;
  x: number;
  y: number;
  h: number;
  fields: { field: SchemaField; tags: KeyTag[] }[];
  more: number;
  note: string[];
  isolated: boolean;
}

const colX = (c: number) => MARGIN + c * (BOX_W + GUTTER);
const gutterLeft = (g: number) => (g === 0 ? 0 : colX(g - 1) + BOX_W);

/** Wraps a comma-separated note into lines of about `max` characters. */
function wrap(text: string, max = 30): string[] {
  const lines: string[] = [];
  for (const word of text.split(/(?<=,) /)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + word.length + 1 <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function makeBox(model: SchemaModel, relations: ModelRelation[], note: string | undefined, isolated: boolean): Box {
  const columns = columnsOf(model);
  const fields = columns.map((field) => ({ field, tags: keyTags(model, field, relations) })).filter((f) => f.tags.length > 0);
  const more = columns.length - fields.length;
  const lines = note ? wrap(note) : [];
  return { model, col: 0, row: 0, x: 0, y: 0, h: HEAD + 6 + (fields.length + (more ? 1 : 0) + lines.length) * ROW + 4, fields, more, note: lines, isolated };
}

function fieldY(box: Box, name: string): number {
  const i = box.fields.findIndex((f) => f.field.name === name);
  return box.y + HEAD + 3 + (i < 0 ? 0 : i) * ROW + ROW / 2;
}

function boxSvg(b: Box): string {
  const out: string[] = [];
  const dash = b.isolated ? ` stroke-dasharray="5 4"` : "";
  out.push(`<g data-model="${escapeXml(b.model.name)}">`);
  out.push(`<rect x="${b.x}" y="${b.y}" width="${BOX_W}" height="${b.h}" rx="6" fill="#ffffff" stroke="#aab3c0"${dash}/>`);
  out.push(`<path d="M${b.x} ${b.y + 6}a6 6 0 0 1 6 -6h${BOX_W - 12}a6 6 0 0 1 6 6v${HEAD - 6}h${-BOX_W}z" fill="${b.isolated ? "#eef1f5" : "#dfe7fb"}"/>`);
  out.push(`<text x="${b.x + 10}" y="${b.y + 20}" font-size="15" font-weight="700" fill="${INK}">${escapeXml(b.model.name)}</text>`);
  let y = b.y + HEAD + 3;
  for (const { field, tags } of b.fields) {
    const mid = y + ROW / 2;
    out.push(`<text x="${b.x + 10}" y="${mid + 4}" font-size="13.5" fill="${INK}">${escapeXml(field.name)}</text>`);
    out.push(`<text x="${Math.max(b.x + 100, b.x + 18 + field.name.length * 7.8)}" y="${mid + 4}" font-size="11.5" fill="${MUTED}">${escapeXml(field.type + (field.optional ? "?" : ""))}</text>`);
    tags.forEach((tag, i) => {
      const tx = b.x + BOX_W - 8 - (tags.length - i) * 29 + 2;
      const [bg, fg] = TAG_COLORS[tag];
      out.push(`<rect x="${tx}" y="${mid - 8}" width="26" height="16" rx="8" fill="${bg}"/><text x="${tx + 13}" y="${mid + 4}" font-size="10.5" font-weight="700" text-anchor="middle" fill="${fg}">${tag}</text>`);
    });
    y += ROW;
  }
  if (b.more) {
    out.push(`<text x="${b.x + 10}" y="${y + ROW / 2 + 4}" font-size="12" font-style="italic" fill="${MUTED}">+ ${b.more} more column${b.more === 1 ? "" : "s"}</text>`);
    y += ROW;
  }
  for (const line of b.note) {
    out.push(`<text x="${b.x + 10}" y="${y + ROW / 2 + 4}" font-size="12" fill="${LOGICAL}">${escapeXml(line)}</text>`);
    y += ROW;
  }
  out.push(`</g>`);
  return out.join("");
}

/** Many-side mark (crow's foot) at a box edge; `dir` +1 when the line leaves towards the right. */
function crowFoot(x: number, y: number, dir: number, color: string): string {
  const t = x + dir * 10;
  return `<path d="M${t} ${y}L${x} ${y - 5}M${t} ${y}L${x} ${y}M${t} ${y}L${x} ${y + 5}" stroke="${color}" stroke-width="1.4" fill="none"/>`;
}

/** One-side mark (a bar) near a box edge. */
function oneBar(x: number, y: number, dir: number, color: string): string {
  const t = x + dir * 7;
  return `<path d="M${t} ${y - 5}V${y + 5}" stroke="${color}" stroke-width="1.6"/>`;
}

function legend(x: number, y: number): { svg: string; h: number } {
  const items = [
    `<path d="M${x} ${y + 10}H${x + 34}" stroke="${LINE}" stroke-width="1.6"/>${crowFoot(x + 34, y + 10, -1, LINE)}`,
    `<text x="${x + 44}" y="${y + 14}" font-size="13" fill="${INK}">runId → Run.id: foreign key, delete cascades</text>`,
    `<path d="M${x} ${y + 32}H${x + 34}" stroke="${LOGICAL}" stroke-width="1.6" stroke-dasharray="5 3"/>${crowFoot(x + 34, y + 32, -1, LOGICAL)}`,
    `<text x="${x + 44}" y="${y + 36}" font-size="13" fill="${INK}">logical key: same value within one run</text>`,
    `<text x="${x}" y="${y + 58}" font-size="12.5" fill="${MUTED}">crow's foot: many · bar: one · dashed: not per run</text>`,
    `<text x="${x}" y="${y + 78}" font-size="12.5" fill="${MUTED}">PK primary · UK unique in a run · FK key to a table</text>`,
  ];
  return { svg: items.join(""), h: 86 };
}

/** Lays the models out and draws them; returns a standalone SVG document string. */
export function erDiagramSvg(model: DataModel, options: ErDiagramOptions = {}): string {
  const { relations } = model;
  const incoming = new Map<string, number>();
  for (const r of relations) if (r.kind === "foreign") incoming.set(r.to, (incoming.get(r.to) ?? 0) + 1);
  const hubName = [...incoming.entries()].sort((a, b) => b[1] - a[1]).find(([, n]) => n >= 2)?.[0] ?? null;
  const related = new Set(relations.flatMap((r) => [r.from, r.to]));
  const boxes = new Map(model.models.map((m) => [m.name, makeBox(m, relations, options.notes?.[m.name], !related.has(m.name))]));

  // Top row: legend (left), hub (centre), isolated models (right).
  const top = 16;
  const lg = legend(MARGIN, top);
  const hub = hubName ? boxes.get(hubName) : undefined;
  const topBoxes: Box[] = [];
  if (hub) topBoxes.push(Object.assign(hub, { x: (W - BOX_W) / 2, y: top, row: -1, col: -1 }));
  const firstIsolated = [...boxes.values()].find((b) => b.isolated);
  if (firstIsolated) topBoxes.push(Object.assign(firstIsolated, { x: colX(COLS - 1), y: top, row: -1, col: -1 }));
  let y = top + Math.max(lg.h, ...topBoxes.map((b) => b.h)) + ROW_GAP;
  const busY = y - ROW_GAP / 2;

  // Grid: placement first, then every other model in the free cells.
  const grid: (Box | null)[][] = [];
  const placed = new Set(topBoxes.map((b) => b.model.name));
  for (const names of options.placement ?? DEFAULT_PLACEMENT) {
    const row = names.map((n) => (placed.has(n) ? null : (boxes.get(n) ?? null)));
    row.forEach((b) => b && placed.add(b.model.name));
    grid.push([...row, ...Array<null>(Math.max(0, COLS - row.length)).fill(null)].slice(0, COLS));
  }
  for (const b of boxes.values()) {
    if (placed.has(b.model.name)) continue;
    if (!grid.some((row) => row.includes(null))) grid.push(Array<Box | null>(COLS).fill(null));
    const row = grid.find((r) => r.includes(null))!;
    row[row.indexOf(null)] = b;
    placed.add(b.model.name);
  }
  const rowTops: number[] = [];
  grid.forEach((row, r) => {
    rowTops.push(y);
    row.forEach((b, c) => b && Object.assign(b, { x: colX(c), y, row: r, col: c }));
    y += Math.max(0, ...row.map((b) => b?.h ?? 0)) + ROW_GAP;
  });
  const height = y - ROW_GAP + 24;

  const lines: string[] = [];
  // Relations to the hub: a bus under it and a runner in the gutter left of each column.
  if (hub) {
    const stubs = relations.filter((r) => r.to === hub.model.name && r.kind === "foreign").map((r) => ({ box: boxes.get(r.from), field: r.fields[0] ?? "" }));
    const runnerX = (c: number) => colX(c) - 14;
    const cols = new Map<number, number>();
    for (const { box, field } of stubs) {
      if (!box || box.col < 0) continue;
      const fy = fieldY(box, field);
      cols.set(box.col, Math.max(cols.get(box.col) ?? 0, fy));
      lines.push(`<path d="M${runnerX(box.col)} ${fy}H${box.x}" stroke="${LINE}" stroke-width="1.4"/>${crowFoot(box.x, fy, -1, LINE)}`);
    }
    const hx = hub.x + BOX_W / 2;
    const xs = [...cols.keys()].map(runnerX);
    if (xs.length) {
      lines.push(`<path d="M${hx} ${hub.y + hub.h}V${busY}M${Math.min(hx, ...xs)} ${busY}H${Math.max(hx, ...xs)}" stroke="${LINE}" stroke-width="1.6" fill="none"/>`);
      lines.push(`<path d="M${hx - 6} ${hub.y + hub.h + 7}H${hx + 6}M${hx - 6} ${hub.y + hub.h + 11}H${hx + 6}" stroke="${LINE}" stroke-width="1.6"/>`);
      for (const [c, maxY] of cols) lines.push(`<path d="M${runnerX(c)} ${busY}V${maxY}" stroke="${LINE}" stroke-width="1.6"/>`);
    }
  }
  // Other keys: orthogonal routes through gutter lanes, one lane per referenced column and gutter.
  const lanes = new Map<number, string[]>();
  const laneX = (g: number, key: string) => {
    const list = lanes.get(g) ?? [];
    if (!list.includes(key)) list.push(key);
    lanes.set(g, list);
    return gutterLeft(g) + 12 + (list.indexOf(key) % 3) * 12;
  };
  for (const r of relations) {
    const a = boxes.get(r.from);
    const b = boxes.get(r.to);
    if (!a || !b || (hub && r.to === hub.model.name && r.kind === "foreign") || a.col < 0 || b.col < 0) continue;
    const color = r.kind === "logical" ? LOGICAL : LINE;
    const style = `stroke="${color}" stroke-width="1.5" fill="none"${r.kind === "logical" ? ` stroke-dasharray="6 3"` : ""}`;
    const ya = fieldY(a, r.fields[0] ?? "");
    const yb = fieldY(b, r.references[0] ?? "");
    const key = `${r.to}.${r.references.join(",")}`;
    // Same column: use the gutter that already carries a lane to this key (lines merge), else the right one.
    const sameColLeft = b.col === a.col && (lanes.get(a.col) ?? []).includes(key);
    const right = b.col > a.col || (b.col === a.col && !sameColLeft); // leave A on its right side
    const xa = right ? a.x + BOX_W : a.x;
    const bRight = b.col < a.col || (b.col === a.col && !sameColLeft); // enter B on its right side
    const xb = bRight ? b.x + BOX_W : b.x;
    let d: string;
    if (Math.abs(b.col - a.col) <= 1) {
      const g = b.col === a.col ? (right ? a.col + 1 : a.col) : Math.max(a.col, b.col);
      d = `M${xa} ${ya}H${laneX(g, key)}V${yb}H${xb}`;
    } else {
      const ga = right ? a.col + 1 : a.col;
      const gb = bRight ? b.col + 1 : b.col;
      const gapY = (rowTops[Math.min(a.row, b.row)] ?? busY) - ROW_GAP / 2 + 8;
      d = `M${xa} ${ya}H${laneX(ga, `${key}>`)}V${gapY}H${laneX(gb, key)}V${yb}H${xb}`;
    }
    lines.push(`<path d="${d}" ${style}/>${crowFoot(xa, ya, right ? 1 : -1, color)}${oneBar(xb, yb, bRight ? 1 : -1, color)}`);
  }

  const names = model.models.map((m) => m.name);
  const size = options.width === "fluid" ? `width="100%"` : `width="${W}" height="${height}"`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" ${size} role="img" aria-labelledby="er-title" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">`,
    `<title id="er-title">Data model: ${names.length} tables (${escapeXml(names.join(", "))})</title>`,
    `<rect width="${W}" height="${height}" fill="#ffffff"/>`,
    lg.svg,
    ...lines,
    ...[...boxes.values()].map(boxSvg),
    `</svg>`,
    "",
  ].join("\n");
}
