/**
 * The executive summary as a two-page PDF. Page 1: KPI tiles with their change against the previous
 * period, the daily revenue and orders trend, the channel mix. Page 2: what's working, what's
 * concerning and recommendations, device and visitor split, top products, time to purchase and
 * data-quality caveats. Always exactly two pages: lists are capped so each page fits.
 */
import type { ReactNode } from "react";
import type { ExecutiveSummary } from "@/lib/db/queries/executive-summary";
import {
  caveatCount, caveatDays, deviceGapText, formatRange, isEmptyRange, kpiTiles, previousCoverage, productRevenueNotes, segmentLabel, type KpiTile,
} from "@/lib/views/executive-shape";
import { purchaseTimingCaption } from "@/lib/views/purchase-timing";
import { IDENTITY_LABELS, periodIdentityText } from "@/lib/views/identity-view";
import { THRESHOLDS } from "@/lib/insights/thresholds";
import { formatCurrency, formatDayShort, formatInt, formatPercent, toWinAnsi, truncate } from "./format";
import {
  BarLineChart, Callout, CONTENT_WIDTH, DataTable, Figure, FixedPagesDocument, HorizontalBarChart, Path, SectionTitle, Svg,
  Text, View, noHyphens, palette, renderPdf, type Column,
} from "./pdf-kit";

/** Caveats printed per insight (the rest are counted and shown in the app). */
const MAX_INSIGHT_CAVEATS = 2;
/**
 * Height (points) an insight column may fill: page 2 is fixed, and a column taller than this pushes
 * the sections below off the page (the layout then squeezes text over text). Insights are printed
 * while they fit, the rest counted ("+ 4 more in the app").
 */
const INSIGHT_BUDGET = 190;
const INSIGHT_TEXT_CHARS = 200;
const EVIDENCE_CHARS = 150;
const CAVEAT_CHARS = 150;
const MAX_PRODUCTS = 8;
const MAX_CAVEATS = 4;
const MAX_CHANNELS = 10;
const BOLD = "Helvetica-Bold";
const HALF = (CONTENT_WIDTH.portrait - 14) / 2;
/** An insight column: a third of the width less the gaps, and its text width inside the padding (in points: text measured against a percentage overlaps the next line). */
const INSIGHT_COLUMN = (CONTENT_WIDTH.portrait - 2 * 10) / 3;
const INSIGHT_TEXT = INSIGHT_COLUMN - 14;

export interface ExecutivePdfOptions {
  /** Shown in the footer; defaults to now. */
  generatedAt?: Date;
  /** Under the title: the definitions the run used (lib/views/definitions.ts), as the other PDFs print. */
  note?: string | null;
}

export async function renderExecutivePdf(data: ExecutiveSummary, options: ExecutivePdfOptions = {}): Promise<Buffer> {
  const comparison = comparisonText(data);
  const identity = IDENTITY_LABELS[data.identity].toLowerCase();
  const subtitle = `${formatRange(data.range)} (${data.range.days} ${data.range.days === 1 ? "day" : "days"})  ·  channel credit: ${data.modelLabel}, ${identity}`;
  const empty = isEmptyRange(data);
  return renderPdf(
    <FixedPagesDocument
      meta={{ title: "Executive summary", subtitle, runId: data.runId, generatedAt: options.generatedAt ?? new Date(), note: options.note }}
      footerNote={`${formatRange(data.range)}  ·  ${data.modelLabel}`}
      pages={[empty ? <EmptyPage key="1" data={data} /> : <PageOne key="1" data={data} comparison={comparison} />, empty ? <Callout key="2" tone="info" title="Nothing to analyse">Insights, the device split and top products need data in the period.</Callout> : <PageTwo key="2" data={data} />]}
    />,
  );
}

function comparisonText(data: ExecutiveSummary): string {
  const prev = formatRange(data.previousRange);
  if (!data.previous) return `No previous period: the data has nothing for ${prev}, so no changes are shown.`;
  const cov = previousCoverage(data);
  if (cov.covered < cov.days) return `Compared with ${prev}, which has data for only ${cov.covered} of its ${cov.days} days: totals are not compared, rates and averages are.`;
  return `Changes compare with the previous ${data.range.days} days, ${prev}.`;
}

function EmptyPage({ data }: { data: ExecutiveSummary }) {
  const where = data.dataRange ? `The run has data from ${formatRange(data.dataRange)}.` : "The run has no daily figures.";
  return <Callout tone="warning" title={`No data for ${formatRange(data.range)}`}>{`Nothing was recorded in this period. ${where}`}</Callout>;
}

// ---- page 1 -----------------------------------------------------------------------------------

