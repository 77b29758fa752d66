/**
 * Building blocks shared by the PDF reports: page frame (header, footer with page numbers), section
 * titles, KPI tiles, a table, badges, callouts and SVG charts. Built-in Helvetica only.
 *
 * The react-pdf primitives are plain strings at run time ("VIEW", "TEXT", ...), declared here with
 * the library's types instead of imported: @react-pdf/renderer is ESM-only and tsx cannot `require`
 * it from this CommonJS package, so the renderer itself is loaded with `import()` in `renderPdf`.
 */
import type * as RP from "@react-pdf/renderer";
import type { ReactElement, ReactNode } from "react";
import type { Severity } from "@/lib/pipeline/types";
import { formatCompact, formatDateTime, niceTicks, toWinAnsi } from "./format";

type Style = RP.Styles[string];
const primitive = <T,>(name: string): T => name as unknown as T;
export const Document = primitive<typeof RP.Document>("DOCUMENT");
export const Page = primitive<typeof RP.Page>("PAGE");
export const View = primitive<typeof RP.View>("VIEW");
export const Text = primitive<typeof RP.Text>("TEXT");
export const Svg = primitive<typeof RP.Svg>("SVG");
export const G = primitive<typeof RP.G>("G");
export const Rect = primitive<typeof RP.Rect>("RECT");
export const Line = primitive<typeof RP.Line>("LINE");
export const Path = primitive<typeof RP.Path>("PATH");
export const Circle = primitive<typeof RP.Circle>("CIRCLE");

/** Renders a `<ReportDocument>` element to PDF bytes (Node only). */
export async function renderPdf(doc: ReactElement): Promise<Buffer> {
  const { renderToBuffer } = await import("@react-pdf/renderer");
  return renderToBuffer(doc as Parameters<typeof renderToBuffer>[0]);
}

export const PRODUCT_NAME = "Clickstream Analytics";
export const palette = {
  ink: "#1f2933", muted: "#616e7c", faint: "#9aa5b1", rule: "#d9dee4", zebra: "#f4f6f8", panel: "#f7f9fb",
  accent: "#1f6f8b", accentSoft: "#d6e9f0", success: "#2e7d32", critical: "#c62828", warning: "#c77c02", info: "#607d8b",
} as const;
export type Tone = "neutral" | "accent" | "success" | Severity;
export const toneColor: Record<Tone, string> = {
  neutral: palette.muted, accent: palette.accent, success: palette.success,
  critical: palette.critical, warning: palette.warning, info: palette.info,
};
const toneTint: Record<Tone, string> = {
  neutral: palette.panel, accent: "#eef6f9", success: "#eef7ee", critical: "#fdeeee", warning: "#fdf5e6", info: "#f0f3f5",
};
const BOLD = "Helvetica-Bold";
/** Pass as `hyphenationCallback` to wrap only between words (react-pdf hyphenates by default). */
export const noHyphens = (word: string): string[] => [word];
/**
 * `hyphenationCallback` for text with long unbroken tokens (URLs, ids): words wrap whole, and a
 * token too long for a line may break after / ? & = (react-pdf marks such a break with "-").
 */
export const breakLongWords = (word: string): string[] => {
  if (word.length <= 24) return [word];
  return word.split(/(?<=[/?&=])/).flatMap((part) => part.match(/.{1,24}/g) ?? [part]);
};
/** Width of the content area of an A4 page (points) in each orientation. */
export const CONTENT_WIDTH = { portrait: 515, landscape: 762 } as const;