function Arrow({ direction }: { direction: "up" | "down" }) {
  const d = direction === "up" ? "M0,6 L3.5,0 L7,6 Z" : "M0,0 L7,0 L3.5,6 Z";
  return (
    <Svg width={7} height={6} style={{ marginRight: 2.5, marginTop: 1 }}>
      <Path d={d} fill={direction === "up" ? palette.success : palette.critical} />
    </Svg>
  );
}

function Tile({ tile }: { tile: KpiTile }) {
  const c = tile.change;
  return (
    <View style={{ width: "24%", borderWidth: 0.5, borderColor: palette.rule, borderTopWidth: 2.5, borderTopColor: palette.accent, paddingVertical: 6, paddingHorizontal: 8 }}>
      <Text style={{ fontSize: 6.5, color: palette.muted, textTransform: "uppercase", letterSpacing: 0.5 }}>{toWinAnsi(tile.label)}</Text>
      <Text style={{ fontFamily: BOLD, fontSize: 16, marginTop: 2, lineHeight: 1.2 }}>{toWinAnsi(tile.value)}</Text>
      {c ? (
        <View style={{ flexDirection: "row", alignItems: "center", marginTop: 2 }}>
          {c.direction === "flat" ? null : <Arrow direction={c.direction} />}
          <Text style={{ fontSize: 7.5, fontFamily: BOLD, color: c.direction === "up" ? palette.success : c.direction === "down" ? palette.critical : palette.muted }}>
            {toWinAnsi(c.direction === "flat" ? "unchanged" : c.text)}
          </Text>
          <Text style={{ fontSize: 7, color: palette.muted, marginLeft: 4 }}>{toWinAnsi(`was ${tile.previous ?? "-"}`)}</Text>
        </View>
      ) : (
        <Text style={{ fontSize: 7, color: palette.muted, marginTop: 2 }}>{toWinAnsi(tile.note ?? "no comparison")}</Text>
      )}
    </View>
  );
}

/** A caveat beside the figure it qualifies (lib/views/caveats.ts): about two 7 pt lines on a portrait page. */
function CaveatLine({ text }: { text: string | null }) {
  if (!text) return null;
  return <Text style={{ fontSize: 7, color: "#8a5200", lineHeight: 1.3, marginBottom: 4 }}>{toWinAnsi(`Caveat. ${text}`)}</Text>;
}
const CAVEAT_LINE_HEIGHT = 22;

function PageOne({ data, comparison }: { data: ExecutiveSummary; comparison: string }) {
  const tiles = kpiTiles(data);
  const { conversion, orders, channels: channelCaveat } = data.numberCaveats;
  // The page is fixed: each caveat printed on it takes its height from the trend chart.
  // The identity line under the channel mix takes two lines' height too.
  const caveatLines = [conversion, orders, channelCaveat].filter(Boolean).length + 1;
  const rows = [tiles.slice(0, 4), tiles.slice(4)];
  const channels = data.channels.slice(0, MAX_CHANNELS);
  const revenueByShare = new Map(channels.map((c) => [c.share, c.revenue]));
  return (
    <View>
      <SectionTitle caption={comparison}>Key figures</SectionTitle>
      {rows.map((row, r) => (
        <View key={r} style={{ flexDirection: "row", justifyContent: "space-between", marginBottom: 6 }}>
          {row.map((t) => <Tile key={t.id} tile={t} />)}
          {row.length < 4 ? (
            <View style={{ width: "24%", justifyContent: "center", paddingHorizontal: 4 }}>
              <Text style={{ fontSize: 7, color: palette.muted }}>
                {toWinAnsi(`${formatInt(data.kpis.orders)} orders from ${formatInt(data.kpis.sessions)} sessions in ${data.range.days} days; the run rate is revenue per day x 365, from at least ${THRESHOLDS.minRunRateDays} days of data.`)}
              </Text>
            </View>
          ) : null}
        </View>
      ))}
      <CaveatLine text={conversion} />
      <CaveatLine text={orders} />
      <SectionTitle caption="Revenue per day (bars, left axis) and orders per day (line, right axis).">Daily trend</SectionTitle>
      <BarLineChart
        labels={data.daily.map((d) => formatDayShort(d.day))}
        bars={{ name: "Revenue", values: data.daily.map((d) => d.revenue) }}
        line={{ name: "Orders", values: data.daily.map((d) => d.orders) }}
        barFormat={(v) => `$${formatInt(v)}`}
        lineFormat={formatInt}
        height={215 - CAVEAT_LINE_HEIGHT * caveatLines}
      />
      <SectionTitle caption={`Share of revenue credited to each channel under ${data.modelLabel.toLowerCase()} attribution (7-day lookback).`}>Channel mix</SectionTitle>
      <Text style={{ fontSize: 7, color: palette.muted, lineHeight: 1.3, marginBottom: 4 }}>{toWinAnsi(periodIdentityText(data.identity, data.persons))}</Text>
      <CaveatLine text={channelCaveat} />
      <HorizontalBarChart
        data={channels.map((c) => ({ label: c.channel, value: c.share, color: c.share > 0 ? palette.accent : palette.faint }))}
        format={(v) => `${formatPercent(v, 1)}   ${formatCurrency(revenueByShare.get(v) ?? 0, 0)}`}
        barHeight={10}
      />
      {data.channels.length > MAX_CHANNELS ? <Text style={{ fontSize: 7, color: palette.muted }}>{`+ ${data.channels.length - MAX_CHANNELS} smaller channels`}</Text> : null}
    </View>
  );
}