const s = {
  page: { fontFamily: "Helvetica", fontSize: 9, color: palette.ink, paddingTop: 46, paddingBottom: 54, paddingHorizontal: 40 },
  running: { position: "absolute", top: 20, left: 40, right: 40, flexDirection: "row", justifyContent: "space-between", fontSize: 7.5, color: palette.faint, borderBottomWidth: 0.5, borderBottomColor: palette.rule, paddingBottom: 3 },
  runningSlot: { position: "absolute", top: 20, left: 40, right: 40 },
  footer: { position: "absolute", bottom: 24, left: 40, right: 40, flexDirection: "row", justifyContent: "space-between", fontSize: 7.5, color: palette.muted, borderTopWidth: 0.5, borderTopColor: palette.rule, paddingTop: 5 },
  product: { fontFamily: BOLD, fontSize: 8, color: palette.accent, letterSpacing: 1.2, textTransform: "uppercase" },
  title: { fontFamily: BOLD, fontSize: 20, marginTop: 4, lineHeight: 1.2 },
  subtitle: { fontSize: 10, color: palette.muted, marginTop: 3 },
  note: { fontSize: 8, color: palette.muted, marginTop: 3 },
  titleRule: { height: 2, width: 48, backgroundColor: palette.accent, marginTop: 10, marginBottom: 14 },
  section: { marginTop: 14, marginBottom: 6 },
  sectionTitle: { fontFamily: BOLD, fontSize: 12.5, color: palette.ink },
  caption: { fontSize: 8, color: palette.muted, marginTop: 2 },
  th: { fontFamily: BOLD, fontSize: 7, color: palette.muted, paddingVertical: 4, paddingHorizontal: 4 },
  td: { paddingVertical: 3.5, paddingHorizontal: 4 },
} satisfies Record<string, Style>;

export interface ReportMeta {
  title: string;
  subtitle?: string;
  /** A line under the subtitle that qualifies every figure (e.g. the robot sessions left out). */
  note?: string | null;
  runId: number | string | null;
  generatedAt: Date | string;
}

/**
 * The whole document: one flowing A4 page frame; sections follow each other, each `<SectionTitle>`
 * moving to the next page when too little of the page is left for its first block.
 * (No `lineHeight` on the page style: with one there, react-pdf 4 drops the fixed footer whose page
 * number is a render prop. Set line heights on the texts that need them, always together with a
 * `fontSize` in the same style: a unitless line height is resolved against that style's font size,
 * 18 when it has none.)
 */