// ---- page 2 -----------------------------------------------------------------------------------

const LISTS = [
  { key: "working", title: "What's working", color: palette.success },
  { key: "concerning", title: "What's concerning", color: palette.critical },
  { key: "recommendations", title: "Recommendations", color: palette.accent },
] as const;

type InsightItem = ExecutiveSummary["insights"]["working"][number];

/** Lines a text takes at about `perLine` characters a line (generous: Helvetica averages fewer). */
const linesOf = (text: string, perLine: number) => Math.max(1, Math.ceil(text.length / perLine));
const evidenceText = (i: InsightItem) => truncate(`Evidence (${i.link.label}): ${i.evidence.map((e) => `${e.label} ${e.value}`).join(" · ")}`, EVIDENCE_CHARS);
const caveatTexts = (i: InsightItem) => i.caveats.slice(0, MAX_INSIGHT_CAVEATS).map((c) => truncate(`Caveat: ${c}`, CAVEAT_CHARS));

/** An upper estimate of an insight's printed height in points (7.5 pt text at 1.3, 6.5 pt notes at 1.25). */
function insightHeight(i: InsightItem): number {
  const text = linesOf(truncate(i.text, INSIGHT_TEXT_CHARS), 40) * 9.75;
  const notes = [evidenceText(i), ...caveatTexts(i)].reduce((h, t) => h + linesOf(t, 46) * 8.125 + 1, 0);
  return text + notes + (i.caveats.length > MAX_INSIGHT_CAVEATS ? 9 : 0) + 5;
}

/** The insights of a column that fit its budget, in order (at least the first). */
function fitting(items: InsightItem[]): InsightItem[] {
  let used = 0;
  const out: InsightItem[] = [];
  for (const i of items) {
    used += insightHeight(i);
    if (out.length > 0 && used > INSIGHT_BUDGET) break;
    out.push(i);
  }
  return out;
}

function InsightColumns({ insights }: { insights: ExecutiveSummary["insights"] }) {
  return (
    <View style={{ flexDirection: "row", justifyContent: "space-between" }}>
      {LISTS.map((l) => {
        const items = insights[l.key];
        const shown = fitting(items);
        return (
          <View key={l.key} style={{ width: INSIGHT_COLUMN, borderTopWidth: 2.5, borderTopColor: l.color, backgroundColor: palette.panel, paddingVertical: 6, paddingHorizontal: 7 }}>
            <Text style={{ fontFamily: BOLD, fontSize: 9.5, marginBottom: 4 }}>{toWinAnsi(l.title)}</Text>
            {items.length === 0 ? <Text style={{ fontSize: 7.5, color: palette.muted }}>Nothing stands out in this period.</Text> : null}
            {shown.map((i) => (
              <View key={i.id} style={{ marginBottom: 5, width: INSIGHT_TEXT }}>
                <Text hyphenationCallback={noHyphens} style={{ fontSize: 7.5, lineHeight: 1.3 }}>{toWinAnsi(truncate(i.text, INSIGHT_TEXT_CHARS))}</Text>
                <Text hyphenationCallback={noHyphens} style={{ fontSize: 6.5, color: palette.muted, marginTop: 1, lineHeight: 1.25 }}>{toWinAnsi(evidenceText(i))}</Text>
                {caveatTexts(i).map((c, k) => (
                  <Text key={k} hyphenationCallback={noHyphens} style={{ fontSize: 6.5, color: palette.warning, marginTop: 1, lineHeight: 1.25 }}>{toWinAnsi(c)}</Text>
                ))}
                {i.caveats.length > MAX_INSIGHT_CAVEATS ? (
                  <Text style={{ fontSize: 6.5, color: palette.warning, marginTop: 1 }}>{`+ ${i.caveats.length - MAX_INSIGHT_CAVEATS} more ${i.caveats.length - MAX_INSIGHT_CAVEATS === 1 ? "caveat" : "caveats"} in the app`}</Text>
                ) : null}
              </View>
            ))}
            {items.length > shown.length ? <Text style={{ fontSize: 6.5, color: palette.muted }}>{`+ ${items.length - shown.length} more in the app`}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}

type Segment = ExecutiveSummary["devices"][number];
const segmentColumns = (header: string): Column<Segment>[] => [
  { header, width: 1.3, value: (r) => segmentLabel(r.segment), bold: true },
  { header: "Sessions", width: 1.1, align: "right", value: (r) => formatInt(r.sessions) },
  { header: "Orders", width: 0.9, align: "right", value: (r) => formatInt(r.orders) },
  { header: "Conv.", width: 0.9, align: "right", value: (r) => formatPercent(r.conversionRate, 2) },
  { header: "Revenue", width: 1.2, align: "right", value: (r) => formatCurrency(r.revenue, 0) },
];

type Product = ExecutiveSummary["topProducts"][number];
/** Product, units, revenue; with an "of which estimated" column when a listed product has an estimated part. */
const productColumns = (withEstimate: boolean): Column<Product>[] => [
  { header: "Product", width: withEstimate ? 2.6 : 3.2, value: (p) => truncate(p.name, withEstimate ? 28 : 34) },
  { header: "Units", width: withEstimate ? 0.7 : 0.8, align: "right", value: (p) => formatInt(p.units) },
  { header: "Revenue", width: 1.2, align: "right", value: (p) => formatCurrency(p.revenue, 0) },
  ...(withEstimate ? [{ header: "of which est.", width: 1.3, align: "right" as const, value: (p: Product) => (p.estimated > 0 ? formatCurrency(p.estimated, 0) : "-") }] : []),
];

function Half({ title, caption, children }: { title: string; caption?: string; children: ReactNode }) {
  return (
    <View style={{ width: HALF }}>
      <Figure title={title} caption={caption}>{children}</Figure>
    </View>
  );
}

function PageTwo({ data }: { data: ExecutiveSummary }) {
  const caveats = data.caveats.slice(0, MAX_CAVEATS);
  const products = data.topProducts.slice(0, MAX_PRODUCTS);
  const notes = productRevenueNotes(data.productRevenue);
  return (
    <View>
      <SectionTitle caption={`Rules over the figures of ${formatRange(data.range)}: each with the numbers it rests on, its caveats, and the page that shows them.`}>Insights</SectionTitle>
      <InsightColumns insights={data.insights} />
      <SectionTitle caption="Conversion = orders / sessions.">Devices and visitors</SectionTitle>
      <View style={{ flexDirection: "row", justifyContent: "space-between" }}>
        <Half title="By device" caption={deviceGapText(data.deviceGap)}>
          <DataTable columns={segmentColumns("Device")} rows={data.devices} emptyText="No sessions." />
        </Half>
        <Half title="New vs returning visitors" caption={data.identity === "person" ? "Returning: the person had an earlier session on any device." : "Returning: the visitor had an earlier session."}>
          <DataTable columns={segmentColumns("Visitor")} rows={data.newVsReturning} emptyText="No sessions." />
        </Half>
      </View>
      <SectionTitle>Products and time to purchase</SectionTitle>
      <View style={{ flexDirection: "row", justifyContent: "space-between" }}>
        <Half title="Top products by revenue">
          <DataTable columns={productColumns(products.some((p) => p.estimated > 0))} rows={products} emptyText="No products sold." />
        </Half>
        <Half title="Time from first visit to purchase" caption={purchaseTimingCaption({ orders: data.timeFromFirstVisit.reduce((n, b) => n + b.orders, 0), firstSessionOrders: data.timeFromFirstVisit[0]?.orders ?? 0 })}>
          <HorizontalBarChart data={data.timeFromFirstVisit.map((b) => ({ label: b.label, value: b.orders }))} format={formatInt} width={HALF} barHeight={12} />
        </Half>
      </View>
      {products.length > 0 ? <CaveatLine text={data.numberCaveats.products} /> : null}
      {notes.length > 0 && products.length > 0 ? <Text style={{ fontSize: 7.5, color: palette.muted, lineHeight: 1.35, marginBottom: 4 }}>{toWinAnsi(notes.join(" "))}</Text> : null}
      {caveats.length > 0 ? (
        <Callout tone="warning" title="Data-quality caveats: read these figures with care">
          {caveats.map((c) => (
            <Text key={c.code} style={{ fontSize: 7.5, marginBottom: 2 }}>
              {toWinAnsi(`${caveatCount(c.code, c.count)} ${caveatDays(c.days)}: ${truncate(c.message, 160)}`)}
            </Text>
          ))}
          <Text style={{ fontSize: 7, color: palette.muted }}>
            {toWinAnsi(`${data.caveats.length > MAX_CAVEATS ? `+ ${data.caveats.length - MAX_CAVEATS} more. ` : ""}Details: the Data quality page and its PDF report.`)}
          </Text>
        </Callout>
      ) : null}
    </View>
  );
}