export function ReportDocument({ meta, orientation = "portrait", children }: { meta: ReportMeta; orientation?: "portrait" | "landscape"; children: ReactNode }) {
  const footerLeft = `${meta.runId == null ? "No run" : `Run #${meta.runId}`}  ·  Generated ${formatDateTime(meta.generatedAt)}`;
  return (
    <Document title={`${meta.title} - ${PRODUCT_NAME}`} author={PRODUCT_NAME} creator={PRODUCT_NAME} producer={PRODUCT_NAME} subject={meta.subtitle}>
      <Page size="A4" orientation={orientation} style={s.page} wrap>
        <View fixed style={s.runningSlot} render={({ pageNumber }) => (pageNumber > 1 ? <View style={{ ...s.running, position: "relative", top: 0, left: 0, right: 0 }}><Text>{PRODUCT_NAME}</Text><Text>{toWinAnsi(meta.title)}</Text></View> : null)} />
        <View>
          <Text style={s.product}>{PRODUCT_NAME}</Text>
          <Text style={s.title}>{toWinAnsi(meta.title)}</Text>
          {meta.subtitle ? <Text style={s.subtitle}>{toWinAnsi(meta.subtitle)}</Text> : null}
          {meta.note ? <Text style={s.note}>{toWinAnsi(meta.note)}</Text> : null}
          <View style={s.titleRule} />
        </View>
        {children}
        <View fixed style={s.footer}>
          <Text>{footerLeft}</Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}

/**
 * Points of what follows a heading that must share its page: a table's header and its tallest
 * first row (a finding with three example rows), or the first lines of a paragraph.
 */
export const KEEP_WITH_NEXT = 110;

/**
 * A section heading that stays with what follows: when fewer than `keepWithNext` points of the
 * page are left below it, it starts the next page instead (react-pdf's `minPresenceAhead`). Set
 * `keepWithNext` to the height of the first block that cannot break (a chart, a pair of charts) when
 * that is taller than a table's first row. react-pdf only moves a heading among its siblings, and not
 * when it is the first of them: keep headings direct children of the page, sections as fragments
 * (not wrapped in a View). With `breakBefore` it always starts a new page (a page can then be left
 * nearly empty by a few rows of the section before).
 */
export function SectionTitle({ children, caption, breakBefore = false, keepWithNext = KEEP_WITH_NEXT }: { children: string; caption?: string; breakBefore?: boolean; keepWithNext?: number }) {
  return (
    <View style={s.section} break={breakBefore} minPresenceAhead={keepWithNext} wrap={false}>
      <Text style={s.sectionTitle}>{toWinAnsi(children)}</Text>
      {caption ? <Text style={s.caption}>{toWinAnsi(caption)}</Text> : null}
    </View>
  );
}

export function Paragraph({ children, muted = false, size = 9 }: { children: ReactNode; muted?: boolean; size?: number }) {
  const text = typeof children === "string" ? toWinAnsi(children) : children;
  return <Text hyphenationCallback={noHyphens} style={{ fontSize: size, color: muted ? palette.muted : palette.ink, marginBottom: 5, lineHeight: 1.35 }}>{text}</Text>;
}

export function Callout({ tone = "info", title, children }: { tone?: Tone; title?: string; children: ReactNode }) {
  return (
    <View wrap={false} style={{ borderLeftWidth: 3, borderLeftColor: toneColor[tone], backgroundColor: toneTint[tone], paddingVertical: 7, paddingHorizontal: 10, marginVertical: 6 }}>
      {title ? <Text style={{ fontFamily: BOLD, fontSize: 9.5, marginBottom: 3, color: palette.ink }}>{toWinAnsi(title)}</Text> : null}
      {typeof children === "string" ? <Text hyphenationCallback={noHyphens} style={{ fontSize: 9, lineHeight: 1.35 }}>{toWinAnsi(children)}</Text> : children}
    </View>
  );
}

export function Badge({ label, tone }: { label: string; tone: Tone }) {
  return (
    <View style={{ backgroundColor: toneColor[tone], borderRadius: 2, paddingHorizontal: 4, paddingVertical: 1.5, alignSelf: "flex-start" }}>
      <Text style={{ color: "#ffffff", fontFamily: BOLD, fontSize: 6.5, letterSpacing: 0.4, textTransform: "uppercase", lineHeight: 1.2 }}>{label}</Text>
    </View>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge label={severity} tone={severity} />;
}

export interface Kpi {
  label: string;
  value: string;
  hint?: string;
  tone?: Tone;
}

/** A row of equal tiles: label, big value, optional hint; the top border carries the tone. */
export function KpiRow({ items }: { items: Kpi[] }) {
  return (
    <View wrap={false} style={{ flexDirection: "row", marginVertical: 4 }}>
      {items.map((k, i) => (
        <View key={`${k.label}-${i}`} style={{ flex: 1, marginLeft: i === 0 ? 0 : 6, borderWidth: 0.5, borderColor: palette.rule, borderTopWidth: 2.5, borderTopColor: toneColor[k.tone ?? "accent"], paddingVertical: 6, paddingHorizontal: 7 }}>
          <Text style={{ fontSize: 6.5, color: palette.muted, textTransform: "uppercase", letterSpacing: 0.5 }}>{toWinAnsi(k.label)}</Text>
          <Text style={{ fontFamily: BOLD, fontSize: 14, lineHeight: 1.2, marginTop: 2, color: k.tone && k.tone !== "accent" && k.tone !== "neutral" ? toneColor[k.tone] : palette.ink }}>{toWinAnsi(k.value)}</Text>
          {k.hint ? <Text style={{ fontSize: 6.5, color: palette.muted, marginTop: 1 }}>{toWinAnsi(k.hint)}</Text> : null}
        </View>
      ))}
    </View>
  );
}

export interface Column<T> {
  header: string;
  /** Relative width (the columns' widths are shares of their sum). */
  width: number;
  align?: "left" | "right" | "center";
  /** Cell content: strings and numbers are drawn as text, anything else as given. */
  value: (row: T, index: number) => ReactNode;
  color?: (row: T) => string | undefined;
  bold?: boolean;
}

/**
 * A table with a header repeated on every page it spans; rows never split across pages. No margin
 * below it: react-pdf moves a whole wrapping View to the next page when it fits but its bottom
 * margin does not, which left a table's heading alone at the bottom of a page (what follows a table
 * brings its own top margin).
 */
export function DataTable<T>({ columns, rows, emptyText = "No rows.", fontSize = 7.5 }: { columns: Column<T>[]; rows: T[]; emptyText?: string; fontSize?: number }) {
  const total = columns.reduce((sum, c) => sum + c.width, 0) || 1;
  const cellStyle = (c: Column<T>): Style => ({ ...s.td, width: `${(c.width / total) * 100}%`, textAlign: c.align ?? "left" });
  return (
    <View style={{ marginTop: 4, borderTopWidth: 1, borderTopColor: palette.ink }}>
      <View fixed style={{ flexDirection: "row", backgroundColor: palette.panel, borderBottomWidth: 0.5, borderBottomColor: palette.faint }}>
        {columns.map((c, i) => (
          <Text key={i} hyphenationCallback={noHyphens} style={{ ...s.th, width: `${(c.width / total) * 100}%`, textAlign: c.align ?? "left" }}>{toWinAnsi(c.header)}</Text>
        ))}
      </View>
      {rows.length === 0 ? <Text style={{ ...s.td, color: palette.muted, fontSize }}>{toWinAnsi(emptyText)}</Text> : null}
      {rows.map((row, r) => (
        <View key={r} wrap={false} style={{ flexDirection: "row", backgroundColor: r % 2 === 1 ? palette.zebra : "#ffffff", borderBottomWidth: 0.5, borderBottomColor: palette.rule }}>
          {columns.map((c, i) => {
            const v = c.value(row, r);
            const text = typeof v === "string" || typeof v === "number";
            return text ? (
              <Text key={i} hyphenationCallback={noHyphens} style={{ ...cellStyle(c), fontSize, color: c.color?.(row) ?? palette.ink, fontFamily: c.bold ? BOLD : "Helvetica" }}>{toWinAnsi(String(v))}</Text>
            ) : (
              <View key={i} style={{ ...cellStyle(c), alignItems: c.align === "right" ? "flex-end" : c.align === "center" ? "center" : "flex-start" }}>{v}</View>
            );
          })}
        </View>
      ))}
    </View>
  );
}

/** A titled chart (or any figure) kept whole on one page. */
export function Figure({ title, caption, children }: { title?: string; caption?: string; children: ReactNode }) {
  return (
    <View wrap={false} style={{ marginVertical: 6 }}>
      {title ? <Text style={{ fontFamily: BOLD, fontSize: 9.5, marginBottom: 1 }}>{toWinAnsi(title)}</Text> : null}
      {caption ? <Text style={{ fontSize: 7.5, color: palette.muted, marginBottom: 4 }}>{toWinAnsi(caption)}</Text> : null}
      {children}
    </View>
  );
}

// ---- charts ---------------------------------------------------------------------------------

export interface BarDatum { label: string; value: number; color?: string }
/** A vertical line on a category axis: `at` 0 is the first category's centre, 0.5 the boundary after it. */
export interface ChartMarker { at: number; label: string; color?: string }
interface ChartSize {
  width?: number;
  height?: number;
  /** Formats values (bar labels) and, unless `axisFormat` is given, the axis ticks. */
  format?: (v: number) => string;
  axisFormat?: (v: number) => string;
}

/** Approximate Helvetica advance widths (em) by character class, to size labels without a font. */
function charWidth(ch: string): number {
  if (/[0-9]/.test(ch)) return 0.556;
  if (/[ijlI.,:;'|!]/.test(ch)) return 0.25;
  if (/[ ft()[\]\-]/.test(ch)) return 0.31;
  if (/[mwMW%@]/.test(ch)) return 0.86;
  if (/[A-Z_&]/.test(ch)) return 0.68;
  return 0.53;
}
const textWidth = (text: string, size: number) => [...text].reduce((sum, ch) => sum + charWidth(ch), 0) * size;

function Label({ x, y, text, size = 6.5, anchor = "start", color = palette.muted, bold = false }: { x: number; y: number; text: string; size?: number; anchor?: "start" | "middle" | "end"; color?: string; bold?: boolean }) {
  return <Text x={x} y={y} textAnchor={anchor} fill={color} style={{ fontSize: size, fontFamily: bold ? BOLD : "Helvetica" }}>{toWinAnsi(text)}</Text>;
}

function NoData({ width, height }: { width: number; height: number }) {
  return (
    <View style={{ width, height: Math.min(height, 60), borderWidth: 0.5, borderColor: palette.rule, alignItems: "center", justifyContent: "center" }}>
      <Text style={{ color: palette.muted, fontSize: 8 }}>No data</Text>
    </View>
  );
}

/** Value axis: ticks, grid lines and labels; returns the y scale. */
function valueAxis(lo: number, hi: number, top: number, bottom: number, left: number, right: number, format: (v: number) => string) {
  const ticks = niceTicks(lo, hi, 4);
  const min = ticks[0] ?? 0;
  const max = ticks[ticks.length - 1] ?? 1;
  const y = (v: number) => bottom - ((v - min) / (max - min || 1)) * (bottom - top);
  const grid = ticks.map((t) => (
    <G key={t}>
      <Line x1={left} x2={right} y1={y(t)} y2={y(t)} stroke={t === 0 ? palette.faint : palette.rule} strokeWidth={0.5} />
      <Label x={left - 4} y={y(t) + 2.2} anchor="end" text={format(t)} />
    </G>
  ));
  return { y, grid, width: Math.max(...ticks.map((t) => textWidth(format(t), 6.5))) };
}

function categoryLabels(labels: string[], xAt: (i: number) => number, slot: number, y: number) {
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, 6.5)));
  const every = Math.max(1, Math.ceil((widest + 6) / Math.max(slot, 1)));
  return labels.map((l, i) => (i % every === 0 ? <Label key={i} x={xAt(i)} y={y} anchor="middle" text={l} /> : null));
}

function Marker({ marker, x, top, bottom, right }: { marker: ChartMarker; x: number; top: number; bottom: number; right: number }) {
  const color = marker.color ?? palette.critical;
  const flip = x + textWidth(marker.label, 6.5) + 4 > right;
  return (
    <G>
      <Line x1={x} x2={x} y1={top - 4} y2={bottom} stroke={color} strokeWidth={1} strokeDasharray="3 2" />
      <Label x={flip ? x - 3 : x + 3} y={top + 2} anchor={flip ? "end" : "start"} text={marker.label} color={color} bold />
    </G>
  );
}

export function BarChart({ data, width = CONTENT_WIDTH.portrait, height = 170, format = formatCompact, axisFormat = format, color = palette.accent, showValues = true, marker }: ChartSize & { data: BarDatum[]; color?: string; showValues?: boolean; marker?: ChartMarker }) {
  if (data.length === 0) return <NoData width={width} height={height} />;
  const top = 14, bottom = height - 16;
  const max = Math.max(0, ...data.map((d) => d.value));
  const left = valueAxis(0, max, top, bottom, 0, 0, axisFormat).width + 8, right = width - 4;
  const { y, grid } = valueAxis(0, max, top, bottom, left, right, axisFormat);
  const slot = (right - left) / data.length;
  const xAt = (i: number) => left + slot * (i + 0.5);
  const barW = Math.min(slot * 0.7, 46);
  const valuesFit = showValues && data.every((d) => textWidth(format(d.value), 6) <= slot - 2);
  return (
    <Svg width={width} height={height}>
      {grid}
      {data.map((d, i) => (
        <G key={i}>
          <Rect x={xAt(i) - barW / 2} y={y(Math.max(0, d.value))} width={barW} height={Math.max(0, bottom - y(Math.max(0, d.value)))} fill={d.color ?? color} />
          {valuesFit ? <Label x={xAt(i)} y={y(Math.max(0, d.value)) - 2.5} anchor="middle" size={6} color={palette.ink} text={format(d.value)} /> : null}
        </G>
      ))}
      {categoryLabels(data.map((d) => d.label), xAt, slot, bottom + 10)}
      {marker ? <Marker marker={marker} x={xAt(marker.at)} top={top} bottom={bottom} right={right} /> : null}
    </Svg>
  );
}

export interface LineSeries { name: string; values: (number | null)[]; color?: string; dashed?: boolean }
export interface LineBand { lower: (number | null)[]; upper: (number | null)[]; label?: string; color?: string }
const SERIES_COLORS = [palette.accent, "#d9822b", "#7a5195", "#2e7d32", "#8d6e63"];

export function LineChart({ labels, series, band, width = CONTENT_WIDTH.portrait, height = 170, format = formatCompact, axisFormat = format, yMin, marker }: ChartSize & { labels: string[]; series: LineSeries[]; band?: LineBand; yMin?: number; marker?: ChartMarker }) {
  const all = [...series.flatMap((x) => x.values), ...(band ? [...band.lower, ...band.upper] : [])].filter((v): v is number => v != null && Number.isFinite(v));
  if (labels.length === 0 || all.length === 0) return <NoData width={width} height={height} />;
  const lo = yMin ?? Math.min(0, ...all);
  const legend = series.length > 1 || band?.label;
  const top = legend ? 24 : 12, bottom = height - 16;
  const left = valueAxis(lo, Math.max(...all), top, bottom, 0, 0, axisFormat).width + 8, right = width - 8;
  const { y, grid } = valueAxis(lo, Math.max(...all), top, bottom, left, right, axisFormat);
  const slot = labels.length > 1 ? (right - left - 12) / (labels.length - 1) : 0;
  const xAt = (i: number) => (labels.length > 1 ? left + 6 + slot * i : (left + right) / 2);
  const path = (values: (number | null)[]) =>
    values.map((v, i) => (v == null ? "" : `${i > 0 && values[i - 1] != null ? "L" : "M"}${xAt(i).toFixed(1)},${y(v).toFixed(1)}`)).join(" ");
  const bandPts = band ? labels.map((_, i) => ({ i, lo: band.lower[i], hi: band.upper[i] })).filter((p) => p.lo != null && p.hi != null) : [];
  const bandPath = bandPts.length > 1
    ? `${bandPts.map((p, k) => `${k ? "L" : "M"}${xAt(p.i).toFixed(1)},${y(p.hi ?? 0).toFixed(1)}`).join(" ")} ${[...bandPts].reverse().map((p) => `L${xAt(p.i).toFixed(1)},${y(p.lo ?? 0).toFixed(1)}`).join(" ")} Z`
    : null;
  const items = [...series.map((x, i) => ({ name: x.name, color: x.color ?? SERIES_COLORS[i % SERIES_COLORS.length] ?? palette.accent, band: false })), ...(band?.label ? [{ name: band.label, color: band.color ?? palette.accent, band: true }] : [])];
  let lx = left;
  return (
    <Svg width={width} height={height}>
      {grid}
      {bandPath ? <Path d={bandPath} fill={band?.color ?? palette.accent} fillOpacity={0.13} /> : null}
      {series.map((x, i) => {
        const c = items[i]?.color ?? palette.accent;
        return (
          <G key={x.name}>
            <Path d={path(x.values)} stroke={c} strokeWidth={1.4} fill="none" strokeDasharray={x.dashed ? "4 2" : undefined} />
            {labels.length <= 40 ? x.values.map((v, k) => (v == null ? null : <Circle key={k} cx={xAt(k)} cy={y(v)} r={1.8} fill={c} />)) : null}
          </G>
        );
      })}
      {categoryLabels(labels, xAt, slot || right - left, bottom + 10)}
      {legend
        ? items.map((it) => {
            const x0 = lx;
            lx += textWidth(it.name, 6.5) + 22;
            return (
              <G key={it.name}>
                {it.band ? <Rect x={x0} y={5} width={10} height={6} fill={it.color} fillOpacity={0.2} /> : <Rect x={x0} y={7} width={10} height={2} fill={it.color} />}
                <Label x={x0 + 13} y={10.5} text={it.name} color={palette.ink} />
              </G>
            );
          })
        : null}
      {marker ? <Marker marker={marker} x={xAt(marker.at)} top={top} bottom={bottom} right={right} /> : null}
    </Svg>
  );
}

/** Horizontal bars with the label on the left and the value at the bar's end; height follows the rows. */
export function HorizontalBarChart({ data, width = CONTENT_WIDTH.portrait, format = formatCompact, color = palette.accent, barHeight = 11 }: Omit<ChartSize, "height"> & { data: BarDatum[]; color?: string; barHeight?: number }) {
  if (data.length === 0) return <NoData width={width} height={60} />;
  const labelW = Math.min(width * 0.4, Math.max(...data.map((d) => textWidth(d.label, 7))) + 8);
  const valueW = Math.max(...data.map((d) => textWidth(format(d.value), 6.5))) + 6;
  const max = Math.max(0, ...data.map((d) => d.value)) || 1;
  const rowH = barHeight + 6;
  const plotW = width - labelW - valueW;
  return (
    <Svg width={width} height={data.length * rowH + 4}>
      <Line x1={labelW} x2={labelW} y1={0} y2={data.length * rowH + 2} stroke={palette.faint} strokeWidth={0.5} />
      {data.map((d, i) => {
        const w = (Math.max(0, d.value) / max) * plotW;
        const yTop = 3 + i * rowH;
        return (
          <G key={i}>
            <Label x={labelW - 5} y={yTop + barHeight / 2 + 2.4} anchor="end" size={7} color={palette.ink} text={d.label} />
            <Rect x={labelW} y={yTop} width={Math.max(w, 0.5)} height={barHeight} fill={d.color ?? color} />
            <Label x={labelW + w + 3} y={yTop + barHeight / 2 + 2.3} text={format(d.value)} color={palette.ink} />
          </G>
        );
      })}
    </Svg>
  );
}

export interface GroupedBarDatum { label: string; values: number[] }
export interface BarSeries { name: string; color: string }

/** Horizontal bars grouped per category (one bar per series, e.g. two models), with a legend and values at the bar ends. */
export function GroupedHorizontalBarChart({ data, series, width = CONTENT_WIDTH.portrait, format = formatCompact, barHeight = 8 }: Omit<ChartSize, "height"> & { data: GroupedBarDatum[]; series: BarSeries[]; barHeight?: number }) {
  if (data.length === 0 || series.length === 0) return <NoData width={width} height={60} />;
  const labelW = Math.min(width * 0.4, Math.max(...data.map((d) => textWidth(d.label, 7))) + 8);
  const valueW = Math.max(...data.flatMap((d) => d.values.map((v) => textWidth(format(v), 6.5)))) + 6;
  const max = Math.max(0, ...data.flatMap((d) => d.values)) || 1;
  const legendH = 16;
  const groupH = series.length * (barHeight + 1.5) + 7;
  const plotW = width - labelW - valueW;
  let lx = labelW;
  return (
    <Svg width={width} height={legendH + data.length * groupH + 4}>
      {series.map((s) => {
        const x0 = lx;
        lx += textWidth(s.name, 6.5) + 24;
        return (
          <G key={s.name}>
            <Rect x={x0} y={3} width={10} height={7} fill={s.color} />
            <Label x={x0 + 13} y={9.3} text={s.name} color={palette.ink} />
          </G>
        );
      })}
      <Line x1={labelW} x2={labelW} y1={legendH} y2={legendH + data.length * groupH + 2} stroke={palette.faint} strokeWidth={0.5} />
      {data.map((d, i) => {
        const gTop = legendH + 3 + i * groupH;
        return (
          <G key={i}>
            <Label x={labelW - 5} y={gTop + (series.length * (barHeight + 1.5)) / 2 + 2.4} anchor="end" size={7} color={palette.ink} text={d.label} />
            {series.map((s, k) => {
              const v = d.values[k] ?? 0;
              const w = (Math.max(0, v) / max) * plotW;
              const yTop = gTop + k * (barHeight + 1.5);
              return (
                <G key={k}>
                  <Rect x={labelW} y={yTop} width={Math.max(w, 0.5)} height={barHeight} fill={s.color} />
                  <Label x={labelW + w + 3} y={yTop + barHeight / 2 + 2.2} size={6} text={format(v)} color={palette.ink} />
                </G>
              );
            })}
          </G>
        );
      })}
    </Svg>
  );
}

// ---- fixed-length documents and dual-axis charts ---------------------------------------------

/** Height of the content area of an A4 page (points) in each orientation, a point under the exact value. */
const CONTENT_HEIGHT = { portrait: 740, landscape: 494 } as const;

/**
 * A document of exactly `pages.length` A4 pages: each page's content sits in a frame of the page's
 * content height that never breaks onto another page (what does not fit is clipped, so keep each
 * page's content short). The first page carries the title block, the others a running header; the
 * footer shows the run id, `footerNote` (e.g. a date range), the generation time and "Page n of N".
 * (react-pdf's own `<Page wrap={false}>` shrinks the page to its content, hence the frame.)
 */
export function FixedPagesDocument({ meta, pages, footerNote, orientation = "portrait" }: { meta: ReportMeta; pages: ReactNode[]; footerNote?: string; orientation?: "portrait" | "landscape" }) {
  const footerLeft = [meta.runId == null ? "No run" : `Run #${meta.runId}`, footerNote, `Generated ${formatDateTime(meta.generatedAt)}`].filter(Boolean).join("  ·  ");
  return (
    <Document title={`${meta.title} - ${PRODUCT_NAME}`} author={PRODUCT_NAME} creator={PRODUCT_NAME} producer={PRODUCT_NAME} subject={meta.subtitle}>
      {pages.map((content, i) => (
        <Page key={i} size="A4" orientation={orientation} style={s.page}>
          {i > 0 ? (
            <View fixed style={s.running}>
              <Text>{PRODUCT_NAME}</Text>
              <Text>{toWinAnsi(meta.title)}</Text>
            </View>
          ) : null}
          <View wrap={false} style={{ height: CONTENT_HEIGHT[orientation], overflow: "hidden" }}>
            <View style={{ flexShrink: 0 }}>
              {i === 0 ? (
                <View>
                  <Text style={s.product}>{PRODUCT_NAME}</Text>
                  <Text style={s.title}>{toWinAnsi(meta.title)}</Text>
                  {meta.subtitle ? <Text style={s.subtitle}>{toWinAnsi(meta.subtitle)}</Text> : null}
                  <View style={s.titleRule} />
                </View>
              ) : null}
              {content}
            </View>
          </View>
          <View fixed style={s.footer}>
            <Text>{toWinAnsi(footerLeft)}</Text>
            <Text>{`Page ${i + 1} of ${pages.length}`}</Text>
          </View>
        </Page>
      ))}
    </Document>
  );
}

/** The smallest 1, 2, 2.5 or 5 x 10^n step of at least `raw` (1 at least when `integer`). */
function niceStep(raw: number, integer: boolean): number {
  if (!(raw > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  return integer ? Math.max(1, Math.ceil(step)) : step;
}

/**
 * Bars on the left axis and a line on a right axis sharing the grid (e.g. daily revenue and
 * orders), with a legend. The right axis is scaled so its ticks sit on the left axis' grid lines.
 */
export function BarLineChart({ labels, bars, line, width = CONTENT_WIDTH.portrait, height = 170, barFormat = formatCompact, lineFormat = formatCompact, barColor = palette.accent, lineColor = "#d9822b", integerLine = true }: {
  labels: string[];
  bars: { name: string; values: number[] };
  line: { name: string; values: (number | null)[] };
  width?: number;
  height?: number;
  barFormat?: (v: number) => string;
  lineFormat?: (v: number) => string;
  barColor?: string;
  lineColor?: string;
  integerLine?: boolean;
}) {
  if (labels.length === 0) return <NoData width={width} height={height} />;
  const top = 24, bottom = height - 16;
  const maxBar = Math.max(0, ...bars.values);
  const lineValues = line.values.filter((v): v is number => v != null && Number.isFinite(v));
  const ticks = niceTicks(0, maxBar, 4);
  const intervals = Math.max(1, ticks.length - 1);
  const step = niceStep(Math.max(0, ...lineValues) / intervals, integerLine);
  const rightTicks = ticks.map((_, i) => step * i);
  const rightMax = step * intervals;
  const rightW = Math.max(...rightTicks.map((t) => textWidth(lineFormat(t), 6.5))) + 8;
  const left = valueAxis(0, maxBar, top, bottom, 0, 0, barFormat).width + 8, right = width - rightW;
  const { y, grid } = valueAxis(0, maxBar, top, bottom, left, right, barFormat);
  const yR = (v: number) => bottom - (v / (rightMax || 1)) * (bottom - top);
  const slot = (right - left) / labels.length;
  const xAt = (i: number) => left + slot * (i + 0.5);
  const barW = Math.min(slot * 0.65, 40);
  const path = line.values.map((v, i) => (v == null ? "" : `${i > 0 && line.values[i - 1] != null ? "L" : "M"}${xAt(i).toFixed(1)},${yR(v).toFixed(1)}`)).join(" ");
  const legendX = left + 13 + textWidth(`${bars.name} (left axis)`, 6.5) + 14;
  return (
    <Svg width={width} height={height}>
      {grid}
      {rightTicks.map((t) => <Label key={t} x={right + 4} y={yR(t) + 2.2} text={lineFormat(t)} />)}
      {bars.values.map((v, i) => <Rect key={i} x={xAt(i) - barW / 2} y={y(Math.max(0, v))} width={barW} height={Math.max(0, bottom - y(Math.max(0, v)))} fill={barColor} />)}
      <Path d={path} stroke={lineColor} strokeWidth={1.6} fill="none" />
      {labels.length <= 40 ? line.values.map((v, i) => (v == null ? null : <Circle key={i} cx={xAt(i)} cy={yR(v)} r={2} fill={lineColor} />)) : null}
      {categoryLabels(labels, xAt, slot, bottom + 10)}
      <Rect x={left} y={5} width={10} height={7} fill={barColor} />
      <Label x={left + 13} y={11} text={`${bars.name} (left axis)`} color={palette.ink} />
      <Rect x={legendX} y={7.5} width={10} height={2} fill={lineColor} />
      <Label x={legendX + 13} y={11} text={`${line.name} (right axis)`} color={palette.ink} />
    </Svg>
  );
}
